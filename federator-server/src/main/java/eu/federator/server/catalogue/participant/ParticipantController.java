package eu.federator.server.catalogue.participant;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.CatalogueException;
import eu.federator.server.catalogue.CatalogueParameters;
import eu.federator.server.catalogue.sd.IngestWarnings;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The XFSC {@code /participants} API: a participant is registered with its participant self-description (verified as
 * strictly as any submission, and it must be a participant), listed, read, replaced by a newer self-description of the
 * same participant, and deleted. Unlike XFSC, no Keycloak group is created: users and roles stay in the identity provider.
 */
@RestController
@Tag(name = "Participants", description = "XFSC Federated Catalogue /participants; errors as {\"code\", \"message\"}")
public class ParticipantController {
    private static final String FORBIDDEN = "the token lacks the role (problem detail), or it is not for this participant "
            + "(code forbidden_error)";
    private static final String NOT_FOUND = "no participant with this id; code not_found_error";
    private static final String INVALID = "verification, classification or SHACL validation failed; 'problems' lists each "
            + "(code verification_error)";

    private final Catalogue catalogue;

    public ParticipantController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Schema(name = "Participant", description = "XFSC Participant; sdHash, created and updated are Federator extensions")
    public record ParticipantView(
            @Schema(description = "the participant's id: the issuer of its participant credential") String id,
            @Schema(description = "its legal name if the credential states one, else the presentation's holder") String name,
            @Schema(description = "the verification method that signed its self-description") String publicKey,
            @Schema(description = "the participant self-description as submitted") String selfDescription,
            String sdHash, String created, String updated) {
    }

    @Schema(name = "Participants")
    public record ParticipantList(long totalCount, List<ParticipantView> items) {
    }

    @PostMapping(path = "/participants", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json", "application/vp+ld+json",
            "application/vc+ld+json", "application/vc+jwt", "application/vp+jwt", "application/jwt", "application/vc+ld+json+jwt",
            "application/vc+ld+jwt", "application/vp+ld+json+jwt", "application/vp+ld+jwt"}, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a participant with its participant self-description",
            responses = {
                    @ApiResponse(responseCode = "201", description = "registered",
                            content = @Content(schema = @Schema(implementation = ParticipantView.class))),
                    @ApiResponse(responseCode = "400", description = "malformed, or not a participant self-description; code client_error"),
                    @ApiResponse(responseCode = "401", description = "no valid bearer token"),
                    @ApiResponse(responseCode = "403", description = "the token lacks the role Ro-MU-CA"),
                    @ApiResponse(responseCode = "409", description = "the participant (or the same self-description) exists; "
                            + "code conflict_error"),
                    @ApiResponse(responseCode = "413", description = "body larger than federator.http.max-body-size"),
                    @ApiResponse(responseCode = "415", description = "unsupported Content-Type"),
                    @ApiResponse(responseCode = "422", description = INVALID)})
    public ResponseEntity<ParticipantView> register(@Parameter(hidden = true) InputStream body,
                                                    @RequestHeader(name = "Content-Type") String contentType) throws IOException {
        IngestPipeline.Accepted accepted = catalogue.verifyParticipant(body.readAllBytes(), contentType);
        SelfDescriptionStore.Participant p = catalogue.registerParticipant(accepted);
        IngestWarnings.log(p.sdHash(), accepted.warnings());
        return ResponseEntity.created(URI.create("/participants/" + URLEncoder.encode(p.id(), StandardCharsets.UTF_8)))
                .contentType(MediaType.APPLICATION_JSON).body(view(p));
    }

    @GetMapping(path = "/participants", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List participants", description = "Ordered by id.")
    @ApiResponse(responseCode = "200", description = "one page of participants and the total count")
    @ApiResponse(responseCode = "400", description = "a negative offset or a limit above 1000; code client_error")
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = "the token lacks the role Ro-MU-CA")
    public ParticipantList list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        CatalogueParameters.page(offset, limit, 1000);
        SelfDescriptionStore.ParticipantPage page = catalogue.store().participants(offset, limit);
        return new ParticipantList(page.totalCount(), page.items().stream().map(this::view).toList());
    }

    @GetMapping(path = "/participants/{participantId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read a participant", description = "The id is URL-encoded (a DID contains ':').")
    @ApiResponse(responseCode = "200", description = "the participant")
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = FORBIDDEN)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    public ParticipantView get(@PathVariable String participantId, @Parameter(hidden = true) Caller caller) {
        mayActFor(caller, participantId);
        return view(catalogue.participant(participantId));
    }

    @PutMapping(path = "/participants/{participantId}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json",
            "application/vp+ld+json", "application/vc+ld+json", "application/vc+jwt", "application/vp+jwt", "application/jwt",
            "application/vc+ld+json+jwt", "application/vc+ld+jwt", "application/vp+ld+json+jwt", "application/vp+ld+jwt"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a participant's self-description", description = "The new self-description must be of the same "
            + "participant (400 otherwise); the previous one becomes deprecated.")
    @ApiResponse(responseCode = "200", description = "replaced; the participant with its new self-description")
    @ApiResponse(responseCode = "400", description = "malformed, not a participant self-description, or one of another participant; "
            + "code client_error")
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = FORBIDDEN)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "413", description = "body larger than federator.http.max-body-size")
    @ApiResponse(responseCode = "415", description = "unsupported Content-Type")
    @ApiResponse(responseCode = "422", description = INVALID)
    public ParticipantView update(@PathVariable String participantId, @Parameter(hidden = true) InputStream body,
                                  @RequestHeader(name = "Content-Type") String contentType,
                                  @Parameter(hidden = true) Caller caller) throws IOException {
        mayActFor(caller, participantId);
        catalogue.participant(participantId);
        IngestPipeline.Accepted accepted = catalogue.verifyParticipant(body.readAllBytes(), contentType);
        SelfDescriptionStore.Participant p = catalogue.updateParticipant(participantId, accepted);
        IngestWarnings.log(p.sdHash(), accepted.warnings());
        return view(p);
    }

    @DeleteMapping(path = "/participants/{participantId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Delete a participant and its self-description", description = "Returns what was deleted.")
    @ApiResponse(responseCode = "200", description = "deleted; the participant as it was")
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = FORBIDDEN)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    public ParticipantView delete(@PathVariable String participantId, @Parameter(hidden = true) Caller caller) {
        mayActFor(caller, participantId);
        ParticipantView view = view(catalogue.participant(participantId));
        catalogue.deleteParticipant(participantId);
        return view;
    }

    private static void mayActFor(Caller caller, String participantId) {
        if (!caller.mayActFor(participantId)) {
            throw new CatalogueException(HttpStatus.FORBIDDEN, "forbidden_error", "only participant " + participantId
                    + " itself (token claim participant_id) or a catalogue admin may do this");
        }
    }

    private ParticipantView view(SelfDescriptionStore.Participant p) {
        String content = catalogue.store().content(p.sdHash()).map(c -> new String(c.bytes(), StandardCharsets.UTF_8)).orElse(null);
        return new ParticipantView(p.id(), p.name(), p.publicKey(), content, p.sdHash(), p.created().toString(), p.updated().toString());
    }
}
