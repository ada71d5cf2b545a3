package eu.federator.tck;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.policy.Rule.Permission;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferService;
import eu.federator.server.dataspace.DspAuthentication;
import eu.federator.server.dataspace.DspException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/**
 * The TCK's signals to Federator as consumer (test only): start a negotiation for a dataset of the TCK's provider, or a
 * transfer under an agreement. Bodies as the TCK sends them:
 * {@code {"providerId", "connectorAddress", "datasetId", "offerId"}} and
 * {@code {"providerId", "connectorAddress", "agreementId", "format"}}.
 */
@RestController
@Tag(name = "DSP TCK (test only)", description = "signals from the Eclipse DSP TCK to start processes as consumer")
class TckInitiateController {
    static final String BASE = "/tck";

    private final NegotiationService negotiations;
    private final TransferService transfers;
    private final TckDecisions decisions;
    private final DspAuthentication authentication;

    TckInitiateController(NegotiationService negotiations, TransferService transfers, TckDecisions decisions, DspAuthentication authentication) {
        this.negotiations = negotiations;
        this.transfers = transfers;
        this.decisions = decisions;
        this.authentication = authentication;
    }

    @Operation(summary = "Starts a contract negotiation as consumer with the TCK's provider")
    @PostMapping(path = BASE + "/negotiations/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> negotiation(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                       @RequestBody byte[] body) {
        JsonObject request = signal(authorization, body);
        String dataset = required(request, "datasetId");
        Offer offer = new Offer(required(request, "offerId"), dataset, null, null, List.of(), List.of(new Permission("use", List.of(), List.of())),
                List.of(), List.of());
        Result<Negotiation> started = negotiations.request(required(request, "connectorAddress"), required(request, "providerId"), offer);
        if (!started.succeeded()) {
            return ResponseEntity.badRequest().body(started.problems().toString());
        }
        decisions.follow(started.value());
        return created(started.value().id());
    }

    @Operation(summary = "Starts a transfer as consumer with the TCK's provider")
    @PostMapping(path = BASE + "/transfers/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> transfer(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                    @RequestBody byte[] body) {
        JsonObject request = signal(authorization, body);
        Result<Transfer> started = transfers.request(required(request, "agreementId"), required(request, "format"), (DataAddress) null,
                required(request, "connectorAddress"), required(request, "providerId"));
        if (!started.succeeded()) {
            return ResponseEntity.badRequest().body(started.problems().toString());
        }
        decisions.follow(started.value());
        return created(started.value().id());
    }

    /** Only the TCK may signal: it sends its Authorization value on these calls too. */
    private JsonObject signal(String authorization, byte[] body) {
        try {
            authentication.requester(authorization);
        } catch (DspException e) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        try {
            return Json.parseObject(body, DspJson.LIMITS);
        } catch (JsonSyntaxException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the body is not a JSON object: " + e.getMessage());
        }
    }

    private static ResponseEntity<String> created(String id) {
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(Json.provider().createObjectBuilder().add("@id", id).build()));
    }

    private static String required(JsonObject request, String name) {
        String value = request.getString(name, null);
        if (value == null || value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " is missing");
        }
        return value;
    }
}
