package eu.federator.trustframework.compliance;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Per-evaluation settings.
 *
 * @param at                 the evaluation instant (validity windows, certificates)
 * @param trustedNotaries    registration-number notary DIDs trusted in addition to the bundle's defaults
 * @param bundleNotaries     whether the bundle's default notaries are trusted too (22.10 ships the Gaia-X Lab
 *                           notaries, 25.11 none)
 * @param termsPerIssuer     22.10: require a gx:GaiaXTermsAndConditions credential from every issuer except trusted
 *                           notaries (GXDCH computes this and drops the result; we enforce it by default)
 * @param requiredVersion    if set, input of another trust-framework version fails rule {@code input.version}
 */
public record ComplianceOptions(Instant at, Set<String> trustedNotaries, boolean bundleNotaries, boolean termsPerIssuer,
                                String requiredVersion) {

    public ComplianceOptions {
        Objects.requireNonNull(at, "at");
        trustedNotaries = trustedNotaries == null ? Set.of() : Set.copyOf(trustedNotaries);
    }

    public static ComplianceOptions defaults() {
        return at(Instant.now());
    }

    public static ComplianceOptions at(Instant at) {
        return new ComplianceOptions(at, Set.of(), true, true, null);
    }

    public ComplianceOptions withTrustedNotaries(Set<String> notaries) {
        return new ComplianceOptions(at, notaries, bundleNotaries, termsPerIssuer, requiredVersion);
    }

    public ComplianceOptions withBundleNotaries(boolean use) {
        return new ComplianceOptions(at, trustedNotaries, use, termsPerIssuer, requiredVersion);
    }

    public ComplianceOptions withTermsPerIssuer(boolean enforce) {
        return new ComplianceOptions(at, trustedNotaries, bundleNotaries, enforce, requiredVersion);
    }

    public ComplianceOptions requiringVersion(String version) {
        return new ComplianceOptions(at, trustedNotaries, bundleNotaries, termsPerIssuer, version);
    }
}
