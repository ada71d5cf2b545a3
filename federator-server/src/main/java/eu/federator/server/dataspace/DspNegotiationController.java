package eu.federator.server.dataspace;

import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.DspMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractAgreementMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractAgreementVerificationMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiation;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationEventMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationTerminationMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractOfferMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractRequestMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The DSP 2025-1 contract negotiation protocol, HTTPS binding: the provider's endpoints and the consumer's callbacks,
 * both under {@value DspCatalogController#BASE} (this connector's callback address is its DSP base). Paths shared by both
 * roles ({@code /events}, {@code /termination}, the GET) are told apart by the process they name: the id is this side's
 * own pid, unique across roles. Handlers only record the message and queue this side's answer; they never wait on the
 * counter-party.
 */
@RestController
@Tag(name = "Dataspace Protocol", description = "DSP 2025-1 catalog, contract negotiation and transfer process protocols (HTTPS binding)")
public class DspNegotiationController {
    private static final String BASE = DspCatalogController.BASE + "/negotiations";

    private final NegotiationService negotiations;
    private final DspAuthentication tokens;

    public DspNegotiationController(NegotiationService negotiations, DspAuthentication tokens) {
        this.negotiations = negotiations;
        this.tokens = tokens;
    }

    @Operation(summary = "ContractNegotiation: the state of a negotiation (its counter-party only; others get 404)")
    @GetMapping(path = BASE + "/{pid}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                      @PathVariable String pid) {
        Requester from = tokens.requester(authorization);
        return DspBodies.json(HttpStatus.OK, view(DspBodies.value(negotiations.get(from, pid), pid, null)));
    }

    @Operation(summary = "Provider: ContractRequestMessage starting a negotiation → 201 ContractNegotiation")
    @PostMapping(path = BASE + "/request", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> request(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                          @RequestBody(required = false) byte[] body) {
        Requester from = tokens.requester(authorization);
        ContractRequestMessage m = DspBodies.read(body, ContractRequestMessage.class, null, null);
        return DspBodies.json(HttpStatus.CREATED, view(DspBodies.value(negotiations.initialRequest(from, m, body), null, m.consumerPid())));
    }

    @Operation(summary = "Consumer callback: ContractOfferMessage starting a negotiation (provider-initiated) → 201 ContractNegotiation")
    @PostMapping(path = BASE + "/offers", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> offer(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                        @RequestBody(required = false) byte[] body) {
        Requester from = tokens.requester(authorization);
        ContractOfferMessage m = DspBodies.read(body, ContractOfferMessage.class, null, null);
        return DspBodies.json(HttpStatus.CREATED, view(DspBodies.value(negotiations.initialOffer(from, m, body), m.providerPid(), null)));
    }

    @Operation(summary = "Provider: ContractRequestMessage with a counter-offer")
    @PostMapping(path = BASE + "/{pid}/request")
    public ResponseEntity<byte[]> counterRequest(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                 @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, ContractRequestMessage.class);
    }

    @Operation(summary = "Consumer callback: ContractOfferMessage with a counter-offer")
    @PostMapping(path = BASE + "/{pid}/offers")
    public ResponseEntity<byte[]> counterOffer(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                               @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, ContractOfferMessage.class);
    }

    @Operation(summary = "ContractNegotiationEventMessage: ACCEPTED (to the provider) or FINALIZED (to the consumer)")
    @PostMapping(path = BASE + "/{pid}/events")
    public ResponseEntity<byte[]> event(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                        @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, ContractNegotiationEventMessage.class);
    }

    @Operation(summary = "Consumer callback: ContractAgreementMessage")
    @PostMapping(path = BASE + "/{pid}/agreement")
    public ResponseEntity<byte[]> agreement(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                            @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, ContractAgreementMessage.class);
    }

    @Operation(summary = "Provider: ContractAgreementVerificationMessage")
    @PostMapping(path = BASE + "/{pid}/agreement/verification")
    public ResponseEntity<byte[]> verification(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                               @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, ContractAgreementVerificationMessage.class);
    }

    @Operation(summary = "ContractNegotiationTerminationMessage (either role)")
    @PostMapping(path = BASE + "/{pid}/termination")
    public ResponseEntity<byte[]> termination(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                              @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, ContractNegotiationTerminationMessage.class);
    }

    private <T extends DspMessage> ResponseEntity<byte[]> receive(String authorization, String pid, byte[] body, Class<T> type) {
        Requester from = tokens.requester(authorization);
        T message = DspBodies.read(body, type, pid, null);
        DspBodies.value(negotiations.receive(from, pid, message, body), pid, null);
        return ResponseEntity.ok().build();
    }

    static ContractNegotiation view(Negotiation n) {
        ContractNegotiationState state = n.position().state() != null ? n.position().state()
                : n.role() == eu.federator.dataspace.Role.CONSUMER ? ContractNegotiationState.REQUESTED : ContractNegotiationState.OFFERED;
        return new ContractNegotiation(n.providerPid(), n.consumerPid(), state, Map.of());
    }

}
