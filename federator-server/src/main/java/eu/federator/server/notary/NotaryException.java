package eu.federator.server.notary;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An answer of the notary endpoints other than 200, rendered in the GXDCH envelope by {@link NotaryExceptionHandler}. */
final class NotaryException extends RuntimeException {
    final HttpStatus status;
    final List<Map<String, String>> errors;
    final Duration retryAfter;

    NotaryException(HttpStatus status, String message, List<Map<String, String>> errors, Duration retryAfter) {
        super(message);
        this.status = status;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    NotaryException(HttpStatus status, String message, String code) {
        this(status, message, List.of(Map.of("code", code, "message", message)), null);
    }
}
