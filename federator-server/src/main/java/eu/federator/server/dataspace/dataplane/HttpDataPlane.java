package eu.federator.server.dataspace.dataplane;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.dataplane.DataFlow;
import eu.federator.dataspace.dataplane.DataFlowListener;
import eu.federator.dataspace.dataplane.DataPlane;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;
import eu.federator.credentials.net.GuardedApiClient.Streamed;
import eu.federator.server.dataspace.dataplane.DataPlaneStore.PullToken;
import eu.federator.server.dataspace.dataplane.DataPlaneStore.State;
import eu.federator.server.dataspace.dataplane.DataSources.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Federator's HTTP data plane, provider side. Pull: {@link #start} issues a short-lived bearer token bound to the
 * transfer and returns the address of {@code GET /dataplane/pull/{transferId}}, which proxies the dataset's source.
 * Push: {@link #start} reads the source and POSTs it to the consumer's address in the background, then tells the
 * {@link DataFlowListener}. Flows and token hashes are in PostgreSQL, so any replica serves a pull. A push runs on the
 * replica that started it, holding its transfer's {@link PushLocks lock}; a started push whose lock is free was cut off
 * by a stop or crash, and {@link #resumeOrphanedPushes} (at start and every {@code resume-interval}, on every replica)
 * starts it again from the beginning: delivery is at least once.
 */
public final class HttpDataPlane implements DataPlane, AutoCloseable {
    public static final String PULL = "HttpData-PULL";
    public static final String PUSH = "HttpData-PUSH";
    /** The endpoint type of a pull address, as EDC writes it. */
    public static final String ENDPOINT_TYPE = "https://w3id.org/idsa/v4.1/HTTP";
    static final String PULL_PATH = "/dataplane/pull/";

    private static final Logger log = LoggerFactory.getLogger(HttpDataPlane.class);

    private final DataSources sources;
    private final DataPlaneStore store;
    private final Transport transport;
    private final Supplier<URI> publicUrl;
    private final Duration tokenLifetime;
    private final ExecutorService pushes;
    private final Supplier<DataFlowListener> listener;
    private final Clock clock;
    private final PushLocks locks;
    private final Map<String, Push> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("data-plane-resume").daemon(true).factory());

    HttpDataPlane(DataSources sources, DataPlaneStore store, Transport transport, Supplier<URI> publicUrl, Duration tokenLifetime,
                  ExecutorService pushes, PushLocks locks, Supplier<DataFlowListener> listener, Clock clock) {
        this.locks = locks;
        this.sources = sources;
        this.store = store;
        this.transport = transport;
        this.publicUrl = publicUrl;
        this.tokenLifetime = tokenLifetime;
        this.pushes = pushes;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public Set<String> formats() {
        return Set.of(PULL, PUSH);
    }

    @Override
    public Result<Optional<DataAddress>> start(DataFlow flow) {
        Optional<Source> source = sources.find(flow.datasetId());
        if (source.isEmpty()) {
            return Result.failure("no data source is configured for dataset " + flow.datasetId()
                    + " (federator.dataspace.data-sources)");
        }
        Instant now = clock.instant();
        return switch (flow.format()) {
            case PULL -> {
                String token = Tokens.random();
                Result<Void> started = store.start(flow, Tokens.hash(token), now.plus(tokenLifetime), now);
                yield started.map(v -> Optional.of(pullAddress(flow.transferId(), token)));
            }
            case PUSH -> {
                Result<Destination> destination = Destination.of(flow.destination());
                if (!destination.succeeded()) {
                    yield Result.failure(destination.problems());
                }
                Result<Void> started = store.start(flow, null, null, now);
                if (!started.succeeded()) {
                    yield Result.failure(started.problems());
                }
                cancel(flow.transferId());
                yield push(flow.transferId(), source.get(), destination.value()).map(v -> Optional.empty());
            }
            default -> Result.failure("format " + flow.format() + " is not supported by this data plane: use " + PULL + " or " + PUSH);
        };
    }

    @Override
    public void suspend(String transferId) {
        store.state(transferId, State.SUSPENDED, clock.instant());
        cancel(transferId);
    }

    @Override
    public void end(String transferId) {
        store.state(transferId, State.ENDED, clock.instant());
        cancel(transferId);
    }

    /** The consumer's transfer ended: its push sink (if this server opened one) refuses further pushes. */
    @Override
    public void consumerEnded(String transferId) {
        store.closeSink(transferId);
    }

    private DataAddress pullAddress(String transferId, String token) {
        String base = publicUrl.get().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String endpoint = base + PULL_PATH + UriUtils.encodePathSegment(transferId, StandardCharsets.UTF_8);
        // EDC 0.15.1 reads a data address from endpointType and endpointProperties only (never DSP's endpoint): its
        // consumers find the URL under its own endpoint property
        return new DataAddress(ENDPOINT_TYPE, endpoint, List.of(new EndpointProperty("authorization", token),
                new EndpointProperty("authType", "bearer"), new EndpointProperty(Destination.EDC + "endpoint", endpoint)));
    }

    /**
     * Checks a pull: the token must be one of the transfer's (compared in constant time), unexpired, and the transfer
     * started. Returns the dataset's source.
     */
    Source authorizePull(String transferId, String authorization) {
        String token = Tokens.fromHeader(authorization);
        if (token == null) {
            throw new DataPlaneException(HttpStatus.UNAUTHORIZED,
                    "no token: send the token of the transfer's data address (its 'authorization' property) in the Authorization header");
        }
        PullToken match = Tokens.match(token, store.pullTokens(transferId));
        if (match == null) {
            throw new DataPlaneException(HttpStatus.UNAUTHORIZED, "the token is not valid for this transfer");
        }
        if (match.state() == State.ENDED) {
            throw new DataPlaneException(HttpStatus.FORBIDDEN, "the transfer has ended (completed or terminated): its data can no longer be pulled");
        }
        if (match.state() == State.SUSPENDED) {
            throw new DataPlaneException(HttpStatus.FORBIDDEN,
                    "the transfer is suspended: when it is started again, the provider sends a new data address with a new token");
        }
        if (!clock.instant().isBefore(match.expires())) {
            throw new DataPlaneException(HttpStatus.UNAUTHORIZED, "the token expired at " + match.expires()
                    + ": tokens work for " + tokenLifetime + " after the transfer started");
        }
        return sources.find(match.datasetId()).orElseThrow(() -> new DataPlaneException(HttpStatus.NOT_FOUND,
                "the dataset of this transfer has no data source any more"));
    }

    // --- push

    /** One push in the background; cancelled when its transfer is suspended or ends. */
    private static final class Push {
        final AtomicReference<Streamed> source = new AtomicReference<>();
        /** Set by whoever comes first: the push when it runs, or a cancellation before it ran (which then unlocks). */
        final AtomicBoolean started = new AtomicBoolean();
        final boolean locked;
        volatile boolean cancelled;
        volatile Future<?> future;

        Push(boolean locked) {
            this.locked = locked;
        }

        void cancel() {
            cancelled = true;
            Streamed open = source.get();
            if (open != null) {
                Transport.close(open);
            }
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }
    }

    private Result<Void> push(String transferId, Source source, Destination destination) {
        Boolean locked = locks.tryLock(transferId);
        if (Boolean.FALSE.equals(locked)) {
            log.info("Data plane: another replica is pushing transfer {}; it is left to that one", transferId);
            return Result.success(null);
        }
        if (locked == null) {
            log.warn("Data plane: transfer {} is pushed without its lock (the database did not answer): another replica may push it too",
                    transferId);
        }
        return submit(transferId, source, destination, locked != null);
    }

    private Result<Void> submit(String transferId, Source source, Destination destination, boolean locked) {
        Push push = new Push(locked);
        running.put(transferId, push);
        try {
            push.future = pushes.submit(() -> run(transferId, source, destination, push));
        } catch (RejectedExecutionException e) {
            running.remove(transferId, push);
            if (locked) {
                locks.unlock(transferId);
            }
            return Result.failure("the data plane is shutting down: the push was not started");
        }
        return Result.success(null);
    }

    /**
     * Starts again every started push that no replica runs (its lock is free: a stop or crash cut it off), from the
     * beginning. A push whose dataset has no source any more, or whose destination cannot be read, is reported failed.
     *
     * @return how many pushes were started again
     */
    int resumeOrphanedPushes() {
        int resumed = 0;
        for (DataFlow flow : store.started(PUSH)) {
            String id = flow.transferId();
            if (running.containsKey(id) || !Boolean.TRUE.equals(locks.tryLock(id))) {
                continue;
            }
            // the lock taken here is handed to the push
            Optional<Source> source = sources.find(flow.datasetId());
            Result<Destination> destination = Destination.of(flow.destination());
            if (source.isEmpty() || !destination.succeeded()) {
                String reason = source.isEmpty() ? "no data source is configured for dataset " + flow.datasetId() + " any more"
                        : destination.problems().getFirst().message();
                log.warn("Data plane: the push of transfer {} was cut off and cannot start again: {}", id, reason);
                try {
                    report(id, reason);
                } finally {
                    locks.unlock(id);
                }
                continue;
            }
            log.info("Data plane: the push of transfer {} was cut off (a stop or crash); it starts again from the beginning", id);
            if (submit(id, source.get(), destination.value(), true).succeeded()) {
                resumed++;
            }
        }
        return resumed;
    }

    /** Looks for cut-off pushes now and then every {@code every}, in the background. */
    void startResuming(Duration every) {
        resumer.scheduleWithFixedDelay(() -> {
            try {
                resumeOrphanedPushes();
            } catch (RuntimeException e) {
                log.warn("Data plane: looking for cut-off pushes failed, tried again in {}: {}", every, e.toString());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(String transferId, Source source, Destination destination, Push push) {
        if (!push.started.compareAndSet(false, true)) {
            return; // cancelled before it ran; the cancellation released the lock
        }
        try {
            String failure = transfer(transferId, source, destination, push);
            // a suspended or ended transfer was decided by the control plane: nothing to report
            if (push.cancelled || Thread.currentThread().isInterrupted() || store.state(transferId).orElse(State.ENDED) != State.STARTED) {
                return;
            }
            report(transferId, failure);
        } finally {
            // only now: until the control plane heard the outcome, nobody (this replica's resumer included, to which the
            // re-entrant lock would give way) may take the push for a cut-off one
            running.remove(transferId, push);
            if (push.locked) {
                locks.unlock(transferId);
            }
        }
    }

    /** Pushes the data; returns null when done, else why not. */
    private String transfer(String transferId, Source source, Destination destination, Push push) {
        try {
            transport.push(source, destination, open -> {
                push.source.set(open);
                if (push.cancelled) {
                    Transport.close(open);
                }
            });
            return null;
        } catch (Transport.Failure e) {
            if (!push.cancelled) {
                log.warn("Data plane: push of transfer {} failed: {}", transferId, e.getMessage());
            }
            return e.shown();
        } catch (RuntimeException e) {
            log.error("Data plane: push of transfer {} failed", transferId, e);
            return "the push failed unexpectedly";
        }
    }

    private void report(String transferId, String failure) {
        DataFlowListener l = listener.get();
        if (l == null) {
            log.warn("Data plane: push of transfer {} {}, but no DataFlowListener is there to hear it", transferId,
                    failure == null ? "completed" : "failed");
            return;
        }
        if (failure == null) {
            l.completed(transferId);
        } else {
            l.failed(transferId, failure);
        }
    }

    private void cancel(String transferId) {
        Push push = running.remove(transferId);
        if (push != null) {
            push.cancel();
            if (push.started.compareAndSet(false, true) && push.locked) {
                locks.unlock(transferId); // it never ran, so it never will unlock
            }
        }
    }

    /**
     * Stops running pushes and the pool. The pushes are not reported (their transfers stay started) and their locks go
     * with the database session, so a replica (this one, once restarted) starts them again.
     */
    @Override
    public void close() {
        resumer.shutdownNow();
        running.keySet().forEach(this::cancel);
        pushes.shutdownNow();
        locks.close();
    }

    /** Whether a push of the transfer is running on this replica (for tests and diagnostics). */
    boolean pushing(String transferId) {
        return running.containsKey(transferId);
    }
}
