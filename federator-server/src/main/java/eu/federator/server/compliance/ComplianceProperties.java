package eu.federator.server.compliance;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code federator.compliance.*}: the clearing house's compliance service.
 *
 * @param trustedNotaries     DIDs of registration-number notaries trusted in addition to the bundle defaults
 *                            (22.10 ships the Gaia-X Lab notaries; 25.11 none)
 * @param bundleNotaries      whether the bundles' default notaries are trusted (set false to trust only your list)
 * @param credentialLifetime  validity of issued compliance and label credentials (GXDCH: 90 days)
 * @param termsPerIssuer      22.10: require a gx:GaiaXTermsAndConditions credential from every issuer except notaries
 *                            (GXDCH computes this rule and drops its result; false reproduces GXDCH)
 * @param bundleDirectory     extra trust-framework versions and ecosystem extensions (docs/trust-frameworks.md)
 * @param baseUrl             prefix of generated credential ids ({@code <baseUrl>/credential-offers/<uuid>}) when the
 *                            request has no {@code vcid}; null gives {@code urn:uuid:<uuid>}
 */
@ConfigurationProperties("federator.compliance")
public record ComplianceProperties(List<String> trustedNotaries, Boolean bundleNotaries, Duration credentialLifetime,
                                   Boolean termsPerIssuer, Path bundleDirectory, String baseUrl) {

    public ComplianceProperties {
        trustedNotaries = trustedNotaries == null ? List.of() : List.copyOf(trustedNotaries);
        bundleNotaries = bundleNotaries == null ? Boolean.TRUE : bundleNotaries;
        credentialLifetime = credentialLifetime == null ? Duration.ofDays(90) : credentialLifetime;
        termsPerIssuer = termsPerIssuer == null ? Boolean.TRUE : termsPerIssuer;
    }

    /**
     * The engine's options as configured, for an evaluation at {@code at} that requires the trust-framework
     * {@code version}; {@code alsoTrusted} are notaries trusted on top of the configured ones (e.g. this Federator's own).
     */
    public eu.federator.trustframework.compliance.ComplianceOptions options(java.time.Instant at, String version, String... alsoTrusted) {
        java.util.Set<String> notaries = new java.util.LinkedHashSet<>(trustedNotaries);
        notaries.addAll(List.of(alsoTrusted));
        return eu.federator.trustframework.compliance.ComplianceOptions.at(at).withTrustedNotaries(notaries)
                .withBundleNotaries(bundleNotaries).withTermsPerIssuer(termsPerIssuer).requiringVersion(version);
    }
}
