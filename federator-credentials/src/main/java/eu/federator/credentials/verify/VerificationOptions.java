package eu.federator.credentials.verify;

import java.time.Instant;
import java.util.Objects;

/**
 * Per-call switches. The defaults check everything; the XFSC toggles can switch parts off, and every
 * switched-off step is reported as a skipped check (so the result is never reported as verified).
 *
 * @param at          the evaluation instant for validity windows, certificates and status
 * @param semantics   structural checks of the VC/VP data model (XFSC {@code verifySemantics})
 * @param vpSignature verify the presentation's own proof (XFSC {@code verifyVPSignature})
 * @param vcSignature verify each credential's proof (XFSC {@code verifyVCSignature})
 */
public record VerificationOptions(Instant at, boolean semantics, boolean vpSignature, boolean vcSignature) {

    public VerificationOptions {
        Objects.requireNonNull(at, "at");
    }

    public static VerificationOptions defaults() {
        return at(Instant.now());
    }

    public static VerificationOptions at(Instant at) {
        return new VerificationOptions(at, true, true, true);
    }
}
