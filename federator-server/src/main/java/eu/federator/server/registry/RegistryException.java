package eu.federator.server.registry;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A registry request that cannot be answered; becomes the GXDCH error envelope {@code {message, error, statusCode, errors}}. */
public class RegistryException extends RuntimeException {
    private final HttpStatus status;
    private final List<String> errors;

    public RegistryException(HttpStatus status, String message) {
        this(status, message, List.of(message));
    }

    public RegistryException(HttpStatus status, String message, List<String> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }
}
