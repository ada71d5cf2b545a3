package eu.federator.server.compliance;

import eu.federator.server.web.PayloadTooLargeException;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * The GXDCH error envelope {@code {message, error, statusCode, errors[]}} for the compliance endpoints. Every failed
 * rule is one entry of {@code errors}, as an object {@code {id, focus, message}} (GXDCH puts strings there, often
 * {@code null}; an object keeps the rule id and the focus machine-readable, and its {@code message} is the string
 * GXDCH would have shown).
 */
@RestControllerAdvice(assignableTypes = ComplianceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ComplianceErrors {
    private static final Logger log = LoggerFactory.getLogger(ComplianceErrors.class);

    /** One failed rule (or request problem). */
    @Schema(description = "one failed rule: its stable id, the node it is about and how to fix it")
    public record Entry(String id, String focus, String message) {
    }

    /** The envelope. */
    @Schema(description = "GXDCH error envelope")
    public record Envelope(String message, String error, int statusCode, List<Entry> errors) {
    }

    static ResponseEntity<Envelope> envelope(HttpStatus status, String error, String message, List<Entry> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new Envelope(message, error, status.value(), errors));
    }

    @ExceptionHandler(ComplianceException.class)
    ResponseEntity<Envelope> compliance(ComplianceException e) {
        return envelope(e.status(), e.error(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Envelope> tooLarge(PayloadTooLargeException e) {
        return envelope(HttpStatus.CONTENT_TOO_LARGE, "Payload Too Large", e.getMessage(),
                List.of(new Entry("http.body-size", null, e.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope> unexpected(Exception e) {
        log.error("compliance request failed unexpectedly", e);
        return envelope(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "the compliance evaluation failed unexpectedly: "
                + e.getClass().getSimpleName(), List.of(new Entry("internal", null, String.valueOf(e.getMessage()))));
    }
}
