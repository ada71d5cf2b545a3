package eu.federator.server.dataspace.dataplane;

import org.springframework.http.HttpStatus;

/** A refused data plane request: the status and what the caller should know (never a token or a source's address). */
final class DataPlaneException extends RuntimeException {
    private final HttpStatus status;

    DataPlaneException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
