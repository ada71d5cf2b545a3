package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage;
import eu.federator.dataspace.protocol.DspMessage.CatalogError;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationError;
import eu.federator.dataspace.protocol.DspMessage.TransferError;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
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
 * Errors of the DSP endpoints as the protocol's error messages ({@code CatalogError}, {@code ContractNegotiationError},
 * {@code TransferError}): {@code code} is the HTTP status (as EDC writes it), {@code reason} says what was wrong and
 * what to do.
 */
@RestControllerAdvice(assignableTypes = {DspCatalogController.class, DspNegotiationController.class, DspTransferController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DspErrors {

    @ExceptionHandler(DspException.class)
    ResponseEntity<byte[]> dsp(DspException e, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.contains("/negotiations")) {
            return negotiationError(e.status(), e.reasons(), e.providerPid(), e.consumerPid());
        }
        if (path.contains("/transfers")) {
            return transferError(e.status(), e.reasons(), e.providerPid(), e.consumerPid());
        }
        return catalogError(e.status(), e.reasons());
    }

    static ResponseEntity<byte[]> catalogError(HttpStatus status, List<String> reasons) {
        return answer(status, new CatalogError(String.valueOf(status.value()), json(reasons), Map.of()));
    }

    static ResponseEntity<byte[]> negotiationError(HttpStatus status, List<String> reasons, String providerPid, String consumerPid) {
        return answer(status, new ContractNegotiationError(providerPid, consumerPid, String.valueOf(status.value()), json(reasons), Map.of()));
    }

    static ResponseEntity<byte[]> transferError(HttpStatus status, List<String> reasons, String providerPid, String consumerPid) {
        return answer(status, new TransferError(providerPid, consumerPid, String.valueOf(status.value()), json(reasons), Map.of()));
    }

    private static List<JsonValue> json(List<String> reasons) {
        return reasons.stream().map(r -> (JsonValue) Json.provider().createValue(r)).toList();
    }

    private static ResponseEntity<byte[]> answer(HttpStatus status, DspMessage error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(DspJson.bytes(error));
    }
}
