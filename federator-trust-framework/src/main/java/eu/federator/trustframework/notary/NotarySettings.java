package eu.federator.trustframework.notary;

import java.time.Duration;
import java.util.Objects;

/**
 * @param offlineOnly        never call a source: every number that passes its offline check is vouched for with an
 *                           evidence block saying that only the offline check was made (air-gapped labs)
 * @param issueUnverifiable  EUID and tax ID have no public authoritative source: true issues them after the offline
 *                           check with an honest evidence note; false refuses them (422)
 * @param lifetime           validity of Loire credentials ({@code validUntil - validFrom})
 * @param tagusLegacyProof   sign Tagus credentials with the Gaia-X legacy JsonWebSignature2020 flavour like the GXDCH
 *                           notary v1 (true), or the W3C flavour (false)
 */
public record NotarySettings(boolean offlineOnly, boolean issueUnverifiable, Duration lifetime, boolean tagusLegacyProof) {
    public NotarySettings {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the credential lifetime must be positive: " + lifetime);
        }
    }

    /** Sources on, EUID/tax ID issued after the offline check, 90-day Loire credentials, legacy Tagus proofs. */
    public static NotarySettings defaults() {
        return new NotarySettings(false, true, Duration.ofDays(90), true);
    }
}
