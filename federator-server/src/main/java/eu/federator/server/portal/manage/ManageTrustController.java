package eu.federator.server.portal.manage;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.trust.TrustAnchors;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.server.registry.RegistryController;
import eu.federator.server.registry.TrustListProperties;
import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.registry.TermsAndConditions;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What this server trusts, read-only: the trust anchors (from configuration, so the page names the settings to change),
 * the trusted issuers the registry serves ({@code /api/trusted-issuers}, read from the registry itself so the page
 * and the API agree), the notaries each trust-framework version trusts, and the terms-and-conditions hashes.
 */
@Controller
@Hidden
public class ManageTrustController {
    private final TrustAnchors anchors;
    private final VerifierSettings settings;
    private final TrustListProperties lists;
    private final RegistryController registry;
    private final TrustFrameworks frameworks;
    private final TermsAndConditions terms;

    public ManageTrustController(TrustAnchors anchors, VerifierSettings settings, TrustListProperties lists, RegistryController registry,
                                 TrustFrameworks frameworks, TermsAndConditions terms) {
        this.anchors = anchors;
        this.settings = settings;
        this.lists = lists;
        this.registry = registry;
        this.frameworks = frameworks;
        this.terms = terms;
    }

    /** A trust anchor as the page shows it. */
    public record Anchor(String subject, String issuer, Instant notBefore, Instant notAfter, boolean expired, String sha256, String source) {
    }

    /** The notaries a trust-framework version trusts by default. */
    public record Notaries(String version, String name, List<String> dids) {
    }

    @GetMapping("/manage/trust")
    public String page(Model model) {
        Map<String, String> sources = sources();
        Instant now = Instant.now();
        List<Anchor> list = new ArrayList<>();
        for (X509Certificate c : anchors.certificates()) {
            String fingerprint = fingerprint(c);
            list.add(new Anchor(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(),
                    c.getNotAfter().toInstant(), c.getNotAfter().toInstant().isBefore(now), fingerprint,
                    sources.getOrDefault(fingerprint, lists.trustedLists().isEmpty() ? "not known" : "a trusted list (federator.trust.trusted-lists)")));
        }
        model.addAttribute("anchors", list);
        model.addAttribute("trustedLists", lists.trustedLists());
        model.addAttribute("issuers", trustedIssuers());
        List<Notaries> notaries = new ArrayList<>();
        for (TrustFrameworkBundle b : frameworks.all()) {
            notaries.add(new Notaries(b.version(), b.name(), List.copyOf(new TreeSet<>(b.trustedNotaries()))));
        }
        model.addAttribute("notaries", notaries);
        model.addAttribute("termsHash", terms.currentHash());
        model.addAttribute("termsAccepted", terms.acceptedHashes(now));
        model.addAttribute("termsVersions", terms.versions());
        return "portal/manage/trust";
    }

    /** Type → issuers, exactly as {@code GET /api/trusted-issuers} answers. */
    private Map<String, List<String>> trustedIssuers() {
        JsonObject body;
        try {
            body = Json.parseObject(registry.trustedIssuers().getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("the registry's trusted issuers are not JSON", e);
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        body.getJsonObject("byType").forEach((type, values) ->
                byType.put(type, ((JsonArray) values).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
        return byType;
    }

    /**
     * Where each configured anchor came from: the files of {@code federator.trust.trust-anchors} and
     * {@code federator.trust.additional-trust-anchors} are read again (small PEM files); the rest came from trusted lists.
     */
    private Map<String, String> sources() {
        Map<String, String> sources = new HashMap<>();
        for (Path entry : lists.additionalTrustAnchors()) {
            for (Path file : pemFiles(entry)) {
                read(file, "federator.trust.additional-trust-anchors: " + file, sources);
            }
        }
        if (settings.trustAnchors() != null) {
            read(settings.trustAnchors(), "federator.trust.trust-anchors: " + settings.trustAnchors(), sources);
        }
        return sources;
    }

    private static void read(Path file, String source, Map<String, String> sources) {
        try {
            TrustAnchors.fromPem(file).certificates().forEach(c -> sources.put(fingerprint(c), source));
        } catch (IOException | RuntimeException e) {
            // the file was read at start-up; if it changed or went since, its anchors are shown without their source
        }
    }

    private static List<Path> pemFiles(Path entry) {
        if (!Files.isDirectory(entry)) {
            return List.of(entry);
        }
        try (Stream<Path> files = Files.list(entry)) {
            return files.filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer");
            }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
