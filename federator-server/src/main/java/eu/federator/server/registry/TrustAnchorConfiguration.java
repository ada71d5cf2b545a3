package eu.federator.server.registry;

import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.trust.TrustAnchors;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.server.config.ConfigurationError;
import eu.federator.server.identity.IdentityProperties;
import eu.federator.server.portal.onboarding.HostedDidFetcher;
import eu.federator.server.portal.onboarding.HostedIdentities;
import eu.federator.server.portal.onboarding.LabCertificateAuthority;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.springframework.beans.factory.ObjectProvider;
import eu.federator.trustframework.registry.TrustedLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The server's one outbound {@link ResourceFetcher} and its {@link TrustAnchors}: the {@code federator.trust.trust-anchors}
 * bundle, {@code federator.trust.additional-trust-anchors} files and directories, and the certificates imported from
 * {@code federator.trust.trusted-lists}, and with {@code federator.portal.lab-ca} the portal's lab CA (and the generated
 * clearing-house CA). The credential verifier, the registry's chain check and the compliance engine all use these.
 */
@Configuration(proxyBeanMethods = false)
public class TrustAnchorConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TrustAnchorConfiguration.class);
    /** Trusted lists are larger than DID documents: national lists reach several MB. */
    static final long TRUSTED_LIST_MAX_BYTES = 32L * 1024 * 1024;

    /**
     * The web mirror or the guarded HTTP client, behind the portal's {@link HostedDidFetcher}: Federator's own did:web
     * documents (hosted identities, the clearing house) are answered in process, everything else goes out unchanged.
     */
    @Bean
    ResourceFetcher outboundFetcher(VerifierSettings settings, HostedIdentities hostedIdentities, ObjectProvider<ServiceIdentity> service) {
        return new HostedDidFetcher(settings.fetcher(), hostedIdentities, service.getIfAvailable());
    }

    @Bean
    TrustAnchors trustAnchors(VerifierSettings settings, TrustListProperties lists, LabCertificateAuthority portalLabCa,
                              IdentityProperties identity, ObjectProvider<ServiceIdentity> service) {
        List<X509Certificate> certificates = new ArrayList<>();
        portalLabCa.certificate().ifPresent(ca -> {
            certificates.add(ca);
            // the generated clearing-house identity signs the registration-number and label credentials of the onboarding
            ServiceIdentity generated = identity.key() == null ? service.getIfAvailable() : null;
            if (generated != null && generated.chain().size() > 1) {
                certificates.add(generated.chain().getLast());
            }
            log.warn("federator.portal.lab-ca is on: the portal's lab CA {}{} is a trust anchor of this Federator. Participants "
                            + "onboarded through the portal are trusted by this Federator only, nobody else; for labs. Production: set "
                            + "federator.portal.lab-ca=false (docs/onboarding.md).", ca.getSubjectX500Principal().getName(),
                    generated != null ? " and the generated clearing-house CA" : "");
        });
        if (settings.trustAnchors() != null) {
            certificates.addAll(read(settings.trustAnchors(), "federator.trust.trust-anchors"));
        }
        for (Path entry : lists.additionalTrustAnchors()) {
            for (Path file : files(entry)) {
                certificates.addAll(read(file, "federator.trust.additional-trust-anchors"));
            }
        }
        if (!lists.trustedLists().isEmpty()) {
            TrustedLists importer = new TrustedLists(settings.fetcher(settings.outboundPolicy().withMaxBytes(TRUSTED_LIST_MAX_BYTES)),
                    trustedListSettings(lists), Instant.now());
            for (String location : lists.trustedLists()) {
                try {
                    TrustedLists.Result result = importer.load(location);
                    result.warnings().forEach(w -> log.warn("Trusted list {}: {}", location, w));
                    log.info("Trusted list {}: {} trust anchors from {} lists", location, result.anchors().certificates().size(), result.lists().size());
                    certificates.addAll(result.anchors().certificates());
                } catch (TrustedLists.TrustedListException e) {
                    throw new ConfigurationError("federator.trust.trusted-lists: " + e.getMessage(),
                            "Fix or remove the trusted list location; to pin its signer set federator.trust.trusted-list-signers; "
                                    + "federator.trust.trusted-lists-require-signatures=false imports unverified lists (labs only).");
                }
            }
        }
        Set<X509Certificate> distinct = new LinkedHashSet<>(certificates);
        return TrustAnchors.of(List.copyOf(distinct));
    }

    static TrustedLists.Settings trustedListSettings(TrustListProperties p) {
        TrustedLists.Settings defaults = TrustedLists.Settings.defaults();
        List<X509Certificate> signers = List.of();
        if (p.trustedListSigners() != null) {
            try {
                signers = Certificates.readPem(p.trustedListSigners());
            } catch (KeyMaterialException e) {
                throw new ConfigurationError("federator.trust.trusted-list-signers: " + e.getMessage(),
                        "Give a PEM file with the certificates that sign the list of trusted lists.");
            }
        }
        return new TrustedLists.Settings(
                p.trustedListServiceTypes().isEmpty() ? defaults.serviceTypes() : new HashSet<>(p.trustedListServiceTypes()),
                p.trustedListStatuses().isEmpty() ? defaults.statuses() : new HashSet<>(p.trustedListStatuses()),
                signers, p.trustedListsRequireSignatures(), defaults.maxLists());
    }

    private static List<X509Certificate> read(Path file, String setting) {
        try {
            return TrustAnchors.fromPem(file).certificates();
        } catch (IOException e) {
            throw new ConfigurationError(setting + ": " + file + ": " + e.getMessage(),
                    "Give a PEM file with the trusted root certificates (-----BEGIN CERTIFICATE-----).");
        }
    }

    private static List<Path> files(Path entry) {
        Path p = entry.toAbsolutePath().normalize();
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new ConfigurationError("federator.trust.additional-trust-anchors: " + p + " is neither a file nor a directory",
                    "Give PEM files or directories of *.pem / *.crt / *.cer files.");
        }
        try (Stream<Path> list = Files.list(p)) {
            return list.filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(f) && (n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationError("federator.trust.additional-trust-anchors: cannot list " + p + ": " + e.getMessage(),
                    "Make the directory readable.");
        }
    }
}
