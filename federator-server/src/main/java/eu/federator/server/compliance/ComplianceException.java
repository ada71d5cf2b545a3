package eu.federator.server.compliance;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A compliance request that ends in the GXDCH error envelope (see {@link ComplianceErrors}). */
public class ComplianceException extends RuntimeException {
    private final HttpStatus status;
    private final String error;
    private final List<ComplianceErrors.Entry> errors;

    public ComplianceException(HttpStatus status, String error, String message, List<ComplianceErrors.Entry> errors) {
        super(message);
        this.status = status;
        this.error = error;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<ComplianceErrors.Entry> errors() {
        return errors;
    }
}
