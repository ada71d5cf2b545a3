package eu.federator.credentials.proof.jws2020;

/**
 * Outcome of checking one JsonWebSignature2020 proof.
 *
 * @param valid   whether the signature verified in some flavour
 * @param flavour the flavour that verified, null if none did
 * @param message what was checked, or why it failed
 */
public record Jws2020Verification(boolean valid, Jws2020Flavour flavour, String message) {

    static Jws2020Verification verified(Jws2020Flavour flavour, String alg) {
        return new Jws2020Verification(true, flavour, alg + " signature verified (" + flavour.id() + ")");
    }

    static Jws2020Verification failed(String message) {
        return new Jws2020Verification(false, null, message);
    }
}
