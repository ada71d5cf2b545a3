package eu.federator.server.catalogue.query;

import eu.federator.catalogue.graph.GraphStoreException;
import eu.federator.catalogue.query.QueryRejectedException;
import eu.federator.catalogue.query.QueryTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors of {@link QueryController} in the XFSC envelope {@code {"code", "message"}}: 400 {@code client_error} (syntax
 * with line and column, update or SERVICE rejected, bad parameters), 406 {@code not_acceptable}, 415
 * {@code unsupported_media_type}, 501 {@code not_implemented} (OPENCYPHER, GRAPHQL), 503 {@code graph_unavailable}
 * (remote store unreachable), 504 {@code timeout_error} (as XFSC does; not 408, which means the client was too slow to
 * send its request).
 */
@RestControllerAdvice(assignableTypes = QueryController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(QueryExceptionHandler.class);

    @ExceptionHandler(QueryException.class)
    ResponseEntity<Map<String, String>> query(QueryException e) {
        return envelope(e.status, e.code, e.getMessage());
    }

    @ExceptionHandler(QueryRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(QueryRejectedException e) {
        return envelope(HttpStatus.BAD_REQUEST, "client_error", e.getMessage());
    }

    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<Map<String, String>> timeout(QueryTimeoutException e) {
        return envelope(HttpStatus.GATEWAY_TIMEOUT, "timeout_error", e.getMessage());
    }

    @ExceptionHandler(GraphStoreException.class)
    ResponseEntity<Map<String, String>> store(GraphStoreException e) {
        log.warn("Catalogue graph unavailable: {}", e.getMessage());
        return envelope(HttpStatus.SERVICE_UNAVAILABLE, "graph_unavailable", "the catalogue graph is unavailable; try again later");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> other(Exception e) {
        if (e instanceof ErrorResponse spring) {
            HttpStatusCode status = spring.getStatusCode();
            String detail = spring.getBody().getDetail() == null ? e.getMessage() : spring.getBody().getDetail();
            return envelope(status, status.is4xxClientError() ? "client_error" : "server_error", String.valueOf(detail));
        }
        log.error("Unexpected error in /query", e);
        return envelope(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "an unexpected error occurred; the server log has the details");
    }

    static ResponseEntity<Map<String, String>> envelope(HttpStatusCode status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
