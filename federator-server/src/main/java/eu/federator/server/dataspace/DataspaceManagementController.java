package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.Position;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.internal.Addresses;
import eu.federator.dataspace.internal.Node;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.negotiation.NegotiationDecision;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.policy.Odrl;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;
import eu.federator.dataspace.protocol.TransferProcessState;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferDecision;
import eu.federator.dataspace.transfer.TransferMessage;
import eu.federator.dataspace.transfer.TransferProcessStore;
import eu.federator.dataspace.transfer.TransferService;
import eu.federator.dataspace.watch.ProcessChanges;
import eu.federator.server.dataspace.dataplane.DataPull;
import eu.federator.server.dataspace.dataplane.PushSinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The connector's management API: this side as consumer asks a provider for its catalog, starts negotiations and
 * transfers, and anyone operating the connector lists and steers them. Our own JSON, not DSP; errors are RFC 9457
 * problems.
 */
@RestController
@Tag(name = "Dataspace management", description = "Start and follow contract negotiations and transfers as consumer; list both roles")
public class DataspaceManagementController {
    private static final String BASE = "/dataspace";
    private static final int MAX_CATALOG_PAGES = 50;

    private final NegotiationService negotiations;
    private final TransferService transfers;
    private final ContractNegotiationStore negotiationStore;
    private final TransferProcessStore transferStore;
    private final DspAuthorization authorization;
    private final PushSinks sinks;
    private final DataPull pull;
    private final ProcessReads<Negotiation> negotiationReads;
    private final ProcessReads<Transfer> transferReads;
    // the counter-party's DSP address is the user's choice, like the dispatcher's targets (docs/dataspace.md)
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    public DataspaceManagementController(NegotiationService negotiations, TransferService transfers, ContractNegotiationStore negotiationStore,
                                         TransferProcessStore transferStore, DspAuthorization authorization, PushSinks sinks, DataPull pull,
                                         ProcessChanges changes) {
        this.negotiations = negotiations;
        this.transfers = transfers;
        this.negotiationStore = negotiationStore;
        this.transferStore = transferStore;
        this.authorization = authorization;
        this.sinks = sinks;
        this.pull = pull;
        this.negotiationReads = new ProcessReads<>("negotiation", negotiationStore::find, Negotiation::version, n -> stateName(n.position()),
                stateNames(ContractNegotiationState.values()), Set.of("FINALIZED", "TERMINATED"), DataspaceManagementController::view, changes);
        this.transferReads = new ProcessReads<>("transfer", transferStore::find, Transfer::version, t -> stateName(t.position()),
                stateNames(TransferProcessState.values()), Set.of("COMPLETED", "TERMINATED"), DataspaceManagementController::view, changes);
    }

    private static String stateName(Position<?> position) {
        return position.state() == null ? "INITIAL" : position.state().name();
    }

    /** In the protocol's order, so that a 400 lists them as the state machine goes. */
    private static Set<String> stateNames(Enum<?>[] states) {
        Set<String> names = new java.util.LinkedHashSet<>();
        names.add("INITIAL");
        for (Enum<?> s : states) {
            names.add(s.name());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    @Operation(summary = "Asks a provider for its DSP catalog (all pages, following Link: rel=\"next\"). Body: {counterPartyAddress, counterPartyId}")
    @PostMapping(path = BASE + "/catalog/request", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> catalog(@RequestBody byte[] body) {
        JsonObject request = object(body);
        String address = required(request, "counterPartyAddress");
        String counterParty = required(request, "counterPartyId");
        List<JsonValue> datasets = new ArrayList<>();
        JsonObject first = null;
        String next = Addresses.join(address, "/catalog/request");
        for (int page = 0; next != null && page < MAX_CATALOG_PAGES; page++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(next)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", authorization.header(counterParty))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"@context\":[\"https://w3id.org/dspace/2025/1/context.jsonld\"],"
                            + "\"@type\":\"CatalogRequestMessage\"}")).build());
            if (response.statusCode() != 200) {
                throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the provider answered the catalog request with " + response.statusCode()
                        + ": " + abbreviate(response.body()));
            }
            JsonObject catalog = object(response.body().getBytes(StandardCharsets.UTF_8));
            if (first == null) {
                first = catalog;
            }
            if (catalog.get("dataset") instanceof jakarta.json.JsonArray array) {
                datasets.addAll(array);
            }
            next = response.headers().allValues("Link").stream().flatMap(l -> List.of(l.split(",")).stream())
                    .filter(l -> l.contains("rel=\"next\"")).map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).findFirst().orElse(null);
        }
        JsonObjectBuilder merged = Json.provider().createObjectBuilder(first);
        merged.add("dataset", Json.provider().createArrayBuilder(datasets));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(merged.build()));
    }

    @Operation(summary = "Starts a contract negotiation as consumer. Body: {counterPartyAddress, counterPartyId, datasetId, offer} (offer: as the catalog lists it)")
    @PostMapping(path = BASE + "/negotiations", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> startNegotiation(@RequestBody byte[] body) {
        JsonObject request = object(body);
        String address = required(request, "counterPartyAddress");
        String counterParty = required(request, "counterPartyId");
        if (!(request.get("offer") instanceof JsonObject offerJson)) {
            throw bad("offer is missing: send the offer as the provider's catalog lists it");
        }
        String dataset = request.getString("datasetId", offerJson.getString("target", null));
        if (dataset == null) {
            throw bad("datasetId is missing: name the dataset the offer is about");
        }
        List<Problem> problems = new ArrayList<>();
        JsonObjectBuilder withTarget = Json.provider().createObjectBuilder(offerJson);
        withTarget.add("target", dataset);
        if (!offerJson.containsKey("@type")) {
            withTarget.add("@type", "Offer");
        }
        Offer offer = Odrl.readOffer(new Node(withTarget.build(), "/offer", problems), Odrl.OfferPlace.MESSAGE);
        if (!problems.isEmpty()) {
            throw bad("the offer is not valid ODRL: " + problems.stream().map(Object::toString).toList());
        }
        Negotiation n = value(negotiations.request(address, counterParty, offer));
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(Json.write(view(n)));
    }

    @Operation(summary = "Lists negotiations (both roles), most recently changed first")
    @GetMapping(path = BASE + "/negotiations", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> listNegotiations(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        var items = Json.provider().createArrayBuilder();
        negotiationStore.list(Math.max(0, offset), Math.clamp(limit, 1, 500)).forEach(n -> items.add(view(n)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(Json.provider().createObjectBuilder()
                .add("items", items).build()));
    }

    @Operation(summary = "One negotiation, with its offer and agreement. ETag: its version. With If-None-Match and/or until=STATE[,STATE], "
            + "Prefer: wait=N holds the answer up to N s (at most 60) until it changed or reached one of the states (or a final one); "
            + "304 when it is still the given tag")
    @GetMapping(path = BASE + "/negotiations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> negotiation(@PathVariable String id, @RequestParam(required = false) List<String> until,
                                              @RequestHeader(name = "Prefer", required = false) String prefer,
                                              @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) throws InterruptedException {
        return negotiationReads.get(id, until, prefer, ifNoneMatch);
    }

    @Operation(summary = "Decides the next step of a negotiation by hand. Body: {message: ACCEPTED|VERIFICATION|AGREEMENT|FINALIZED|TERMINATION, reason}")
    @PostMapping(path = BASE + "/negotiations/{id}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> decideNegotiation(@PathVariable String id, @RequestBody byte[] body) {
        JsonObject request = object(body);
        eu.federator.dataspace.negotiation.NegotiationMessage message = enumValue(eu.federator.dataspace.negotiation.NegotiationMessage.class,
                required(request, "message"));
        String reason = request.getString("reason", null);
        NegotiationDecision decision = message == eu.federator.dataspace.negotiation.NegotiationMessage.TERMINATION
                ? NegotiationDecision.terminate(reason == null || reason.isBlank() ? "terminated by the operator" : reason)
                : NegotiationDecision.send(message);
        negotiationStore.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no negotiation " + id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(view(value(negotiations.decide(id, decision)))));
    }

    @Operation(summary = "Starts a transfer as consumer. Body: {agreementId, format, dataAddress? (push: where to), counterPartyAddress?, counterPartyId?}")
    @PostMapping(path = BASE + "/transfers", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> startTransfer(@RequestBody byte[] body) {
        JsonObject request = object(body);
        DataAddress destination = null;
        if (request.get("dataAddress") instanceof JsonObject a) {
            List<EndpointProperty> properties = new ArrayList<>();
            if (a.get("endpointProperties") instanceof jakarta.json.JsonArray array) {
                for (JsonValue v : array) {
                    if (!(v instanceof JsonObject p) || p.getString("name", null) == null || p.getString("value", null) == null) {
                        throw bad("dataAddress.endpointProperties: each needs a name and a value");
                    }
                    properties.add(new EndpointProperty(p.getString("name"), p.getString("value")));
                }
            }
            destination = new DataAddress(a.getString("endpointType", "https://w3id.org/idsa/v4.1/HTTP"), required(a, "endpoint"), properties);
        }
        String format = required(request, "format");
        DataAddress given = destination;
        // a push without a destination goes to this server's own sink, kept for GET .../data
        Transfer t = value(transfers.request(required(request, "agreementId"), format,
                pid -> given != null || !format.endsWith("-PUSH") ? given : sinks.create(pid),
                request.getString("counterPartyAddress", null), request.getString("counterPartyId", null)));
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(Json.write(view(t)));
    }

    @Operation(summary = "Lists transfers (both roles), most recently changed first")
    @GetMapping(path = BASE + "/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> listTransfers(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        var items = Json.provider().createArrayBuilder();
        transferStore.list(Math.max(0, offset), Math.clamp(limit, 1, 500)).forEach(t -> items.add(view(t)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(Json.provider().createObjectBuilder()
                .add("items", items).build()));
    }

    @Operation(summary = "One transfer, with the data address (a pull transfer's endpoint and token, once started). ETag, If-None-Match, "
            + "until and Prefer: wait as for a negotiation")
    @GetMapping(path = BASE + "/transfers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> transfer(@PathVariable String id, @RequestParam(required = false) List<String> until,
                                           @RequestHeader(name = "Prefer", required = false) String prefer,
                                           @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) throws InterruptedException {
        return transferReads.get(id, until, prefer, ifNoneMatch);
    }

    @Operation(summary = "The data of a transfer this side consumes: a started pull is fetched from the provider's data plane now, "
            + "a push is what the provider pushed into this server's sink")
    @GetMapping(path = BASE + "/transfers/{id}/data")
    public ResponseEntity<byte[]> data(@PathVariable String id) {
        Transfer t = transferStore.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no transfer " + id));
        if (t.role() != eu.federator.dataspace.Role.CONSUMER) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "transfer " + id + " is provided here, not consumed: its data is the provider's source");
        }
        if (t.format().endsWith("-PUSH")) {
            PushSinks.Received received = sinks.received(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "nothing was pushed for transfer " + id + " yet (it is " + t.position() + ")"));
            return ResponseEntity.ok().contentType(mediaType(received.contentType())).body(received.body());
        }
        if (t.position().state() != eu.federator.dataspace.protocol.TransferProcessState.STARTED || t.dataAddress() == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "transfer " + id + " is " + t.position()
                    + ": data can be pulled once the provider started it");
        }
        Result<DataPull.Data> data = pull.fetch(TransferService.dataAddress(t.dataAddress()));
        if (!data.succeeded()) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, data.problems().getFirst().message());
        }
        return ResponseEntity.ok().contentType(mediaType(data.value().contentType())).body(data.value().body());
    }

    private static MediaType mediaType(String contentType) {
        try {
            return contentType == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(contentType);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    @Operation(summary = "Suspends, resumes (START), completes or terminates a transfer. Body: {message: START|SUSPENSION|COMPLETION|TERMINATION, reason}")
    @PostMapping(path = BASE + "/transfers/{id}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> decideTransfer(@PathVariable String id, @RequestBody byte[] body) {
        JsonObject request = object(body);
        TransferMessage message = enumValue(TransferMessage.class, required(request, "message"));
        String reason = request.getString("reason", null);
        if ((message == TransferMessage.SUSPENSION || message == TransferMessage.TERMINATION) && (reason == null || reason.isBlank())) {
            reason = message == TransferMessage.SUSPENSION ? "suspended by the operator" : "terminated by the operator";
        }
        transferStore.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no transfer " + id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(view(value(transfers.decide(id,
                new TransferDecision(message, reason))))));
    }

    // ------------------------------------------------------------------------------------------------ views

    static JsonObject view(Negotiation n) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder().add("id", n.id()).add("role", n.role().name())
                .add("state", stateName(n.position()));
        addIf(b, "sending", n.position().pending() == null ? null : n.position().pending().name());
        addIf(b, "consumerPid", n.consumerPid());
        addIf(b, "providerPid", n.providerPid());
        b.add("counterPartyId", n.counterPartyId());
        addIf(b, "counterPartyAddress", n.counterPartyAddress());
        b.add("offer", NegotiationService.stored(n.offer()));
        if (n.agreement() != null) {
            b.add("agreement", NegotiationService.stored(n.agreement()));
        }
        return b.add("created", n.created().toString()).add("updated", n.updated().toString()).build();
    }

    static JsonObject view(Transfer t) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder().add("id", t.id()).add("role", t.role().name())
                .add("state", stateName(t.position()));
        addIf(b, "sending", t.position().pending() == null ? null : t.position().pending().name());
        addIf(b, "consumerPid", t.consumerPid());
        addIf(b, "providerPid", t.providerPid());
        b.add("agreementId", t.agreementId()).add("format", t.format()).add("counterPartyId", t.counterPartyId());
        addIf(b, "counterPartyAddress", t.counterPartyAddress());
        if (t.dataAddress() != null) {
            b.add("dataAddress", NegotiationService.stored(t.dataAddress()));
        }
        return b.add("created", t.created().toString()).add("updated", t.updated().toString()).build();
    }

    private static void addIf(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    // ------------------------------------------------------------------------------------------------ input

    private static JsonObject object(byte[] body) {
        try {
            return Json.parseObject(body == null ? new byte[0] : body);
        } catch (JsonSyntaxException e) {
            throw bad("the body is not a JSON object: " + e.getMessage());
        }
    }

    private static String required(JsonObject o, String key) {
        if (!(o.get(key) instanceof jakarta.json.JsonString s) || s.getString().isBlank()) {
            throw bad(key + " is missing (a non-empty string)");
        }
        return s.getString();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("message \"" + value + "\" is not one of " + List.of(type.getEnumConstants()));
        }
    }

    private static <T> T value(Result<T> result) {
        if (!result.succeeded()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, result.problems().stream().map(Object::toString).reduce((a, b) -> a + "; " + b)
                    .orElse("refused"));
        }
        return result.value();
    }

    private static ResponseStatusException bad(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }

    private static URI uri(String url) {
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw bad("counterPartyAddress must be an http(s) URL: " + url);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw bad("counterPartyAddress is not a URL: " + url);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the provider at " + request.uri() + " could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
