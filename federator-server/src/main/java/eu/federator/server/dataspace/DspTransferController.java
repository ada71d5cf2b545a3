package eu.federator.server.dataspace;

import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.DspMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferCompletionMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferProcess;
import eu.federator.dataspace.protocol.DspMessage.TransferRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferStartMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferSuspensionMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferTerminationMessage;
import eu.federator.dataspace.protocol.TransferProcessState;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferService;
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
 * The DSP 2025-1 transfer process protocol, HTTPS binding: provider endpoints and consumer callbacks under
 * {@value DspCatalogController#BASE}, told apart by the process id like the negotiation endpoints.
 */
@RestController
@Tag(name = "Dataspace Protocol")
public class DspTransferController {
    private static final String BASE = DspCatalogController.BASE + "/transfers";

    private final TransferService transfers;
    private final DspAuthentication tokens;

    public DspTransferController(TransferService transfers, DspAuthentication tokens) {
        this.transfers = transfers;
        this.tokens = tokens;
    }

    @Operation(summary = "TransferProcess: the state of a transfer (its counter-party only; others get 404)")
    @GetMapping(path = BASE + "/{pid}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                      @PathVariable String pid) {
        Requester from = tokens.requester(authorization);
        return DspBodies.json(HttpStatus.OK, view(DspBodies.value(transfers.get(from, pid), pid, null)));
    }

    @Operation(summary = "Provider: TransferRequestMessage under a finalized agreement → 201 TransferProcess")
    @PostMapping(path = BASE + "/request", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> request(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                          @RequestBody(required = false) byte[] body) {
        Requester from = tokens.requester(authorization);
        TransferRequestMessage m = DspBodies.read(body, TransferRequestMessage.class, null, null);
        return DspBodies.json(HttpStatus.CREATED, view(DspBodies.value(transfers.initialRequest(from, m, body), null, m.consumerPid())));
    }

    @Operation(summary = "TransferStartMessage (provider → consumer; consumer → provider to resume)")
    @PostMapping(path = BASE + "/{pid}/start")
    public ResponseEntity<byte[]> start(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                        @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, TransferStartMessage.class);
    }

    @Operation(summary = "TransferCompletionMessage (either role)")
    @PostMapping(path = BASE + "/{pid}/completion")
    public ResponseEntity<byte[]> completion(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                             @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, TransferCompletionMessage.class);
    }

    @Operation(summary = "TransferSuspensionMessage (either role)")
    @PostMapping(path = BASE + "/{pid}/suspension")
    public ResponseEntity<byte[]> suspension(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                             @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, TransferSuspensionMessage.class);
    }

    @Operation(summary = "TransferTerminationMessage (either role)")
    @PostMapping(path = BASE + "/{pid}/termination")
    public ResponseEntity<byte[]> termination(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                              @PathVariable String pid, @RequestBody(required = false) byte[] body) {
        return receive(authorization, pid, body, TransferTerminationMessage.class);
    }

    private <T extends DspMessage> ResponseEntity<byte[]> receive(String authorization, String pid, byte[] body, Class<T> type) {
        Requester from = tokens.requester(authorization);
        T message = DspBodies.read(body, type, pid, null);
        DspBodies.value(transfers.receive(from, pid, message, body), pid, null);
        return ResponseEntity.ok().build();
    }

    static TransferProcess view(Transfer t) {
        TransferProcessState state = t.position().state() != null ? t.position().state() : TransferProcessState.REQUESTED;
        return new TransferProcess(t.providerPid(), t.consumerPid(), state, Map.of());
    }
}
