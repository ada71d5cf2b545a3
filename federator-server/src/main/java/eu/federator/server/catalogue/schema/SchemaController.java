package eu.federator.server.catalogue.schema;

import eu.federator.catalogue.schema.SchemaSyntax;
import eu.federator.catalogue.schema.SchemaType;
import eu.federator.catalogue.schema.Schemas;
import eu.federator.catalogue.schema.StoredSchema;
import eu.federator.credentials.json.Json;
import eu.federator.server.catalogue.CatalogueException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.apache.jena.graph.Graph;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The XFSC Federated Catalogue {@code /schemas} API: ontologies, SHACL shapes and SKOS vocabularies, with XFSC's type
 * detection and unique-term rules, and the composite ("latest") schema of each type. Errors use the XFSC envelope
 * ({@link eu.federator.server.catalogue.CatalogueErrors}). Writes will need the catalogue-admin role once security is on.
 */
@RestController
@Tag(name = "Catalogue schemas", description = "XFSC Federated Catalogue /schemas: ontologies, shapes, vocabularies; "
        + "errors as {\"code\", \"message\"}")
public class SchemaController {
    private static final String RDF_TYPES = "text/turtle, application/ld+json, application/json, application/rdf+xml "
            + "(or text/plain, application/octet-stream, none: detected from the content)";

    private final Schemas schemas;

    public SchemaController(Schemas schemas) {
        this.schemas = schemas;
    }

    @GetMapping(path = "/schemas", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the schema ids by type", description = "{\"ontologies\": [...], \"shapes\": [...], \"vocabularies\": [...]}, "
            + "each sorted. offset and limit are accepted and ignored, as in XFSC.")
    public ResponseEntity<String> list(@RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer limit) {
        Map<SchemaType, List<String>> ids = schemas.list();
        JsonObjectBuilder body = Json.provider().createObjectBuilder();
        for (SchemaType type : SchemaType.values()) {
            JsonArrayBuilder list = Json.provider().createArrayBuilder();
            ids.get(type).forEach(list::add);
            body.add(type.plural(), list);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(body.build()));
    }

    @PostMapping(path = "/schemas")
    @Operation(summary = "Add a schema", description = "The body is an ontology (one owl:Ontology), SHACL shapes or a SKOS vocabulary "
            + "(one skos:ConceptScheme) in Turtle, JSON-LD (inline contexts only) or RDF/XML. Its id is the ontology or scheme "
            + "IRI, or for shapes the SHA-256 of the content; every class, property, shape and concept it defines must not be "
            + "defined by another schema. 201 with Location /schemas/{url-encoded id}.",
            requestBody = @RequestBody(content = {@Content(mediaType = "text/turtle"), @Content(mediaType = "application/ld+json"),
                    @Content(mediaType = "application/rdf+xml")}))
    @ApiResponse(responseCode = "201", description = "Added: {\"id\", \"type\", \"uploadTime\"}")
    @ApiResponse(responseCode = "400", description = "client_error: the content does not parse (the parser's message)")
    @ApiResponse(responseCode = "409", description = "conflict_error: the schema exists, or a term is defined by another schema (named)")
    @ApiResponse(responseCode = "413", description = "payload_too_large: larger than federator.http.max-body-size")
    @ApiResponse(responseCode = "415", description = "unsupported_media_type: " + RDF_TYPES)
    @ApiResponse(responseCode = "422", description = "verification_error: \"Schema is not valid: Schema type not supported\", "
            + "\"... multiple Ontology IRIs\", \"... multiple concept schemes\", shapes that do not compile")
    public ResponseEntity<String> add(@org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
                                      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        StoredSchema stored = schemas.add(body(body), syntax(contentType));
        return ResponseEntity.created(URI.create("/schemas/" + encode(stored.id())))
                .contentType(MediaType.APPLICATION_JSON).body(describe(stored));
    }

    @GetMapping(path = "/schemas/latest")
    @Operation(summary = "The composite schema of a type", description = "The union of every schema of the type, as Turtle (or "
            + "JSON-LD, RDF/XML, N-Triples by Accept); empty when there is none. With term (an IRI): only what the composite says "
            + "about it: its description (following blank nodes) and, for shapes, the shapes that target it (sh:targetClass); "
            + "404 if the composite does not mention it. With term and no type, the type of the schema that defines the term. "
            + "XFSC ignores term.")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "text/turtle"), @Content(mediaType = "application/ld+json"),
            @Content(mediaType = "application/rdf+xml"), @Content(mediaType = "application/n-triples")})
    public ResponseEntity<byte[]> latest(
            @Parameter(description = "ontology, shape or vocabulary (case-insensitive)") @RequestParam(required = false) String type,
            @Parameter(description = "the IRI of a term, e.g. a class") @RequestParam(required = false) String term,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        SchemaType schemaType;
        if (type != null) {
            schemaType = SchemaType.parse(type).orElseThrow(() -> new CatalogueException(HttpStatus.BAD_REQUEST, "client_error",
                    "Please check the value of the type query parameter! (ontology, shape or vocabulary)"));
        } else if (term != null && !term.isBlank()) {
            String schemaId = schemas.definingSchema(term).orElseThrow(() -> new CatalogueException(HttpStatus.NOT_FOUND,
                    "not_found_error", "No schema defines the term " + term));
            schemaType = schemas.get(schemaId).map(StoredSchema::type).orElseThrow(() -> new CatalogueException(HttpStatus.NOT_FOUND,
                    "not_found_error", "No schema defines the term " + term));
        } else {
            throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error",
                    "Please check the value of the type query parameter! (ontology, shape or vocabulary)");
        }
        String mediaType = negotiate(accept, "text/turtle");
        Graph graph;
        if (term != null && !term.isBlank()) {
            graph = schemas.definition(schemaType, term).orElseThrow(() -> new CatalogueException(HttpStatus.NOT_FOUND, "not_found_error",
                    "The composite " + schemaType.code() + " schema has nothing about the term " + term));
        } else {
            var composite = schemas.composite(schemaType);
            if (mediaType.equals("text/turtle") || mediaType.equals("text/plain")) {
                return rdf(composite.turtle().getBytes(StandardCharsets.UTF_8), mediaType);
            }
            graph = composite.graph();
        }
        return rdf(RdfNegotiation.write(graph, mediaType.equals("text/plain") ? "text/turtle" : mediaType), mediaType);
    }

    @GetMapping(path = "/schemas/{*id}")
    @Operation(summary = "Get a schema", description = "The schema exactly as submitted (byte for byte), with the media type of its "
            + "syntax. Another RDF syntax may be asked for with Accept; it is then converted (and no longer byte for byte). The id "
            + "is URL-encoded in the path (%2F, %23 for / and #).")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "text/turtle"), @Content(mediaType = "application/ld+json"),
            @Content(mediaType = "application/rdf+xml")})
    @ApiResponse(responseCode = "404", description = "not_found_error")
    public ResponseEntity<byte[]> get(@Parameter(description = "the schema id", schema = @Schema(type = "string")) @PathVariable String id,
                                      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        StoredSchema stored = schemas.get(id(id)).orElseThrow(() -> notFound(id(id)));
        String mediaType = negotiate(accept, stored.syntax().mediaType());
        if (RdfNegotiation.sameSyntax(mediaType, stored.syntax())) {
            return rdf(stored.content(), mediaType);
        }
        Graph graph = schemas.analyzer().parseStored(stored.content(), stored.syntax());
        return rdf(RdfNegotiation.write(graph, mediaType), mediaType);
    }

    @PutMapping(path = "/schemas/{*id}")
    @Operation(summary = "Replace a schema", description = "An ontology or vocabulary must keep its IRI (else 400); a shape schema "
            + "keeps its id. Its terms are replaced; a term defined by another schema is a 409.")
    @ApiResponse(responseCode = "200", description = "Replaced: {\"id\", \"type\", \"uploadTime\", \"updateTime\"}")
    @ApiResponse(responseCode = "400", description = "client_error: does not parse, another IRI, or another type")
    @ApiResponse(responseCode = "404", description = "not_found_error")
    @ApiResponse(responseCode = "409", description = "conflict_error")
    @ApiResponse(responseCode = "415", description = "unsupported_media_type")
    @ApiResponse(responseCode = "422", description = "verification_error")
    public ResponseEntity<String> replace(@Parameter(schema = @Schema(type = "string")) @PathVariable String id,
                                          @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
                                          @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        StoredSchema stored = schemas.replace(id(id), body(body), syntax(contentType));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(describe(stored));
    }

    @DeleteMapping(path = "/schemas/{*id}")
    @Operation(summary = "Delete a schema", description = "The schema and its terms; 200 with no body, as XFSC.")
    @ApiResponse(responseCode = "200", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "not_found_error")
    public ResponseEntity<Void> delete(@Parameter(schema = @Schema(type = "string")) @PathVariable String id) {
        schemas.delete(id(id));
        return ResponseEntity.ok().build();
    }

    // ------------------------------------------------------------------------------------------------

    /** {@code {*id}} captures the rest of the path with its leading slash (so ids with unencoded slashes work too). */
    private static String id(String captured) {
        return captured.startsWith("/") ? captured.substring(1) : captured;
    }

    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] body(byte[] body) {
        return body == null ? new byte[0] : body;
    }

    private static SchemaSyntax syntax(String contentType) {
        try {
            return SchemaSyntax.ofMediaType(contentType).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Content-Type '" + contentType + "' is not accepted here; send one of: " + RDF_TYPES);
        }
    }

    private static String negotiate(String accept, String preferred) {
        String chosen = RdfNegotiation.choose(accept, preferred);
        if (chosen == null) {
            throw new CatalogueException(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "none of the accepted media types (" + accept
                    + ") can be produced; available: " + String.join(", ", RdfNegotiation.OFFERED));
        }
        return chosen;
    }

    private static ResponseEntity<byte[]> rdf(byte[] body, String mediaType) {
        MediaType type = MediaType.parseMediaType(mediaType);
        if (mediaType.startsWith("text/")) {
            type = new MediaType(type, StandardCharsets.UTF_8);
        }
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).body(body);
    }

    private static CatalogueException notFound(String id) {
        return new CatalogueException(HttpStatus.NOT_FOUND, "not_found_error", "Schema with id " + id + " was not found");
    }

    private static String describe(StoredSchema s) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder().add("id", s.id()).add("type", s.type().code())
                .add("uploadTime", s.uploadTime().toString());
        if (!s.updateTime().equals(s.uploadTime())) {
            b.add("updateTime", s.updateTime().toString());
        }
        return Json.write(b.build());
    }
}
