package eu.federator.server.catalogue;

import org.springframework.http.HttpStatus;

/** An error of a catalogue endpoint, answered in the XFSC envelope {@code {"code", "message"}} by {@link CatalogueErrors}. */
public class CatalogueException extends RuntimeException {
    private final HttpStatus status;
    private final String code;

    public CatalogueException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
