package eu.federator.catalogue;

import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.ingest.IngestSettings;
import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.sd.NewSelfDescription;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SdNotFoundException;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue's write side in one place: submissions go through the {@link IngestPipeline} into the
 * {@link SelfDescriptionStore}, lifecycle changes go to the store, and after every write the {@link GraphProjector} is
 * woken to project the new events. Used by the HTTP API, the CLI import and federation alike, so every path applies the
 * same checks.
 */
public final class Catalogue {
    private final IngestPipeline pipeline;
    private final SelfDescriptionStore store;
    private final GraphProjector projector;
    private final IngestSettings settings;
    private final Clock clock;

    public Catalogue(IngestPipeline pipeline, SelfDescriptionStore store, GraphProjector projector, IngestSettings settings, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline);
        this.store = Objects.requireNonNull(store);
        this.projector = Objects.requireNonNull(projector);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public SelfDescriptionStore store() {
        return store;
    }

    public GraphProjector projector() {
        return projector;
    }

    public IngestSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** A submission that was stored, with what the pipeline noticed. */
    public record Submitted(SelfDescriptionStore.Stored stored, IngestPipeline.Accepted accepted) {
        public SelfDescription sd() {
            return stored.sd();
        }
    }

    /**
     * Check a submission without storing it (XFSC {@code POST /verification}).
     *
     * @throws IngestException when it would not be accepted
     */
    public IngestPipeline.Accepted verify(byte[] content, String contentType, IngestSettings requestSettings) {
        return pipeline.analyse(content, contentType, requestSettings, clock.instant(), null);
    }

    /**
     * Verify and store a submission (XFSC {@code POST /self-descriptions}).
     *
     * @param origin null for a local submission, else the peer catalogue it came from
     * @throws IngestException                               when it is not accepted
     * @throws eu.federator.catalogue.sd.SdConflictException when the same content is stored already
     */
    public Submitted submit(byte[] content, String contentType, String origin) {
        IngestPipeline.Accepted accepted = pipeline.analyse(content, contentType, settings, clock.instant(), origin);
        return store(accepted);
    }

    /** Store what {@link #verify} accepted (for callers that check ownership in between). */
    public Submitted store(IngestPipeline.Accepted accepted) {
        SelfDescriptionStore.Stored stored = store.store(accepted.sd(), clock.instant());
        projector.wake();
        return new Submitted(stored, accepted);
    }

    public SelfDescription revoke(String hash) {
        SelfDescription sd = store.revoke(hash, clock.instant());
        projector.wake();
        return sd;
    }

    public SelfDescription delete(String hash) {
        SelfDescription sd = store.delete(hash, clock.instant());
        projector.wake();
        return sd;
    }

    /** active → eol for everything whose credentials or certificates have expired. */
    public List<SelfDescription> expire() {
        List<SelfDescription> expired = store.expire(clock.instant());
        if (!expired.isEmpty()) {
            projector.wake();
        }
        return expired;
    }

    // ------------------------------------------------------------------------------------------------ participants

    /**
     * Check a participant submission: it must be a participant self-description.
     *
     * @throws IngestException with reason {@link IngestException.Reason#WRONG_KIND} when it is not
     */
    public IngestPipeline.Accepted verifyParticipant(byte[] content, String contentType) {
        IngestPipeline.Accepted accepted = pipeline.analyse(content, contentType, settings, clock.instant(), null);
        SdKind kind = accepted.sd().metadata().kind();
        if (kind != SdKind.PARTICIPANT) {
            throw new IngestException(IngestException.Reason.WRONG_KIND, "a participant is registered with a participant "
                    + "self-description (a LegalPerson / LegalParticipant credential), but this submission is a " + kind.value()
                    + ": submit it with POST /self-descriptions instead");
        }
        return accepted;
    }

    public SelfDescriptionStore.Participant registerParticipant(IngestPipeline.Accepted accepted) {
        NewSelfDescription sd = accepted.sd();
        SelfDescriptionStore.Participant p = store.registerParticipant(sd, participantName(accepted), publicKey(accepted), clock.instant());
        projector.wake();
        return p;
    }

    public SelfDescriptionStore.Participant updateParticipant(String participantId, IngestPipeline.Accepted accepted) {
        String id = accepted.sd().metadata().provider();
        if (!participantId.equals(id)) {
            throw new IngestException(IngestException.Reason.WRONG_KIND, "the submitted self-description is of participant " + id
                    + ", not of " + participantId + ": a participant's id cannot change; register " + id + " as a new participant");
        }
        SelfDescriptionStore.Participant p = store.updateParticipant(participantId, accepted.sd(), participantName(accepted),
                publicKey(accepted), clock.instant());
        projector.wake();
        return p;
    }

    public SelfDescriptionStore.Participant deleteParticipant(String participantId) {
        SelfDescriptionStore.Participant p = store.deleteParticipant(participantId, clock.instant());
        projector.wake();
        return p;
    }

    public SelfDescriptionStore.Participant participant(String participantId) {
        return store.participant(participantId).orElseThrow(() -> new SdNotFoundException("no participant with id " + participantId));
    }

    /** The legal name from the participant credential if it states one, else the presentation's holder, else the id. */
    private static String participantName(IngestPipeline.Accepted accepted) {
        for (var report : accepted.verification().credentials()) {
            if (report.document() == null) {
                continue;
            }
            if ("VerifiableCredential".equals(report.kind()) && report.document().get("credentialSubject") instanceof JsonObject cs) {
                Optional<String> name = text(cs, "gx:legalName").or(() -> text(cs, "legalName")).or(() -> text(cs, "gx-participant:legalName"))
                        .or(() -> text(cs, "schema:name"));
                if (name.isPresent()) {
                    return name.get();
                }
            }
        }
        return accepted.verification().credentials().stream().filter(r -> "VerifiablePresentation".equals(r.kind()))
                .map(r -> r.document() == null ? null : text(r.document(), "holder").orElse(null)).filter(Objects::nonNull)
                .findFirst().orElse(accepted.sd().metadata().provider());
    }

    private static Optional<String> text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        if (v instanceof JsonObject value && value.get("@value") instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        return Optional.empty();
    }

    private static String publicKey(IngestPipeline.Accepted accepted) {
        List<String> validators = accepted.sd().metadata().validators();
        return validators.isEmpty() ? null : validators.getFirst();
    }
}
