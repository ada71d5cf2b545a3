package eu.federator.credentials.keys;

/**
 * Key or certificate material that cannot be read, decrypted or produced. The message says which file or
 * input, what was wrong, and what to do about it (e.g. "wrong password", "no key entry with alias x; aliases: a, b").
 */
public class KeyMaterialException extends Exception {
    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
