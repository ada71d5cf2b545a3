package eu.federator.credentials.net;

/** A fetch that was refused by policy or failed; the message names the URI and the reason. */
public class FetchException extends Exception {
    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
