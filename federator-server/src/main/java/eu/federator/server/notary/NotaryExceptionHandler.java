package eu.federator.server.notary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors of {@link NotaryController} in the GXDCH envelope {@code {message, error, statusCode, errors[]}}, where each
 * entry of {@code errors} is {@code {code, message, ...}}. 503 answers carry {@code Retry-After} (seconds). Spring MVC's
 * own exceptions keep their status; nothing unexpected becomes a bare 500 without a message in the log.
 */
@RestControllerAdvice(assignableTypes = NotaryController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NotaryExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(NotaryExceptionHandler.class);

    @ExceptionHandler(NotaryException.class)
    ResponseEntity<Map<String, Object>> notary(NotaryException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (e.retryAfter.toMillis() + 999) / 1000)));
        }
        return envelope(e.status, e.getMessage(), e.errors, headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> other(Exception e) {
        if (e instanceof ErrorResponse spring) {
            HttpStatusCode status = spring.getStatusCode();
            String detail = spring.getBody().getDetail() == null ? e.getMessage() : spring.getBody().getDetail();
            return envelope(status, detail, List.of(Map.of("code", "request", "message", String.valueOf(detail))), spring.getHeaders());
        }
        log.error("Unexpected error in the notary", e);
        return envelope(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred; the server log has the details",
                List.of(Map.of("code", "internal", "message", "an unexpected error occurred")), new HttpHeaders());
    }

    static ResponseEntity<Map<String, Object>> envelope(HttpStatusCode status, String message, List<Map<String, String>> errors,
                                                        HttpHeaders headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        HttpStatus known = HttpStatus.resolve(status.value());
        body.put("error", known == null ? "Error" : known.getReasonPhrase());
        body.put("statusCode", status.value());
        body.put("errors", errors);
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
