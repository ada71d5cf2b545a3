package eu.federator.credentials.proof;

/**
 * A proof that cannot even be checked: a missing or malformed field, an unacceptable JWS header or algorithm.
 * The message names the field and the problem.
 */
public class ProofFormatException extends Exception {
    public ProofFormatException(String message) {
        super(message);
    }

    public ProofFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
