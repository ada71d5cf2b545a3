package eu.federator.server.catalogue.query;

import org.springframework.http.HttpStatus;

/** A {@code /query} failure with its HTTP status and XFSC error code. */
class QueryException extends RuntimeException {
    final HttpStatus status;
    final String code;

    QueryException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}
