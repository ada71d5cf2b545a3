package eu.federator.catalogue.federation;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdConflictException;
import eu.federator.catalogue.sd.SdNotFoundException;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.GuardedApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Follows peer catalogues: one background thread per peer reads its change feed after the stored cursor and applies
 * each event here. A peer is not trusted blindly:
 * <ul>
 *   <li>{@code stored}: the bytes must hash to the announced {@code sdHash}, then they go through
 *   {@link Catalogue#submit} (the full ingest pipeline with this catalogue's settings) and are stored with the peer as
 *   origin. A submission the pipeline refuses is recorded as a {@link Rejection} and the feed moves on.</li>
 *   <li>{@code status} revoked / eol and {@code deleted} act only on a copy whose origin is the one the event speaks
 *   for. Deprecation needs no event: it happens here when the newer version arrives.</li>
 *   <li>Events that originated here (relayed back by a peer) are dropped, and relayed events from other catalogues are
 *   taken only from peers configured with {@link Peer#acceptRelayed()}.</li>
 * </ul>
 * <b>At least once, applied once.</b> The cursor advances in PostgreSQL after each event, so a crash repeats at most the
 * event in flight, and repeating any event changes nothing: the same bytes are already stored (a fast check, else the
 * store's 409), a revoked or deleted copy is not active or not there any more.
 */
public final class FederationSubscriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FederationSubscriber.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int MAX_PAGES_PER_SYNC = 100_000;
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final Catalogue catalogue;
    private final FederationState state;
    private final GuardedApiClient client;
    private final String self;
    private final Map<String, Follower> followers = new LinkedHashMap<>();
    private volatile boolean closed;
    private boolean started;

    /**
     * @param self this catalogue's id (base URL); events of that origin are dropped. Null when none is configured (then
     *             an echo is still harmless: the same bytes are already here)
     * @throws IllegalArgumentException when a peer is listed twice or is this catalogue itself
     */
    public FederationSubscriber(Catalogue catalogue, FederationState state, GuardedApiClient client, String self, List<Peer> peers) {
        this.catalogue = Objects.requireNonNull(catalogue);
        this.state = Objects.requireNonNull(state);
        this.client = Objects.requireNonNull(client);
        this.self = self == null ? null : CatalogueUrls.normalize(self);
        for (Peer peer : peers) {
            if (peer.url().equals(this.self)) {
                throw new IllegalArgumentException("the peer " + peer.url() + " is this catalogue itself: a catalogue does not follow itself");
            }
            if (followers.putIfAbsent(peer.url(), new Follower(peer)) != null) {
                throw new IllegalArgumentException("the peer " + peer.url() + " is listed twice");
            }
        }
    }

    /** One background thread per peer: it catches up, then polls. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        int n = 0;
        for (Follower f : followers.values()) {
            f.thread = Thread.ofPlatform().daemon().name("federation-peer-" + (++n)).start(() -> follow(f));
        }
        if (!followers.isEmpty()) {
            log.info("Federation: following {} peer catalogue(s): {}", followers.size(), followers.keySet());
        }
    }

    /** Stops the threads (a page in flight is abandoned; its events are repeated on the next start, harmlessly). */
    @Override
    public void close() {
        closed = true;
        for (Follower f : followers.values()) {
            if (f.thread != null) {
                f.thread.interrupt();
            }
        }
        for (Follower f : followers.values()) {
            if (f.thread != null) {
                try {
                    f.thread.join(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Move the cursor of a peer (backwards too): its events after {@code cursor} are applied again, which changes nothing
     * for what is here already and retries what was refused, e.g. after a trust anchor or a schema was added.
     *
     * @throws IllegalArgumentException when this catalogue does not follow {@code peerUrl}
     * @throws IllegalStateException    when another replica is following that peer right now (try again)
     */
    public void reset(String peerUrl, long cursor) {
        Follower f = followers.get(CatalogueUrls.normalizeLenient(peerUrl));
        if (f == null) {
            throw new IllegalArgumentException("this catalogue does not follow " + peerUrl + "; it follows " + followers.keySet());
        }
        f.lock.lock();
        try (FederationState.Lease lease = state.lease(f.peer.url()).orElseThrow(() ->
                new IllegalStateException("another replica is following " + f.peer.url() + " right now; try again"))) {
            lease.reset(cursor);
            f.lastWarning = null;
            log.info("Federation: peer {}: cursor reset to {}", f.peer.url(), cursor);
        } finally {
            f.lock.unlock();
        }
    }

    /** The outcome of one catch-up with a peer. */
    public record Sync(String peer, int pages, int events, String error) {
    }

    /** Catch up with every peer now, in this thread (waits for a background round in progress). */
    public List<Sync> syncNow() {
        return followers.values().stream().map(this::catchUp).toList();
    }

    private Sync catchUp(Follower f) {
        int pages = 0;
        int events = 0;
        try {
            while (pages < MAX_PAGES_PER_SYNC) {
                Step step = step(f);
                pages++;
                events += step.events();
                if (!step.more()) {
                    break;
                }
            }
            return new Sync(f.peer.url(), pages, events, null);
        } catch (FeedException | RuntimeException e) {
            return new Sync(f.peer.url(), pages, events, e.getMessage());
        }
    }

    private void follow(Follower f) {
        while (!closed) {
            Duration wait;
            try {
                Step step = step(f);
                f.failures = 0;
                wait = step.more() ? Duration.ZERO : f.peer.poll();
            } catch (FeedException | RuntimeException e) {
                if (closed) {
                    return;
                }
                f.failures++;
                if (f.failures == 1) {
                    log.warn("Federation: peer {}: {} (retrying with back-off)", f.peer.url(), e.getMessage());
                } else {
                    log.debug("Federation: peer {}: {} ({} failures in a row)", f.peer.url(), e.getMessage(), f.failures);
                }
                wait = backoff(f.peer.poll(), f.failures);
            }
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return; // closed
                }
            }
        }
    }

    /** The poll interval, doubled for each further failure in a row, at most five minutes (or the poll interval if longer). */
    static Duration backoff(Duration poll, int failures) {
        Duration d = poll.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? (poll.compareTo(MAX_BACKOFF) > 0 ? poll : MAX_BACKOFF) : d;
    }

    private record Step(int events, boolean more) {
    }

    /** One page: fetch after the cursor, apply each event, advance the cursor after each. */
    private Step step(Follower f) throws FeedException {
        f.lock.lock();
        try {
            Optional<FederationState.Lease> leased = state.lease(f.peer.url());
            if (leased.isEmpty()) {
                return new Step(0, false); // another replica follows this peer right now
            }
            try (FederationState.Lease lease = leased.get()) {
                long cursor = lease.lastSequence();
                ChangePage page;
                try {
                    page = fetch(f.peer, cursor);
                    check(page, cursor, f.peer);
                } catch (FeedException e) {
                    if (!closed) { // an exchange cut short by close() is no error of the peer
                        lease.failed(e.getMessage(), now());
                    }
                    throw e;
                }
                Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
                for (Change change : page.events()) {
                    Applied applied;
                    try {
                        applied = apply(f.peer, change);
                    } catch (RuntimeException e) {
                        // not a verdict on the content (the store is unavailable, or a bug): retry from this event later
                        String message = "event " + change.sequence() + " (" + change.type().value() + " " + change.sdHash()
                                + ") could not be applied: " + e.getMessage() + "; it is retried, the feed waits for it";
                        lease.failed(message, now());
                        throw new FeedException(message, e);
                    }
                    lease.advance(change.sequence(), applied.outcome(), applied.rejection());
                    f.processed.incrementAndGet();
                    outcomes.merge(applied.outcome(), 1, Integer::sum);
                }
                if (page.lastSequence() > lease.lastSequence()) {
                    lease.advance(page.lastSequence(), null, null);
                }
                lease.succeeded(now(), page.catalogue());
                if (page.head() < lease.lastSequence()) {
                    String message = "the peer's event log ends at " + page.head() + ", before our cursor " + lease.lastSequence()
                            + ": was its database replaced? Its new events are not seen until the cursor is reset "
                            + "(POST /admin/federation/reset)";
                    lease.failed(message, now());
                    if (!message.equals(f.lastWarning)) {
                        log.warn("Federation: peer {}: {}", f.peer.url(), message);
                    }
                    f.lastWarning = message;
                }
                report(f.peer, outcomes, lease.lastSequence());
                return new Step(page.events().size(), page.more());
            }
        } finally {
            f.lock.unlock();
        }
    }

    private static void report(Peer peer, Map<Outcome, Integer> outcomes, long cursor) {
        int changed = outcomes.entrySet().stream().filter(e -> e.getKey() != Outcome.IGNORED && e.getKey() != Outcome.PRESENT)
                .mapToInt(Map.Entry::getValue).sum();
        if (changed > 0) {
            log.info("Federation: peer {}: {} (cursor {})", peer.url(), outcomes, cursor);
        } else if (!outcomes.isEmpty()) {
            log.debug("Federation: peer {}: {} (cursor {})", peer.url(), outcomes, cursor);
        }
    }

    private ChangePage fetch(Peer peer, long cursor) throws FeedException {
        URI uri = URI.create(peer.url() + "/federation/changes?after=" + cursor + "&limit=" + peer.pageSize());
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/json");
        if (peer.token() != null) {
            headers.put("Authorization", "Bearer " + peer.token());
        }
        GuardedApiClient.Response response;
        try {
            response = client.send("GET", uri, headers, null, null);
        } catch (FetchException e) {
            throw new FeedException("the change feed cannot be read: " + e.getMessage(), e);
        }
        if (response.status() == 401 || response.status() == 403) {
            throw new FeedException("the peer refused our token (HTTP " + response.status() + "): configure the peer's token "
                    + "(federator.catalogue.federation.peers[].token) as one it accepts for its change feed (role Ro-FC-PEER, "
                    + "or one of its federator.catalogue.federation.peer-tokens)", null);
        }
        if (response.status() != 200) {
            throw new FeedException("the change feed " + uri + " answered HTTP " + response.status() + ": " + abbreviate(response.text()), null);
        }
        try {
            return ChangePage.fromJson(Json.parseObject(response.body(), new JsonLimits(client.policy().maxBytes(), 200)));
        } catch (JsonSyntaxException | IllegalArgumentException | ArithmeticException e) {
            throw new FeedException(uri + " is not a change feed: " + e.getMessage(), e);
        }
    }

    private void check(ChangePage page, long cursor, Peer peer) throws FeedException {
        if (page.catalogue() != null && self != null && CatalogueUrls.normalizeLenient(page.catalogue()).equals(self)) {
            throw new FeedException("the peer " + peer.url() + " says it is " + page.catalogue() + ", which is this catalogue: "
                    + "remove it from federator.catalogue.federation.peers", null);
        }
        long previous = cursor;
        for (Change c : page.events()) {
            if (c.sequence() <= previous) {
                throw new FeedException("the change feed is out of order: event " + c.sequence() + " after " + previous, null);
            }
            previous = c.sequence();
        }
        if (page.lastSequence() < previous) {
            throw new FeedException("the change feed says its page ends at " + page.lastSequence() + " but it holds event " + previous, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ applying events

    private record Applied(Outcome outcome, Rejection rejection) {
        static Applied of(Outcome outcome) {
            return new Applied(outcome, null);
        }
    }

    private Applied apply(Peer peer, Change change) {
        String origin = change.origin() == null ? peer.url() : CatalogueUrls.normalizeLenient(change.origin());
        if (origin.equals(self)) {
            return Applied.of(Outcome.IGNORED); // ours, relayed back: loops end here
        }
        if (change.origin() != null && !peer.acceptRelayed()) {
            return Applied.of(Outcome.IGNORED);
        }
        return switch (change.type()) {
            case STORED -> stored(peer, change, origin);
            case STATUS -> status(change, origin);
            case DELETED -> deleted(change, origin);
        };
    }

    private Applied stored(Peer peer, Change change, String origin) {
        if (change.content() == null) {
            return Applied.of(Outcome.IGNORED); // deleted at the peer since: its deleted event follows
        }
        String hash = IngestPipeline.sha256Hex(change.content());
        if (!hash.equals(change.sdHash())) {
            return rejected(peer, change, "HASH_MISMATCH", "the content sent is not the self-description " + change.sdHash()
                    + " (its SHA-256 is " + hash + "); nothing was stored", List.of());
        }
        if (catalogue.store().get(hash).isPresent()) {
            return Applied.of(Outcome.PRESENT);
        }
        String contentType = change.contentType() == null || change.contentType().isBlank() ? "application/json" : change.contentType();
        try {
            catalogue.submit(change.content(), contentType, origin);
            return Applied.of(Outcome.STORED);
        } catch (SdConflictException e) {
            return Applied.of(Outcome.PRESENT); // stored meanwhile (a local submission of the same bytes)
        } catch (IngestException e) {
            return rejected(peer, change, e.reason().name(), e.getMessage(), e.problems());
        }
    }

    private Applied status(Change change, String origin) {
        if (change.status() != Lifecycle.REVOKED && change.status() != Lifecycle.EOL) {
            return Applied.of(Outcome.IGNORED); // deprecated happens here by itself when the newer version arrives
        }
        Optional<SelfDescription> ours = copy(change.sdHash(), origin);
        if (ours.isEmpty() || ours.get().status() != Lifecycle.ACTIVE) {
            return Applied.of(Outcome.IGNORED);
        }
        if (change.status() == Lifecycle.REVOKED) {
            try {
                catalogue.revoke(change.sdHash());
                return Applied.of(Outcome.REVOKED);
            } catch (SdConflictException | SdNotFoundException e) {
                return Applied.of(Outcome.IGNORED);
            }
        }
        // eol is decided by the credentials' and certificates' validity, so it is decided here the same way
        catalogue.expire();
        return catalogue.store().get(change.sdHash()).filter(sd -> sd.status() == Lifecycle.EOL)
                .map(sd -> Applied.of(Outcome.EXPIRED)).orElseGet(() -> {
                    log.debug("Federation: {} is eol at {} but has not expired here yet", change.sdHash(), origin);
                    return Applied.of(Outcome.IGNORED);
                });
    }

    private Applied deleted(Change change, String origin) {
        if (copy(change.sdHash(), origin).isEmpty()) {
            return Applied.of(Outcome.IGNORED);
        }
        try {
            catalogue.delete(change.sdHash());
            return Applied.of(Outcome.DELETED);
        } catch (SdNotFoundException e) {
            return Applied.of(Outcome.IGNORED);
        }
    }

    /** Our copy of the self-description, if we hold it from {@code origin} (never one submitted here or from elsewhere). */
    private Optional<SelfDescription> copy(String hash, String origin) {
        return catalogue.store().get(hash).filter(sd -> sd.origin() != null && CatalogueUrls.normalizeLenient(sd.origin()).equals(origin));
    }

    private Applied rejected(Peer peer, Change change, String reason, String message, List<IngestException.Problem> problems) {
        log.info("Federation: peer {}: refused {} (event {}): {}", peer.url(), change.sdHash(), change.sequence(), message);
        return new Applied(Outcome.REJECTED, new Rejection(peer.url(), change.sequence(), change.sdHash(), reason, message, problems, now()));
    }

    // ------------------------------------------------------------------------------------------------ status

    /**
     * What {@code GET /admin/federation} shows for one peer.
     *
     * @param cursor              the last event of its feed that is done
     * @param consecutiveFailures failed rounds in a row of the background thread (0: fine)
     * @param processedSinceStart events applied since this subscriber started
     * @param counts              events per outcome since the peer was first followed
     * @param recentRejections    the latest refused events, newest first
     */
    public record PeerStatus(String url, boolean acceptRelayed, Duration poll, long cursor, String peerCatalogue, Instant lastSuccess,
                             String lastError, Instant lastErrorAt, int consecutiveFailures, long processedSinceStart,
                             Map<Outcome, Long> counts, List<Rejection> recentRejections) {
    }

    public List<PeerStatus> status(int rejections) {
        List<PeerStatus> statuses = new ArrayList<>();
        for (Follower f : followers.values()) {
            Optional<FederationState.PeerRecord> record = state.peer(f.peer.url());
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, record.map(r -> r.count(o)).orElse(0L));
            }
            statuses.add(new PeerStatus(f.peer.url(), f.peer.acceptRelayed(), f.peer.poll(),
                    record.map(FederationState.PeerRecord::lastSequence).orElse(0L),
                    record.map(FederationState.PeerRecord::peerCatalogue).orElse(null),
                    record.map(FederationState.PeerRecord::lastSuccess).orElse(null),
                    record.map(FederationState.PeerRecord::lastError).orElse(null),
                    record.map(FederationState.PeerRecord::lastErrorAt).orElse(null),
                    f.failures, f.processed.get(), counts, rejections <= 0 ? List.of() : state.rejections(f.peer.url(), rejections)));
        }
        return statuses;
    }

    // ------------------------------------------------------------------------------------------------ internals

    private Instant now() {
        return catalogue.clock().instant();
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }

    /** The runtime side of following one peer. */
    private static final class Follower {
        final Peer peer;
        /** One round at a time per peer in this process (the background thread and {@link #syncNow}). */
        final ReentrantLock lock = new ReentrantLock();
        final AtomicLong processed = new AtomicLong();
        volatile int failures;
        String lastWarning;
        Thread thread;

        Follower(Peer peer) {
            this.peer = peer;
        }
    }

    /** The feed could not be read or applied; the message says what and what to do. */
    static final class FeedException extends Exception {
        FeedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
