package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage.CatalogRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.Dataset;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The DSP 2025-1 catalog protocol, HTTPS binding, under {@value #BASE}. Public at the HTTP layer: the requester is
 * identified by {@link RequesterTokens} here, and what it sees is filtered by the access policies.
 */
@RestController
@Tag(name = "Dataspace Protocol", description = "DSP 2025-1 catalog protocol (HTTPS binding)")
public class DspCatalogController {
    static final String BASE = "/dsp";

    private final DspCatalog catalog;
    private final DspAuthentication tokens;
    private final DataspaceProperties properties;

    public DspCatalogController(DspCatalog catalog, DspAuthentication tokens, DataspaceProperties properties) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Operation(summary = "CatalogRequestMessage → Catalog, paged with Link headers (rel=\"next\", rel=\"previous\")")
    @PostMapping(path = BASE + "/catalog/request", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> request(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                          @RequestParam(name = "offset", required = false) String offsetParameter,
                                          @RequestBody(required = false) byte[] body) {
        Requester requester = tokens.requester(authorization);
        Result<CatalogRequestMessage> message = DspJson.read(body == null ? new byte[0] : body, CatalogRequestMessage.class);
        if (!message.succeeded()) {
            throw new DspException(HttpStatus.BAD_REQUEST, message.problems().stream().map(Object::toString).toList());
        }
        List<String> contexts = message.value().filter().isEmpty() ? List.of() : contexts(body);
        CatalogWindow window = CatalogWindow.of(offsetParameter, message.value().filter(), contexts, properties.catalogPageSize());
        int offset = window.offset();
        int size = window.size();
        DspCatalog.Page page = catalog.page(requester, endpointUrl(), offset, size);
        List<String> links = new ArrayList<>();
        String self = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).toUriString();
        if (page.more()) {
            links.add("<" + self + "?offset=" + (offset + size) + ">; rel=\"next\"");
        }
        if (offset > 0) {
            links.add("<" + self + "?offset=" + Math.max(0, offset - size) + ">; rel=\"previous\"");
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (!links.isEmpty()) {
            ok.header(HttpHeaders.LINK, String.join(", ", links));
        }
        return ok.body(DspJson.bytes(page.catalog()));
    }

    @Operation(summary = "DatasetRequestMessage → Dataset (the id is the dataset's @id, URL-encoded into one segment)")
    @GetMapping(path = BASE + "/catalog/datasets/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> dataset(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                          @PathVariable String id) {
        Requester requester = tokens.requester(authorization);
        Dataset dataset = catalog.dataset(requester, endpointUrl(), id).orElseThrow(() -> new DspException(HttpStatus.NOT_FOUND,
                "no dataset " + id + " in this catalog for " + requester.participantId() + ": ask for the catalog to see the datasets offered to you"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DspJson.bytes(dataset));
    }

    /** The {@code @context} entries that are IRIs (the body already read as a DSP message, so it is a JSON object). */
    private static List<String> contexts(byte[] body) {
        JsonValue context;
        try {
            context = Json.parseObject(body, DspJson.LIMITS).get("@context");
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("read as a message before", e);
        }
        List<JsonValue> entries = context instanceof JsonArray a ? a : context == null ? List.of() : List.of(context);
        return entries.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
    }

    /** This connector's DSP base URL as the requester reached it. */
    private static String endpointUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(BASE).toUriString();
    }
}
