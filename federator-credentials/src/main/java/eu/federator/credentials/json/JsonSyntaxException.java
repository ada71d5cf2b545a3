package eu.federator.credentials.json;

/**
 * Input that is not acceptable JSON: malformed, not UTF-8, too large, too deeply nested, with duplicate
 * keys, or of the wrong shape. The message says which, and where when the position is known.
 */
public class JsonSyntaxException extends Exception {
    public JsonSyntaxException(String message) {
        super(message);
    }

    public JsonSyntaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
