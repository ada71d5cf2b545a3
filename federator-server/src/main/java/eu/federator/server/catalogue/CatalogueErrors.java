package eu.federator.server.catalogue;

import eu.federator.catalogue.graph.GraphStoreException;
import eu.federator.catalogue.query.QueryRejectedException;
import eu.federator.catalogue.query.QueryTimeoutException;
import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.sd.SdConflictException;
import eu.federator.catalogue.sd.SdNotFoundException;
import eu.federator.server.catalogue.admin.GraphAdminController;
import eu.federator.server.catalogue.federation.FederatedQueryController;
import eu.federator.server.catalogue.federation.FederationController;
import eu.federator.server.catalogue.participant.ParticipantController;
import eu.federator.server.catalogue.query.QueryController;
import eu.federator.server.catalogue.sd.IngestErrors;
import eu.federator.server.catalogue.search.SearchController;
import eu.federator.server.catalogue.sd.SelfDescriptionController;
import org.springframework.web.ErrorResponse;

import eu.federator.catalogue.schema.SchemaException;
import eu.federator.credentials.json.Json;
import eu.federator.server.catalogue.schema.SchemaController;
import eu.federator.server.web.PayloadTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the catalogue endpoints in the XFSC envelope {@code {"code": "...", "message": "..."}} with XFSC's codes
 * ({@code RestExceptionHandler}): 400 {@code client_error}, 404 {@code not_found_error}, 409 {@code conflict_error},
 * 422 {@code verification_error}, 500 {@code server_error}; plus 406 {@code not_acceptable}, 413 {@code payload_too_large}
 * and 415 {@code unsupported_media_type} (where a handler checks the type itself, as the schema endpoints do), which XFSC
 * leaves to Spring; 403 {@code forbidden_error} is the participant check of a handler. Errors decided before a catalogue
 * handler is chosen (401 and the role check's 403, an unknown path, a wrong method, a Content-Type the handler does not
 * consume, a declared Content-Length above the body limit) stay RFC 9457 problem details.
 * Catalogue controllers are listed in {@code assignableTypes}.
 */
@RestControllerAdvice(assignableTypes = {SchemaController.class, QueryController.class, SelfDescriptionController.class,
        ParticipantController.class, GraphAdminController.class, SearchController.class, FederationController.class,
        FederatedQueryController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CatalogueErrors {
    private static final Logger log = LoggerFactory.getLogger(CatalogueErrors.class);

    @ExceptionHandler(SchemaException.class)
    ResponseEntity<String> schema(SchemaException e) {
        return switch (e.reason()) {
            case SYNTAX, MISMATCH -> envelope(HttpStatus.BAD_REQUEST, "client_error", e.getMessage());
            case INVALID -> envelope(HttpStatus.UNPROCESSABLE_CONTENT, "verification_error", e.getMessage());
            case CONFLICT -> envelope(HttpStatus.CONFLICT, "conflict_error", e.getMessage());
            case NOT_FOUND -> envelope(HttpStatus.NOT_FOUND, "not_found_error", e.getMessage());
        };
    }

    @ExceptionHandler(IngestException.class)
    ResponseEntity<String> ingest(IngestException e) {
        return IngestErrors.response(e);
    }

    @ExceptionHandler(SdConflictException.class)
    ResponseEntity<String> conflict(SdConflictException e) {
        return envelope(HttpStatus.CONFLICT, "conflict_error", e.getMessage());
    }

    @ExceptionHandler(SdNotFoundException.class)
    ResponseEntity<String> notFound(SdNotFoundException e) {
        return envelope(HttpStatus.NOT_FOUND, "not_found_error", e.getMessage());
    }

    @ExceptionHandler(CatalogueException.class)
    ResponseEntity<String> catalogue(CatalogueException e) {
        return envelope(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(QueryRejectedException.class)
    ResponseEntity<String> rejected(QueryRejectedException e) {
        return envelope(HttpStatus.BAD_REQUEST, "client_error", e.getMessage());
    }

    /** 504 as XFSC answers a query timeout (408 would say the client was too slow to send its request). */
    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<String> timeout(QueryTimeoutException e) {
        return envelope(HttpStatus.GATEWAY_TIMEOUT, "timeout_error", e.getMessage());
    }

    @ExceptionHandler(GraphStoreException.class)
    ResponseEntity<String> graphUnavailable(GraphStoreException e) {
        log.warn("Catalogue graph unavailable: {}", e.getMessage());
        return envelope(HttpStatus.SERVICE_UNAVAILABLE, "graph_unavailable", "the catalogue graph is unavailable; try again later");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<String> tooLarge(PayloadTooLargeException e) {
        ResponseEntity<String> response = envelope(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(response.getHeaders());
        headers.setConnection("close");
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    /** A body that could not be read: above the limit while being read (chunked), or broken off. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        return envelope(HttpStatus.BAD_REQUEST, "client_error", "the request body cannot be read");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<String> missingParameter(MissingServletRequestParameterException e) {
        return envelope(HttpStatus.BAD_REQUEST, "client_error", "the query parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> mismatch(MethodArgumentTypeMismatchException e) {
        return envelope(HttpStatus.BAD_REQUEST, "client_error", "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<String> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return envelope(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "none of the accepted media types can be produced; available: "
                + e.getSupportedMediaTypes());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        if (e instanceof ErrorResponse spring) {
            HttpStatus status = HttpStatus.valueOf(spring.getStatusCode().value());
            String detail = spring.getBody().getDetail() == null ? e.getMessage() : spring.getBody().getDetail();
            return envelope(status, status.is4xxClientError() ? "client_error" : "server_error", String.valueOf(detail));
        }
        log.error("Unexpected error in a catalogue endpoint", e);
        return envelope(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "an unexpected error occurred; the server log has the details");
    }

    public static ResponseEntity<String> envelope(HttpStatus status, String code, String message) {
        String body = Json.write(Json.provider().createObjectBuilder().add("code", code).add("message", message == null ? "" : message).build());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
