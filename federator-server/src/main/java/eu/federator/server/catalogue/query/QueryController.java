package eu.federator.server.catalogue.query;

import eu.federator.server.catalogue.CatalogueErrors;
import eu.federator.server.catalogue.CatalogueException;

import eu.federator.catalogue.query.PreparedQuery;
import eu.federator.catalogue.query.QueryOutcome;
import eu.federator.catalogue.query.QueryParameters;
import eu.federator.catalogue.query.ResultFormats;
import eu.federator.catalogue.query.SparqlQueries;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.credentials.json.JsonSyntaxException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.jena.graph.Node;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /query}: read-only SPARQL over the catalogue graph, XFSC compatible. Errors in the XFSC envelope
 * {@code {"code","message"}} ({@link CatalogueErrors}).
 */
@RestController
@Tag(name = "Query", description = "SPARQL over the Federated Catalogue graph (XFSC /query compatible)")
public class QueryController {
    static final String SPARQL_QUERY = "application/sparql-query";
    private static final List<String> FORMATS = List.of(ResultFormats.XFSC_JSON, ResultFormats.SPARQL_JSON, ResultFormats.SPARQL_XML,
            ResultFormats.CSV, ResultFormats.TSV, ResultFormats.JSON_LD, ResultFormats.TURTLE, ResultFormats.N_TRIPLES);

    private final SparqlQueries queries;

    public QueryController(SparqlQueries queries) {
        this.queries = queries;
    }

    @PostMapping(path = "/query")
    @Operation(summary = "Query the catalogue graph with SPARQL",
            description = """
                    The graph is RDF: the claims of each self-description are a named graph `urn:federator:sd:<sha256>`; the \
                    default graph is the union of them plus the metadata graph (`fc:` = `urn:federator:catalogue:`: \
                    `?g fc:status "active"`, `fc:issuer`, `fc:subject`, `fc:hash`, `fc:validFrom`, `fc:validUntil`, \
                    `fc:uploadTime`, `fc:statusTime`, `fc:validator`). IRIs are always full; namespaces are never lost.

                    Body: raw SPARQL (`application/sparql-query`) or the XFSC JSON `{"statement": "...", "parameters": {...}}` \
                    (`application/json`). Parameters bind variables of the same name as RDF terms (never as text): a string \
                    is a plain literal, numbers and booleans are typed literals, `{"@id": "https://..."}` is an IRI and \
                    `{"@value", "@type"|"@language"}` a typed or language-tagged literal.

                    Read-only: SPARQL Update, `SERVICE` (anywhere, including subqueries and EXISTS) and `java:` functions \
                    are rejected with 400. A query without LIMIT gets the default LIMIT; a larger LIMIT than the maximum is \
                    lowered to it (response header `X-Query-Limit`, and `X-Query-Limit-Lowered: true`). `withTotalCount` \
                    runs a real `COUNT(*)` over the query without LIMIT/OFFSET (also in the header `X-Total-Count`). Results \
                    are not shuffled (XFSC shuffles unordered results); use ORDER BY for a stable order.

                    Response by `Accept`: `application/json` (and `*/*`) gives the XFSC shape `{"totalCount","items":[{var: value}]}` \
                    for SELECT and ASK and JSON-LD for CONSTRUCT/DESCRIBE; also `application/sparql-results+json`, \
                    `application/sparql-results+xml`, `text/csv`, `text/tab-separated-values`, `application/ld+json`, \
                    `text/turtle`, `application/n-triples`.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/json", schema = @Schema(type = "object"), examples = @ExampleObject(value = """
                            {"statement": "PREFIX gx: <https://w3id.org/gaia-x/development#> SELECT ?o ?name WHERE { ?o a gx:ServiceOffering ; gx:name ?name ; gx:providedBy ?provider }",
                             "parameters": {"provider": {"@id": "did:web:provider.example"}}}""")),
                    @Content(mediaType = SPARQL_QUERY, schema = @Schema(type = "string"), examples = @ExampleObject(value = """
                            PREFIX fc: <urn:federator:catalogue:>
                            SELECT ?sd ?issuer WHERE { ?sd fc:status "active" ; fc:issuer ?issuer } ORDER BY ?sd"""))}),
            responses = {
                    @ApiResponse(responseCode = "200", description = "the results", content = {
                            @Content(mediaType = "application/json", schema = @Schema(example = "{\"totalCount\": 1, \"items\": [{\"o\": \"https://provider.example/o/1\", \"name\": \"Storage\"}]}")),
                            @Content(mediaType = ResultFormats.SPARQL_JSON), @Content(mediaType = ResultFormats.JSON_LD),
                            @Content(mediaType = ResultFormats.TURTLE)}),
                    @ApiResponse(responseCode = "400", description = "syntax error (with line and column), update or SERVICE rejected, bad parameter or body",
                            content = @Content(mediaType = "application/json", schema = @Schema(example = "{\"code\": \"client_error\", \"message\": \"...\"}"))),
                    @ApiResponse(responseCode = "406", description = "no acceptable result format for this query form", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "415", description = "the body is neither application/sparql-query nor application/json", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "501", description = "queryLanguage OPENCYPHER or GRAPHQL: the graph is RDF, use SPARQL", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "503", description = "the remote SPARQL store is unavailable", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "504", description = "the query did not finish within its timeout", content = @Content(mediaType = "application/json"))})
    public ResponseEntity<byte[]> query(
            @Parameter(hidden = true) @RequestHeader(value = "Content-Type", required = false) String contentType,
            @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept,
            @Parameter(description = "SPARQL (default); OPENCYPHER and GRAPHQL give 501") @RequestParam(defaultValue = "SPARQL") String queryLanguage,
            @Parameter(description = "timeout in seconds (default and maximum are configured; default 5)") @RequestParam(required = false) String timeout,
            @Parameter(description = "also count all solutions with a COUNT query (default true, as XFSC)") @RequestParam(defaultValue = "true") String withTotalCount,
            @Parameter(hidden = true) InputStream body) throws IOException {
        language(queryLanguage);
        Duration limit = queries.timeout(timeout(timeout));
        boolean count = bool("withTotalCount", withTotalCount);
        MediaType type = contentType(contentType);
        byte[] bytes = body.readAllBytes();
        String statement;
        Map<String, Node> parameters = Map.of();
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            JsonObject json;
            try {
                json = Json.parseObject(bytes, JsonLimits.defaults());
            } catch (JsonSyntaxException e) {
                throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", "the body is not a JSON object: " + e.getMessage());
            }
            if (!(json.get("statement") instanceof JsonString s)) {
                throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", "the body needs \"statement\": the SPARQL query as a string");
            }
            statement = s.getString();
            JsonValue p = json.get("parameters");
            if (p != null && p != JsonValue.NULL) {
                if (p.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", "\"parameters\" must be an object of variable name → value");
                }
                parameters = QueryParameters.fromJson(p.asJsonObject());
            }
        } else {
            statement = new String(bytes, type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8);
        }
        PreparedQuery prepared = queries.prepare(statement, parameters);
        String format = negotiate(accept, prepared.kind());
        QueryOutcome outcome = queries.execute(prepared, limit, count);

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(format.startsWith("text/") ? format + ";charset=UTF-8" : format));
        headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (outcome.limit() >= 0) {
            headers.set("X-Query-Limit", Long.toString(outcome.limit()));
        }
        if (prepared.limitLowered()) {
            headers.set("X-Query-Limit-Lowered", "true");
        }
        if (outcome instanceof QueryOutcome.Select select && select.totalCount() >= 0) {
            headers.set("X-Total-Count", Long.toString(select.totalCount()));
        }
        return ResponseEntity.ok().headers(headers).body(ResultFormats.write(outcome, format));
    }

    @GetMapping(path = "/query/info", produces = "application/json")
    @Operation(summary = "What /query runs on", description = "The store (embedded TDB2 or a remote SPARQL endpoint), the limits, "
            + "the projection checkpoint and the prefixes recorded with the loaded data.")
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("queryLanguages", List.of("SPARQL"));
        info.put("store", queries.store().describe());
        info.put("defaultLimit", queries.settings().defaultLimit());
        info.put("maxLimit", queries.settings().maxLimit());
        info.put("defaultTimeoutSeconds", queries.settings().defaultTimeout().toMillis() / 1000.0);
        info.put("maxTimeoutSeconds", queries.settings().maxTimeout().toMillis() / 1000.0);
        var checkpoint = queries.store().checkpoint();
        info.put("checkpoint", checkpoint.isPresent() ? checkpoint.getAsLong() : null);
        info.put("prefixes", queries.store().prefixes());
        info.put("resultFormats", FORMATS);
        return info;
    }

    private static void language(String queryLanguage) {
        switch (queryLanguage.toUpperCase(Locale.ROOT)) {
            case "SPARQL" -> {
            }
            case "OPENCYPHER", "GRAPHQL" -> throw new CatalogueException(HttpStatus.NOT_IMPLEMENTED, "not_implemented",
                    "queryLanguage " + queryLanguage.toUpperCase(Locale.ROOT) + " is not supported: Federator's catalogue graph is RDF; "
                            + "query it with SPARQL (queryLanguage=SPARQL)");
            default -> throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error",
                    "unknown queryLanguage \"" + queryLanguage + "\"; use SPARQL");
        }
    }

    private static Duration timeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(seconds.strip());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(value);
        } catch (NumberFormatException e) {
            throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", "timeout must be a positive whole number of seconds, not \"" + seconds + "\"");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", name + " must be true or false, not \"" + value + "\"");
        };
    }

    private static MediaType contentType(String contentType) {
        MediaType type = null;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            // reported below
        }
        if (type != null && type.getType().equals("application") && type.getSubtype().equals("opencypher-query")) {
            throw new CatalogueException(HttpStatus.NOT_IMPLEMENTED, "not_implemented",
                    "openCypher is not supported: Federator's catalogue graph is RDF; send SPARQL as application/sparql-query");
        }
        if (type == null || !(type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardSubtype()
                || type.getType().equals("application") && type.getSubtype().equals("sparql-query"))) {
            String given = contentType == null ? "no Content-Type" : "Content-Type '" + contentType + "'";
            throw new CatalogueException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    given + " is not accepted here; send application/sparql-query (the query) or application/json ({\"statement\", \"parameters\"})");
        }
        return type;
    }

    private static String negotiate(String accept, PreparedQuery.Kind kind) {
        if (accept == null || accept.isBlank()) {
            return ResultFormats.preferred(kind);
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", "unparsable Accept header: " + e.getMessage());
        }
        MimeTypeUtils.sortBySpecificity(accepted);
        accepted.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType m : accepted) {
            if (m.getQualityValue() <= 0) {
                continue;
            }
            if (m.isWildcardType() || m.isWildcardSubtype() && m.getType().equals("application")) {
                return ResultFormats.preferred(kind);
            }
            String name = m.getType() + "/" + m.getSubtype();
            if (ResultFormats.supports(kind, name)) {
                return name;
            }
        }
        throw new CatalogueException(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "none of the accepted types (" + accept + ") can carry a "
                + kind + " result; " + (kind.graph() ? "use application/ld+json, text/turtle or application/n-triples"
                : "use application/json, application/sparql-results+json or application/sparql-results+xml" + (kind == PreparedQuery.Kind.SELECT ? ", text/csv" : "")));
    }
}
