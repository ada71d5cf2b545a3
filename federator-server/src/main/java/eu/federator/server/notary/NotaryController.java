package eu.federator.server.notary;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.trustframework.notary.Notary;
import eu.federator.trustframework.notary.NotaryOutcome;
import eu.federator.trustframework.notary.RegistrationNumberType;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registration-number notary with the GXDCH notary paths: v1 (Tagus, JSON-LD) and v2 (Loire, VC-JWT). Errors use
 * the GXDCH envelope {@code {message, error, statusCode, errors[]}} ({@link NotaryExceptionHandler}).
 */
@RestController
@Tag(name = "Notary", description = "Gaia-X registration-number notary (GXDCH notary v1 and v2 compatible)")
public class NotaryController {
    static final MediaType VC_JWT = MediaType.parseMediaType("application/vc+jwt");
    static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");

    private final NotaryService notaries;

    @Autowired
    public NotaryController(NotaryService notaries) {
        this.notaries = notaries;
    }

    private Notary notary() {
        return notaries.notary().orElseThrow(() -> new NotaryException(HttpStatus.SERVICE_UNAVAILABLE,
                "the notary has no signing identity: configure the clearing house's service identity", "no-service-identity"));
    }

    @PostMapping(path = "/v1/registrationNumberVC")
    @Operation(summary = "Issue a Tagus (22.10) registration-number credential",
            description = """
                    The body is a `gx:legalRegistrationNumber` with exactly one of `gx:vatID`, `gx:leiCode`, `gx:EORI`, \
                    `gx:EUID`, `gx:taxID` and the subject `id`. The number is checked offline (format, check digits), then \
                    with its register (VIES, GLEIF, EU EOS); the answer is a JSON-LD credential signed with \
                    JsonWebSignature2020 whose `evidence` names the register and the time of the check.

                    400: the number fails the offline check (the reason says which rule). 422: the register says it is not \
                    valid (its reason is quoted), or this notary does not vouch for the type. 503 with `Retry-After`: the \
                    register could not answer — nothing is known about the number, try again later. 415: not JSON.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(type = "object"), examples = @ExampleObject(value = """
                    {"@context":["https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/participant"],
                     "type":"gx:legalRegistrationNumber","id":"https://example.org/lrn.json#cs","gx:vatID":"BE0762747721"}"""))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "the signed credential", content = @Content(mediaType = "application/ld+json")),
                    @ApiResponse(responseCode = "400", description = "malformed body or offline-invalid number", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "415", description = "the body is not JSON", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "422", description = "the register says the number is not valid", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "503", description = "the register is unavailable; see Retry-After", content = @Content(mediaType = "application/json"))})
    public ResponseEntity<String> tagus(
            @Parameter(hidden = true) @RequestHeader(value = "Content-Type", required = false) String contentType,
            @Parameter(hidden = true) InputStream body,
            @Parameter(description = "the id of the credential to issue (default: a new urn:uuid)") @RequestParam(required = false) String vcid)
            throws IOException {
        requireJson(contentType);
        JsonObject request;
        try {
            request = Json.parseObject(body.readAllBytes(), JsonLimits.defaults());
        } catch (JsonSyntaxException e) {
            throw new NotaryException(HttpStatus.BAD_REQUEST, "the body is not a JSON object: " + e.getMessage(), "malformed-body");
        }
        List<RegistrationNumberType> present = new ArrayList<>();
        for (RegistrationNumberType type : RegistrationNumberType.values()) {
            if (request.containsKey(type.tagusProperty())) {
                present.add(type);
            }
        }
        if (present.size() != 1) {
            throw new NotaryException(HttpStatus.BAD_REQUEST, (present.isEmpty() ? "no registration number in the body" : "more than one registration number in the body")
                    + ": give exactly one of gx:vatID, gx:leiCode, gx:EORI, gx:EUID, gx:taxID", "registration-number-missing");
        }
        RegistrationNumberType type = present.getFirst();
        if (!(request.get(type.tagusProperty()) instanceof JsonString value)) {
            throw new NotaryException(HttpStatus.BAD_REQUEST, type.tagusProperty() + " must be a string", "registration-number-not-a-string");
        }
        JsonValue id = request.get("id");
        if (id != null && !(id instanceof JsonString)) {
            throw new NotaryException(HttpStatus.BAD_REQUEST, "id must be a string (the credential subject's id)", "id-not-a-string");
        }
        String subjectId = id instanceof JsonString s ? s.getString() : null;
        Notary.Issuance issuance = notary().issueTagus(type, value.getString(), vcid, subjectId);
        if (!issuance.issued()) {
            throw failure(issuance.outcome());
        }
        return ResponseEntity.ok().contentType(LD_JSON).body(issuance.credential());
    }

    @GetMapping(path = "/v2/registration-numbers/{type}/{value}")
    @Operation(summary = "Issue a Loire registration-number credential (VC-JWT)",
            description = """
                    `type` is one of vat-id, lei-code, eori, euid, tax-id. The number is checked offline, then with its \
                    register (VIES for VAT, GLEIF for LEI, EU EOS for EORI; EUID and tax ID have no public register and are \
                    checked offline only — see the evidence note). 200 is a `vc+jwt` of type `gx:VatID`, `gx:LeiCode`, \
                    `gx:EORI`, `gx:EUID` or `gx:TaxID` with an `evidence` block and `validFrom`/`validUntil`.

                    400: unknown type or offline-invalid number. 422: the register says it is not valid. 503 with \
                    `Retry-After`: the register could not answer.""",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the signed credential", content = @Content(mediaType = "application/vc+jwt",
                            schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "400", description = "unknown type or offline-invalid number", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "422", description = "the register says the number is not valid", content = @Content(mediaType = "application/json")),
                    @ApiResponse(responseCode = "503", description = "the register is unavailable; see Retry-After", content = @Content(mediaType = "application/json"))})
    public ResponseEntity<String> loire(
            @Parameter(description = "vat-id, lei-code, eori, euid or tax-id") @PathVariable String type,
            @Parameter(description = "the registration number, e.g. BE0762747721") @PathVariable String value,
            @Parameter(description = "the id of the credential (default: a new urn:uuid)") @RequestParam(required = false) String vcId,
            @Parameter(description = "the id of the credential subject (default: vcId#cs)") @RequestParam(required = false) String subjectId) {
        RegistrationNumberType kind = RegistrationNumberType.fromPathName(type).orElseThrow(() -> new NotaryException(HttpStatus.BAD_REQUEST,
                "unknown registration number type \"" + type + "\"; use one of " + RegistrationNumberType.pathNames(), "unknown-type"));
        Notary.Issuance issuance = notary().issueLoire(kind, value, vcId, subjectId);
        if (!issuance.issued()) {
            throw failure(issuance.outcome());
        }
        return ResponseEntity.ok().contentType(VC_JWT).body(issuance.credential());
    }

    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        boolean json = type != null && type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        if (!json) {
            String given = contentType == null ? "no Content-Type" : "Content-Type '" + contentType + "'";
            throw new NotaryException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, given + " is not accepted here; send application/json or application/ld+json",
                    "unsupported-media-type");
        }
    }

    static NotaryException failure(NotaryOutcome outcome) {
        return switch (outcome) {
            case NotaryOutcome.OfflineInvalid o -> new NotaryException(HttpStatus.BAD_REQUEST, "invalid " + name(o.check().type()) + ": " + o.check().reason(),
                    List.of(error("offline-check", o.check().reason(), o.check().normalized())), null);
            case NotaryOutcome.SourceInvalid s -> new NotaryException(HttpStatus.UNPROCESSABLE_CONTENT, s.reason(),
                    List.of(Map.of("code", "source-invalid", "source", s.source(), "message", s.reason(), "value", s.check().normalized())), null);
            case NotaryOutcome.Unavailable u -> new NotaryException(HttpStatus.SERVICE_UNAVAILABLE, u.source() + " is unavailable, so "
                    + u.check().normalized() + " could not be checked; this says nothing about the number — try again later. " + u.reason(),
                    List.of(Map.of("code", "source-unavailable", "source", u.source(), "message", u.reason())), u.retryAfter());
            case NotaryOutcome.Refused r -> new NotaryException(HttpStatus.UNPROCESSABLE_CONTENT, r.reason(),
                    List.of(error("type-refused", r.reason(), r.check().normalized())), null);
            case NotaryOutcome.Verified v -> throw new IllegalStateException("verified but not issued");
        };
    }

    private static Map<String, String> error(String code, String message, String value) {
        return Map.of("code", code, "message", message, "value", value);
    }

    private static String name(RegistrationNumberType type) {
        return switch (type) {
            case VAT_ID -> "VAT number";
            case LEI_CODE -> "LEI";
            case EORI -> "EORI number";
            case EUID -> "EUID";
            case TAX_ID -> "tax ID";
        };
    }
}
