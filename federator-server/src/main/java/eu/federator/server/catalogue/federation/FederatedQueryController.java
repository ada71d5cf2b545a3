package eu.federator.server.catalogue.federation;

import eu.federator.catalogue.federation.FederatedQuery;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.server.catalogue.CatalogueException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** XFSC {@code POST /query/search}: the query on this catalogue and its partner catalogues, merged. */
@RestController
@Tag(name = "Query", description = "SPARQL over the Federated Catalogue graph (XFSC /query compatible)")
public class FederatedQueryController {
    private final FederatedQuery query;

    public FederatedQueryController(FederatedQuery query) {
        this.query = query;
    }

    @PostMapping(path = "/query/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Query this catalogue and its partner catalogues (distributed search)",
            description = """
                    XFSC `AnnotatedStatement`: `{"statement", "parameters", "servers": [], "annotations": {"queryLanguage": \
                    "SPARQL", "timeout": 5, "withTotalCount": true}}`. The SELECT or ASK statement runs here (read-only, \
                    as `POST /query`) and on every partner (`federator.catalogue.federation.partners`) not listed in \
                    `servers`, at the same time; this catalogue adds itself and its partners to `servers` before forwarding, \
                    so no catalogue is asked twice. The answer is `{"totalCount", "items", "catalogues"}`: every item is \
                    marked with its catalogue (`"@catalogue"`), totals are summed, and `catalogues` gives each catalogue's \
                    total or its error: a partner that fails or does not answer in time is reported there, never a 5xx. \
                    Asked by another catalogue (non-empty `servers`), the answer has one XFSC block `{"server", "total", \
                    "items"}` per catalogue.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(type = "object"), examples = @ExampleObject(value = """
                            {"statement": "PREFIX gx: <https://w3id.org/gaia-x/development#> SELECT ?o ?name WHERE { ?o a gx:ServiceOffering ; gx:name ?name }",
                             "annotations": {"queryLanguage": "SPARQL", "timeout": 5, "withTotalCount": true}}"""))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "the merged results", content = @Content(mediaType = "application/json",
                            schema = @Schema(example = "{\"totalCount\": 2, \"items\": [{\"o\": \"https://a.example/o/1\", \"name\": \"Storage\", "
                                    + "\"@catalogue\": \"https://a.example\"}, {\"o\": \"https://b.example/o/7\", \"name\": \"Compute\", "
                                    + "\"@catalogue\": \"https://b.example\"}], \"catalogues\": [{\"catalogue\": \"https://a.example\", "
                                    + "\"totalCount\": 1, \"items\": 1}, {\"catalogue\": \"https://b.example\", \"totalCount\": 1, \"items\": 1}, "
                                    + "{\"catalogue\": \"https://c.example\", \"error\": \"no answer within 7000 ms\"}]}"))),
                    @ApiResponse(responseCode = "400", description = "not JSON, no statement, syntax error, update or SERVICE, a CONSTRUCT/DESCRIBE query",
                            content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "415", description = "the body is not application/json", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "501", description = "queryLanguage OPENCYPHER or GRAPHQL: the graph is RDF, use SPARQL", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "503", description = "this catalogue's graph is unavailable", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "504", description = "the query did not finish here within its timeout", content = @Content(mediaType = "application/json"))})
    public ResponseEntity<String> search(@Parameter(hidden = true) @RequestHeader(value = "Content-Type", required = false) String contentType,
                                         @Parameter(hidden = true) InputStream body) throws IOException {
        json(contentType);
        JsonObject statement;
        try {
            statement = Json.parseObject(body.readAllBytes(), JsonLimits.defaults());
        } catch (JsonSyntaxException e) {
            throw badRequest("the body is not a JSON object: " + e.getMessage());
        }
        String text = statement.get("statement") instanceof JsonString s ? s.getString() : null;
        if (text == null) {
            throw badRequest("the body needs \"statement\": the SPARQL query as a string");
        }
        JsonObject parameters = null;
        JsonValue p = statement.get("parameters");
        if (p != null && p != JsonValue.NULL) {
            if (!(p instanceof JsonObject o)) {
                throw badRequest("\"parameters\" must be an object of variable name → value");
            }
            parameters = o;
        }
        List<String> servers = new ArrayList<>();
        JsonValue s = statement.get("servers");
        if (s != null && s != JsonValue.NULL) {
            if (!(s instanceof jakarta.json.JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
                throw badRequest("\"servers\" must be an array of catalogue URLs");
            }
            array.forEach(v -> servers.add(((JsonString) v).getString()));
        }
        JsonObject annotations = statement.get("annotations") instanceof JsonObject a ? a : JsonValue.EMPTY_JSON_OBJECT;
        language(annotations.get("queryLanguage"));
        String result = Json.write(query.search(new FederatedQuery.Request(text, parameters, servers, timeout(annotations.get("timeout")),
                withTotalCount(annotations.get("withTotalCount")))));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
    }

    private static void json(String contentType) {
        MediaType type = null;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            // reported below
        }
        if (type == null || type.isWildcardSubtype() || !type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            throw new CatalogueException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", (contentType == null ? "no Content-Type"
                    : "Content-Type '" + contentType + "'") + " is not accepted here; send the AnnotatedStatement as application/json");
        }
    }

    /** SPARQL, the only language of an RDF graph; absent means SPARQL (XFSC's default, OPENCYPHER, has no meaning here). */
    private static void language(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        String name = value instanceof JsonString s ? s.getString().toUpperCase(Locale.ROOT) : value.toString();
        switch (name) {
            case "SPARQL" -> {
            }
            case "OPENCYPHER", "GRAPHQL" -> throw new CatalogueException(HttpStatus.NOT_IMPLEMENTED, "not_implemented",
                    "queryLanguage " + name + " is not supported: Federator's catalogue graph is RDF; query it with SPARQL");
            default -> throw badRequest("unknown queryLanguage " + value + "; use SPARQL");
        }
    }

    private static Duration timeout(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        try {
            long seconds = value instanceof JsonNumber n ? n.longValueExact()
                    : value instanceof JsonString s ? Long.parseLong(s.getString().strip()) : -1;
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw badRequest("annotations.timeout must be a positive whole number of seconds, not " + value);
    }

    private static boolean withTotalCount(JsonValue value) {
        if (value == null || value == JsonValue.NULL || value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        if (value instanceof JsonString s && s.getString().strip().matches("(?i)true|false")) {
            return Boolean.parseBoolean(s.getString().strip());
        }
        throw badRequest("annotations.withTotalCount must be true or false, not " + value);
    }

    private static CatalogueException badRequest(String message) {
        return new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", message);
    }
}
