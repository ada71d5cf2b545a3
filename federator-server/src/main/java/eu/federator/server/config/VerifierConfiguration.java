package eu.federator.server.config;

import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.trust.TrustAnchors;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerifierSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;

/** Builds the one {@link CredentialVerifier} of the server from {@link FederatorProperties}. */
@Configuration(proxyBeanMethods = false)
public class VerifierConfiguration {

    /** Checked at startup, so that a wrong path fails the start with a message instead of failing every request. */
    @Bean
    VerifierSettings verifierSettings(FederatorProperties properties) {
        FederatorProperties.Trust trust = properties.trust();
        Path mirror = trust.webMirror() == null ? null : trust.webMirror().toAbsolutePath().normalize();
        if (mirror != null && !Files.isDirectory(mirror)) {
            throw new ConfigurationError("federator.trust.web-mirror: " + mirror + " is not a directory",
                    "Set federator.trust.web-mirror (FEDERATOR_TRUST_WEB_MIRROR, --web-mirror) to an existing directory, or remove it to use the network.");
        }
        Path anchors = trust.trustAnchors() == null ? null : trust.trustAnchors().toAbsolutePath().normalize();
        if (anchors != null && !(Files.isRegularFile(anchors) && Files.isReadable(anchors))) {
            throw new ConfigurationError("federator.trust.trust-anchors: " + anchors + " is not a readable PEM file",
                    "Set federator.trust.trust-anchors (FEDERATOR_TRUST_TRUST_ANCHORS, --trust-anchors) to a readable PEM file with the trusted root certificates.");
        }
        return new VerifierSettings(mirror, anchors, new LinkedHashSet<>(trust.allowedContexts()),
                properties.net().allowPrivateNetworks(), properties.net().allowHttp(), trust.cacheTtl());
    }

    /**
     * Built at startup from the server's one outbound fetcher and its trust anchors (the PEM bundles and imported
     * trusted lists, see {@code eu.federator.server.registry.TrustAnchorConfiguration}).
     */
    @Bean
    CredentialVerifier credentialVerifier(VerifierSettings settings, TrustAnchors trustAnchors, ResourceFetcher outboundFetcher) {
        return CredentialVerifier.create(settings, trustAnchors, outboundFetcher);
    }
}
