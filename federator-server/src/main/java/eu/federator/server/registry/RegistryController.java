package eu.federator.server.registry;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.Certificates;
import eu.federator.server.identity.ServiceIdentities;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.registry.ShapeRegistry;
import eu.federator.trustframework.registry.TermsAndConditions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The GXDCH registry's read endpoints: the service's DID document and chain, trusted issuers, terms, shapes, contexts. */
@RestController
@Tag(name = "Registry", description = "Gaia-X registry (GXDCH compatible): DID document, certificate chain, trusted issuers, terms and conditions, shapes, contexts")
public class RegistryController {
    static final String PEM_CHAIN = "application/x-pem-file";

    private final ServiceIdentity identity;
    private final ShapeRegistry shapes;
    private final TermsAndConditions terms;
    private final Map<String, List<String>> trustedIssuers;
    private final String didDocument;
    private final String chainPem;

    public RegistryController(ServiceIdentity identity, ShapeRegistry shapes, TermsAndConditions terms, RegistryProperties properties) {
        this.identity = identity;
        this.shapes = shapes;
        this.terms = terms;
        Map<String, List<String>> issuers = new LinkedHashMap<>();
        issuers.put("registration-notary", List.of(identity.did()));
        issuers.put("compliance", List.of(identity.did()));
        issuers.putAll(properties.trustedIssuers());
        this.trustedIssuers = Map.copyOf(issuers);
        this.didDocument = Json.write(ServiceIdentities.didDocument(identity));
        this.chainPem = Certificates.toPem(identity.chain());
    }

    @GetMapping(path = {"/.well-known/did.json", "/did.json"})
    @Operation(summary = "The clearing house's DID document", description = "One JsonWebKey2020 verification method #X509-JWK2020 "
            + "whose publicKeyJwk carries alg and x5u (the chain below), listed in assertionMethod.")
    public ResponseEntity<String> did() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(didDocument);
    }

    @GetMapping(path = {"/.well-known/x509CertificateChain.pem", "/x509CertificateChain.pem"})
    @Operation(summary = "The certificate chain of the clearing house's key (PEM, leaf first)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = PEM_CHAIN))
    public ResponseEntity<String> chain() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(PEM_CHAIN)).body(chainPem);
    }

    @GetMapping(path = "/api/trusted-issuers")
    @Operation(summary = "Every trusted issuer", description = "{\"registry\": [all trusted issuers, deduplicated], \"byType\": {type: [...]}}. "
            + "Configured with federator.registry.trusted-issuers.<type>; registration-notary and compliance default to this clearing house's DID.")
    public ResponseEntity<String> trustedIssuers() {
        Set<String> all = new LinkedHashSet<>();
        JsonObjectBuilder byType = Json.provider().createObjectBuilder();
        trustedIssuers.keySet().stream().sorted().forEach(type -> {
            all.addAll(trustedIssuers.get(type));
            byType.add(type, array(trustedIssuers.get(type)));
        });
        return json(Json.provider().createObjectBuilder().add("registry", array(all)).add("byType", byType).build());
    }

    @GetMapping(path = "/api/trusted-issuers/{type}")
    @Operation(summary = "The trusted issuers of one service type, e.g. registration-notary (JSON array)")
    @ApiResponse(responseCode = "404", description = "unknown service type")
    public ResponseEntity<String> trustedIssuers(@PathVariable String type) {
        List<String> issuers = trustedIssuers.get(type);
        if (issuers == null) {
            throw new RegistryException(HttpStatus.NOT_FOUND, "no trusted issuers for service type '" + type + "'; known types: "
                    + String.join(", ", trustedIssuers.keySet().stream().sorted().toList()));
        }
        return json(array(issuers).build());
    }

    @GetMapping(path = "/api/termsAndConditions")
    @Operation(summary = "Gaia-X terms and conditions", description = "With ?version=22.04|22.10|25.11: {version, hash, text, note, "
            + "acceptedHashes}; without: every version with its hash. 25.11 lists the accepted gx:Issuer gx:gaiaxTermsAndConditions "
            + "hashes (the deprecated one until 2026-03-31) and marks which are accepted now.")
    public ResponseEntity<String> termsAndConditions(@Parameter(description = "22.04, 22.10 or 25.11") @RequestParam(required = false) String version) {
        Instant now = Instant.now();
        if (version == null) {
            JsonArrayBuilder list = Json.provider().createArrayBuilder();
            terms.versions().forEach(v -> list.add(Json.provider().createObjectBuilder().add("version", v.version()).add("hash", v.hash())));
            return json(list.build());
        }
        String wanted = version.equals("development") || version.equals("latest") ? "25.11" : version;
        TermsAndConditions.Version v = terms.version(wanted).orElseThrow(() -> new RegistryException(HttpStatus.NOT_FOUND,
                "no terms and conditions for version '" + version + "'; known: "
                        + String.join(", ", terms.versions().stream().map(TermsAndConditions.Version::version).toList())));
        JsonArrayBuilder accepted = Json.provider().createArrayBuilder();
        for (TermsAndConditions.AcceptedHash a : v.accepted()) {
            JsonObjectBuilder entry = Json.provider().createObjectBuilder().add("hash", a.sha256()).add("status", a.status())
                    .add("acceptedNow", a.acceptedAt(now));
            if (a.acceptedUntil() != null) {
                entry.add("acceptedUntil", a.acceptedUntil().toString());
            }
            accepted.add(entry);
        }
        return json(Json.provider().createObjectBuilder().add("version", v.version()).add("hash", v.hash())
                .add("text", v.text()).add("note", v.note()).add("acceptedHashes", accepted).build());
    }

    @GetMapping(path = "/shapes/implemented")
    @Operation(summary = "Classes the shapes of a version target (local names, JSON array)")
    public ResponseEntity<String> implemented(@Parameter(description = "default: the newest version") @RequestParam(required = false) String version) {
        String v = version == null ? shapes.versions().getLast() : resolve(version);
        return json(array(shapes.implementedShapes(v)).build());
    }

    @GetMapping(path = "/shapes/{version}")
    @Operation(summary = "SHACL shapes of a trust-framework version", description = "Turtle by default; JSON-LD (expanded, flattened "
            + "for 25.11) with Accept: application/ld+json or ?type=jsonld. Versions: 22.10, 25.11; aliases development/latest (newest), "
            + "trustframework (22.10).")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "text/turtle"), @Content(mediaType = "application/ld+json")})
    public ResponseEntity<byte[]> shapes(@PathVariable String version, @RequestParam(required = false) String type,
                                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        String v = resolve(version);
        ShapeRegistry.Syntax syntax = syntax(type, accept);
        ShapeRegistry.Artifact artifact = shapes.shapes(v, syntax).orElseThrow(() -> unknown(version));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(artifact.mediaType())).body(artifact.content());
    }

    @GetMapping(path = "/context/{version}")
    @Operation(summary = "JSON-LD context of a trust-framework version")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/ld+json"))
    public ResponseEntity<byte[]> context(@PathVariable String version) {
        ShapeRegistry.Artifact artifact = shapes.context(resolve(version)).orElseThrow(() -> unknown(version));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(artifact.mediaType())).body(artifact.content());
    }

    private String resolve(String version) {
        return shapes.resolve(version).orElseThrow(() -> unknown(version));
    }

    private RegistryException unknown(String version) {
        return new RegistryException(HttpStatus.NOT_FOUND, "unknown trust-framework version '" + version + "'; served: "
                + String.join(", ", shapes.versions()) + " (aliases: development, latest, trustframework)");
    }

    static ShapeRegistry.Syntax syntax(String type, String accept) {
        if (type != null) {
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "ttl", "turtle" -> ShapeRegistry.Syntax.TURTLE;
                case "jsonld", "json-ld", "json" -> ShapeRegistry.Syntax.JSON_LD;
                default -> throw new RegistryException(HttpStatus.BAD_REQUEST, "type '" + type + "' is not ttl or jsonld");
            };
        }
        if (accept != null) {
            for (MediaType m : MediaType.parseMediaTypes(accept).stream()
                    .sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed()).toList()) {
                String t = m.getType() + "/" + m.getSubtype();
                if (t.equals("text/turtle")) {
                    return ShapeRegistry.Syntax.TURTLE;
                }
                if (t.equals("application/ld+json") || t.equals("application/json")) {
                    return ShapeRegistry.Syntax.JSON_LD;
                }
            }
        }
        return ShapeRegistry.Syntax.TURTLE;
    }

    private static JsonArrayBuilder array(Iterable<String> values) {
        JsonArrayBuilder array = Json.provider().createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static ResponseEntity<String> json(jakarta.json.JsonValue value) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(value));
    }
}
