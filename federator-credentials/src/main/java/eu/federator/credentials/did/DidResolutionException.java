package eu.federator.credentials.did;

public class DidResolutionException extends Exception {
    public DidResolutionException(String message) {
        super(message);
    }

    public DidResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
