package eu.federator.server.registry;

import eu.federator.credentials.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;

/**
 * Errors of the registry endpoints in the GXDCH envelope {@code {"message", "error", "statusCode", "errors": [...]}}
 * (the NestJS shape the Gaia-X services answer with), instead of the server-wide problem details. Errors decided before
 * a registry handler is chosen (404 for unknown paths, 405 for a wrong method) stay problem details; a wrong content type
 * is therefore checked inside the handlers, so that it gets this envelope.
 */
@RestControllerAdvice(assignableTypes = {RegistryController.class, TrustAnchorController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GxdchErrors {
    private static final Logger log = LoggerFactory.getLogger(GxdchErrors.class);

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<String> registry(RegistryException e) {
        return envelope(e.status(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<String> missingParameter(MissingServletRequestParameterException e) {
        return envelope(HttpStatus.BAD_REQUEST, "the query parameter '" + e.getParameterName() + "' is required", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> mismatch(MethodArgumentTypeMismatchException e) {
        return envelope(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<String> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return envelope(HttpStatus.NOT_ACCEPTABLE, "none of the accepted media types can be produced; available: "
                + e.getSupportedMediaTypes(), List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        log.error("Unexpected error in a registry endpoint", e);
        return envelope(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred; the server log has the details", List.of());
    }

    static ResponseEntity<String> envelope(HttpStatus status, String message, List<String> errors) {
        JsonArrayBuilder list = Json.provider().createArrayBuilder();
        errors.forEach(list::add);
        String body = Json.write(Json.provider().createObjectBuilder()
                .add("message", message)
                .add("error", status.getReasonPhrase())
                .add("statusCode", status.value())
                .add("errors", list)
                .build());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
