package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.sd.SdConflictException;
import eu.federator.catalogue.sd.SdFilter;
import eu.federator.catalogue.sd.SdNotFoundException;
import eu.federator.catalogue.sd.SdPage;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.CatalogueException;
import eu.federator.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static eu.federator.server.catalogue.CatalogueParameters.badRequest;
import static eu.federator.server.catalogue.CatalogueParameters.kinds;
import static eu.federator.server.catalogue.CatalogueParameters.page;
import static eu.federator.server.catalogue.CatalogueParameters.statuses;
import static eu.federator.server.catalogue.CatalogueParameters.values;

/**
 * The XFSC Federated Catalogue {@code /self-descriptions} API: submit (verified, classified, validated, stored, one
 * active per subject), list with every XFSC filter, get the raw content, revoke, delete. Errors in the XFSC envelope.
 */
@RestController
@Tag(name = "Self-descriptions", description = "XFSC Federated Catalogue /self-descriptions; errors as {\"code\", \"message\"}")
public class SelfDescriptionController {
    static final int MAX_LIMIT = 1000;
    private static final String BAD_HASH = "not a self-description hash (64 lower-case hex characters); code client_error";
    private static final String NOT_FOUND = "no self-description with this hash; code not_found_error";
    private static final String FORBIDDEN = "the token lacks the role (problem detail), or the caller may not act for the "
            + "self-description's participant (code forbidden_error)";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Catalogue catalogue;

    public SelfDescriptionController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PostMapping(path = "/self-descriptions", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json", "application/vc+ld+json",
            "application/vp+ld+json", "application/vc+jwt", "application/vp+jwt", "application/jwt", "application/vc+ld+json+jwt",
            "application/vc+ld+jwt", "application/vp+ld+json+jwt", "application/vp+ld+jwt"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a self-description",
            description = """
                    The body is a Tagus JSON-LD presentation or credential (VCDM 1.1, JsonWebSignature2020) or a Loire VC-JWT / \
                    VP-JWT (VCDM 2.0, enveloped credentials). It is verified with every check on (signatures, keys, certificate \
                    chains, status, validity), its subjects are classified (participant, service offering, resource, data \
                    product), its claims are validated against the composite shapes, and it is stored as `active`. An active \
                    self-description of the same subject becomes `deprecated` in the same transaction.

                    A presentation with a service offering and the provider's participant credentials (as GXDCH asks for) is \
                    stored as that offering; the participant credentials are kept once by hash and do not make a new version of \
                    the participant. The caller must be allowed to act for the provider (token claim `participant_id`, or the \
                    catalogue-admin role). 409 when the same bytes are stored already.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/ld+json", schema = @Schema(type = "object")),
                    @Content(mediaType = "application/json", schema = @Schema(type = "object")),
                    @Content(mediaType = "application/vc+jwt", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vp+jwt", schema = @Schema(type = "string"))}),
            responses = {
                    @ApiResponse(responseCode = "201", description = "stored; Location names it",
                            content = @Content(schema = @Schema(implementation = SelfDescriptionView.class))),
                    @ApiResponse(responseCode = "400", description = "not JSON / not a JWT / not a credential (code client_error)"),
                    @ApiResponse(responseCode = "401", description = "no valid bearer token"),
                    @ApiResponse(responseCode = "403", description = "the token lacks the role (problem detail), or the caller may "
                            + "not act for the provider (code forbidden_error)"),
                    @ApiResponse(responseCode = "409", description = "the same content is stored already (code conflict_error)"),
                    @ApiResponse(responseCode = "413", description = "body larger than federator.http.max-body-size"),
                    @ApiResponse(responseCode = "415", description = "unsupported Content-Type (problem detail listing the accepted types)"),
                    @ApiResponse(responseCode = "422", description = "verification, classification, SHACL or compliance failed; "
                            + "'problems' lists each (code verification_error)")})
    public ResponseEntity<SelfDescriptionView> submit(@Parameter(hidden = true) InputStream body,
                                                      @RequestHeader(name = "Content-Type") String contentType,
                                                      @Parameter(hidden = true) Caller caller) throws IOException {
        byte[] content = body.readAllBytes();
        // the same bytes again: 409 at once instead of after a full verification (re-running an import stays cheap)
        String hash = IngestPipeline.sha256Hex(content);
        catalogue.store().get(hash).ifPresent(existing -> {
            throw SdConflictException.alreadyStored(hash, existing.status());
        });
        IngestPipeline.Accepted accepted = catalogue.pipeline().analyse(content, contentType, catalogue.settings(),
                catalogue.clock().instant(), null);
        SelfDescription metadata = accepted.sd().metadata();
        if (!caller.mayActFor(metadata.provider()) && !caller.mayActFor(metadata.issuer())) {
            throw forbidden(caller, metadata);
        }
        SelfDescription stored = catalogue.store(accepted).sd();
        IngestWarnings.log(stored.hash(), accepted.warnings());
        return ResponseEntity.created(URI.create("/self-descriptions/" + stored.hash())).contentType(MediaType.APPLICATION_JSON)
                .body(SelfDescriptionView.of(stored));
    }

    @GetMapping(path = "/self-descriptions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List self-descriptions",
            description = """
                    XFSC filters: every given filter must match, any value of a list matches. With no filter at all only \
                    active ones are listed (as in XFSC). Ordered by status time, newest first, then hash. Items are \
                    `{"meta": SelfDescription, "content": "<the submitted text>"}`; `withMeta` (default true) and \
                    `withContent` (default false) choose what each item carries. `kinds` and `providers` are Federator \
                    extensions.""")
    @ApiResponse(responseCode = "200", description = "one page of self-descriptions and the total count")
    @ApiResponse(responseCode = "400", description = "a bad parameter: limit above 1000, a negative offset, an unknown status or kind, "
            + "a time range that is not 'start/end' of ISO-8601 date-times; code client_error")
    public ListResponse list(
            @Parameter(description = "upload time range 'start/end' (ISO-8601; either side may be empty)") @RequestParam(required = false) String uploadTimerange,
            @Parameter(description = "status time range 'start/end'") @RequestParam(required = false) String statusTimerange,
            @Parameter(description = "issuers, comma-separated") @RequestParam(required = false) List<String> issuers,
            @Parameter(description = "validators, comma-separated (any matches)") @RequestParam(required = false) List<String> validators,
            @Parameter(description = "active, deprecated, revoked, eol; comma-separated") @RequestParam(required = false) List<String> statuses,
            @Parameter(description = "subject ids, comma-separated") @RequestParam(required = false) List<String> ids,
            @Parameter(description = "hashes, comma-separated") @RequestParam(required = false) List<String> hashes,
            @Parameter(description = "participant, service-offering, resource, data-product (Federator extension)") @RequestParam(required = false) List<String> kinds,
            @Parameter(description = "provider participant ids (Federator extension)") @RequestParam(required = false) List<String> providers,
            @RequestParam(defaultValue = "true") boolean withMeta,
            @RequestParam(defaultValue = "false") boolean withContent,
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "100") int limit) {
        page(offset, limit, MAX_LIMIT);
        Instant[] upload = range("uploadTimerange", uploadTimerange);
        Instant[] status = range("statusTimerange", statusTimerange);
        SdFilter filter = new SdFilter(upload[0], upload[1], status[0], status[1], values(issuers), values(validators), statuses(statuses),
                values(ids), values(hashes), kinds(kinds), values(providers), offset, limit);
        SdPage page = catalogue.store().list(filter);
        Map<String, SelfDescriptionStore.Content> contents = withContent
                ? catalogue.store().contents(page.items().stream().map(SelfDescription::hash).toList()) : Map.of();
        List<ListItem> items = new ArrayList<>();
        for (SelfDescription sd : page.items()) {
            SelfDescriptionStore.Content c = contents.get(sd.hash());
            items.add(new ListItem(withMeta ? SelfDescriptionView.of(sd) : null,
                    c == null ? null : new String(c.bytes(), StandardCharsets.UTF_8)));
        }
        return new ListResponse(page.totalCount(), items);
    }

    @Schema(name = "SelfDescriptions", description = "XFSC list envelope")
    public record ListResponse(long totalCount, List<ListItem> items) {
    }

    @Schema(name = "SelfDescriptionItem")
    public record ListItem(SelfDescriptionView meta, String content) {
    }

    @GetMapping(path = "/self-descriptions/{hash}")
    @Operation(summary = "The submitted content of a self-description, byte for byte", description = "With the media type it was submitted with.")
    @ApiResponse(responseCode = "200", description = "the bytes exactly as submitted, with the submitted media type")
    @ApiResponse(responseCode = "400", description = BAD_HASH)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    public ResponseEntity<byte[]> content(@PathVariable String hash) {
        SelfDescriptionStore.Content c = catalogue.store().content(checkedHash(hash))
                .orElseThrow(() -> new SdNotFoundException("no self-description with hash " + hash));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(c.contentType())).body(c.bytes());
    }

    @GetMapping(path = "/self-descriptions/{hash}/meta", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The metadata of one self-description (Federator extension)")
    @ApiResponse(responseCode = "200", description = "the metadata")
    @ApiResponse(responseCode = "400", description = BAD_HASH)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    public SelfDescriptionView meta(@PathVariable String hash) {
        return SelfDescriptionView.of(catalogue.store().get(checkedHash(hash))
                .orElseThrow(() -> new SdNotFoundException("no self-description with hash " + hash)));
    }

    @GetMapping(path = "/self-descriptions/{hash}/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The credentials bundled with a self-description (Federator extension)",
            description = "Participant credentials that came in an offering's presentation: stored once by hash, however many "
                    + "offerings carry them. `carriers` says how many self-descriptions carry each.")
    @ApiResponse(responseCode = "200", description = "the bundled credentials; empty when there are none")
    @ApiResponse(responseCode = "400", description = BAD_HASH)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    public List<BundledView> bundled(@PathVariable String hash) {
        String h = checkedHash(hash);
        catalogue.store().get(h).orElseThrow(() -> new SdNotFoundException("no self-description with hash " + hash));
        return catalogue.store().bundled(h).stream().map(b -> new BundledView(b.hash(), b.id(), b.issuer(), b.subject(),
                b.kind().value(), b.format(), catalogue.store().carriers(b.hash()))).toList();
    }

    @Schema(name = "BundledCredential")
    public record BundledView(String credentialHash, String credentialId, String issuer, String subject, String kind, String format,
                              int carriers) {
    }

    @PostMapping(path = "/self-descriptions/{hash}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revoke an active self-description", description = "Only from active (else 409). The caller must be "
            + "allowed to act for its provider or issuer.")
    @ApiResponse(responseCode = "200", description = "revoked; the metadata with status revoked")
    @ApiResponse(responseCode = "400", description = BAD_HASH)
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = FORBIDDEN)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "the self-description is not active (deprecated, revoked and eol are final); "
            + "code conflict_error")
    public SelfDescriptionView revoke(@PathVariable String hash, @Parameter(hidden = true) Caller caller) {
        SelfDescription sd = owned(hash, caller);
        return SelfDescriptionView.of(catalogue.revoke(sd.hash()));
    }

    @DeleteMapping(path = "/self-descriptions/{hash}")
    @Operation(summary = "Delete a self-description for good", description = "In any status; its claims leave the graph.")
    @ApiResponse(responseCode = "200", description = "deleted; no body")
    @ApiResponse(responseCode = "400", description = BAD_HASH)
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = FORBIDDEN)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    public ResponseEntity<Void> delete(@PathVariable String hash, @Parameter(hidden = true) Caller caller) {
        SelfDescription sd = owned(hash, caller);
        catalogue.delete(sd.hash());
        return ResponseEntity.ok().build();
    }

    private SelfDescription owned(String hash, Caller caller) {
        SelfDescription sd = catalogue.store().get(checkedHash(hash))
                .orElseThrow(() -> new SdNotFoundException("no self-description with hash " + hash));
        if (!caller.mayActFor(sd.provider()) && !caller.mayActFor(sd.issuer())) {
            throw forbidden(caller, sd);
        }
        return sd;
    }

    private static CatalogueException forbidden(Caller caller, SelfDescription sd) {
        return new CatalogueException(HttpStatus.FORBIDDEN, "forbidden_error", "the self-description belongs to " + sd.provider()
                + (caller.participantId() == null ? " but the token names no participant (claim participant_id)"
                : " but the token is for participant " + caller.participantId()) + "; only its participant or a catalogue admin may do this");
    }

    static String checkedHash(String hash) {
        if (!HASH.matcher(hash).matches()) {
            throw badRequest("'" + hash + "' is not a self-description hash (64 lower-case hex characters)");
        }
        return hash;
    }

    private static Instant[] range(String name, String value) {
        if (value == null || value.isBlank()) {
            return new Instant[2];
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw badRequest(name + " must be 'start/end' (ISO-8601 date-times, either may be empty), not '" + value + "'");
        }
        return new Instant[]{time(name, value.substring(0, slash)), time(name, value.substring(slash + 1))};
    }

    private static Instant time(String name, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e2) {
                throw badRequest(name + ": '" + text + "' is not an ISO-8601 date-time such as 2026-01-31T12:00:00Z");
            }
        }
    }
}
