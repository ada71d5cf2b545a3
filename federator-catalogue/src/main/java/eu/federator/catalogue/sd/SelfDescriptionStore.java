package eu.federator.catalogue.sd;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The system of record of the catalogue: self-descriptions with their content and lifecycle, the credentials bundled
 * with them, participants, and the ordered event log the graph projection and federation follow. Every write appends
 * its events in the same transaction. Implementations are thread-safe; {@link PostgresSelfDescriptionStore} is the one.
 */
public interface SelfDescriptionStore {

    /**
     * Store a new self-description as {@code active}; an active one for the same subject becomes {@code deprecated}
     * in the same transaction. Unless the active one is newer (its validity starts later): then the arrival is stored as
     * {@code deprecated} and the active one stays, so a version that arrives late (from a peer) cannot replace a newer one.
     *
     * @throws SdConflictException when a self-description with the same hash is stored already
     */
    Stored store(NewSelfDescription sd, Instant now);

    Optional<SelfDescription> get(String hash);

    /** Its facet values and the ingest's report (the report is null for self-descriptions stored before V6). */
    Optional<Recorded> recorded(String hash);

    /**
     * Every stored version of a subject (any status; deleted ones are gone), newest upload first, each with its events
     * from the event log in order.
     */
    List<Version> versions(String subject);

    /** The submitted bytes and their media type. */
    Optional<Content> content(String hash);

    /** Contents of several self-descriptions at once (for list pages with content). */
    Map<String, Content> contents(Collection<String> hashes);

    SdPage list(SdFilter filter);

    /** Full-text search with facets. */
    SdSearch.Result search(SdSearch search);

    /**
     * active → revoked.
     *
     * @throws SdNotFoundException when there is no such self-description
     * @throws SdConflictException when it is not active
     */
    SelfDescription revoke(String hash, Instant now);

    /**
     * Delete it for good (any status); a participant registered with it is deleted too.
     *
     * @throws SdNotFoundException when there is no such self-description
     */
    SelfDescription delete(String hash, Instant now);

    /** Every active self-description whose expiration time is at or before {@code now} becomes {@code eol}. */
    List<SelfDescription> expire(Instant now);

    /** The credentials stored with a self-description without being part of it. */
    List<BundledCredential> bundled(String hash);

    /** How many self-descriptions carry the bundled credential with this hash. */
    int carriers(String credentialHash);

    // ------------------------------------------------------------------------------------------------ participants

    /**
     * Register a participant with its (verified, participant-kind) self-description, stored as by {@link #store}.
     *
     * @throws SdConflictException when the participant or the self-description exists already
     */
    Participant registerParticipant(NewSelfDescription sd, String name, String publicKey, Instant now);

    /**
     * Replace a participant's self-description with a new one for the same participant.
     *
     * @throws SdNotFoundException when there is no such participant
     */
    Participant updateParticipant(String participantId, NewSelfDescription sd, String name, String publicKey, Instant now);

    Optional<Participant> participant(String participantId);

    /** Participants ordered by id, and how many there are. */
    ParticipantPage participants(int offset, int limit);

    /** Delete the participant and its self-description. */
    Participant deleteParticipant(String participantId, Instant now);

    // ------------------------------------------------------------------------------------------------ event log

    /** Events with a sequence above {@code after}, in order, at most {@code limit}. */
    List<CatalogueEvent> events(long after, int limit);

    /** The sequence of the last event (0 when there is none). */
    long lastSequence();

    /** What the graph projection needs of these self-descriptions (absent ones are left out: deleted). */
    Map<String, Projected> projections(Collection<String> hashes);

    /**
     * Stream every self-description (any status) from one consistent snapshot, for a rebuild.
     *
     * @return the last event sequence of that snapshot: the checkpoint the rebuilt graph is at
     */
    long snapshot(Consumer<Projected> consumer);

    /** What the ingest recorded of a self-description besides its metadata. */
    record Recorded(SdFacets facets, IngestReport report) {
    }

    /** One version of a subject and what happened to it. */
    record Version(SelfDescription sd, List<CatalogueEvent> events) {
        public Version {
            events = List.copyOf(events);
        }
    }

    /** Bytes and media type. */
    record Content(byte[] bytes, String contentType) {
    }

    /** The outcome of {@link #store}: the stored self-description and those it deprecated. */
    record Stored(SelfDescription sd, List<String> deprecated) {
        public Stored {
            deprecated = List.copyOf(deprecated);
        }
    }

    /** A self-description as the graph sees it. */
    record Projected(SelfDescription sd, String claims, Map<String, String> prefixes) {
        public Projected {
            prefixes = Map.copyOf(prefixes);
        }
    }

    /** XFSC {@code Participant}. */
    record Participant(String id, String name, String publicKey, String sdHash, Instant created, Instant updated) {
    }

    record ParticipantPage(long totalCount, List<Participant> items) {
        public ParticipantPage {
            items = List.copyOf(items);
        }
    }
}
