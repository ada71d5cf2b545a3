package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage.CatalogError;
import jakarta.json.JsonValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * Errors of the catalog protocol as the protocol's {@code CatalogError}: {@code code} is the HTTP status (as EDC
 * writes it), {@code reason} says what was wrong and what to do.
 */
@RestControllerAdvice(assignableTypes = DspCatalogController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DspErrors {

    @ExceptionHandler(DspException.class)
    ResponseEntity<byte[]> dsp(DspException e) {
        return catalogError(e.status(), e.reasons());
    }

    static ResponseEntity<byte[]> catalogError(HttpStatus status, List<String> reasons) {
        List<JsonValue> reason = reasons.stream().map(r -> (JsonValue) Json.provider().createValue(r)).toList();
        CatalogError error = new CatalogError(String.valueOf(status.value()), reason, Map.of());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(DspJson.bytes(error));
    }
}
