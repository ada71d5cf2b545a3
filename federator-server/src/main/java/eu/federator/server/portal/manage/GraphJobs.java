package eu.federator.server.portal.manage;

import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The graph rebuild and compaction started from the administration pages: one at a time, in a background thread, so
 * the page answers at once and shows the progress. The state is this server's memory (with replicas, the page shows
 * the job of the replica it reached); the projector's own lock keeps a job and the projection from running together.
 */
@Component
public class GraphJobs implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(GraphJobs.class);

    public enum Kind {
        REBUILD("Rebuild"), COMPACT("Compaction");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A job as the page shows it.
     *
     * @param total    self-descriptions in PostgreSQL when it started (rebuild; 0 for compaction)
     * @param loaded   self-descriptions loaded so far (rebuild)
     * @param finished null while it runs
     * @param outcome  what it did, or why it failed; null while it runs
     */
    public record Job(long id, Kind kind, Instant started, long total, long loaded, Instant finished, boolean failed, String outcome) {
        public boolean running() {
            return finished == null;
        }

        /** Percent loaded, 0–100 (a rebuild of an empty catalogue is 100 when done). */
        public int percent() {
            if (total <= 0) {
                return running() ? 0 : 100;
            }
            return (int) Math.min(100, loaded * 100 / total);
        }

        public long seconds() {
            return Duration.between(started, finished == null ? Instant.now() : finished).toSeconds();
        }
    }

    private final GraphProjector projector;
    private final SelfDescriptionStore store;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "portal-graph-job");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Job> current = new AtomicReference<>();
    private final AtomicLong ids = new AtomicLong();

    public GraphJobs(GraphProjector projector, SelfDescriptionStore store) {
        this.projector = projector;
        this.store = store;
    }

    /** The running job, else the last one (empty before the first). */
    public Optional<Job> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Start a job unless one runs.
     *
     * @return the job started, or empty when another one is still running (it is {@link #current()})
     */
    public synchronized Optional<Job> start(Kind kind) {
        Job running = current.get();
        if (running != null && running.running()) {
            return Optional.empty();
        }
        long total = kind == Kind.REBUILD ? everything() : 0;
        Job job = new Job(ids.incrementAndGet(), kind, Instant.now(), total, 0, null, false, null);
        current.set(job);
        executor.execute(() -> run(job));
        return Optional.of(job);
    }

    private void run(Job job) {
        long start = System.nanoTime();
        try {
            String outcome = switch (job.kind()) {
                case REBUILD -> {
                    long n = projector.rebuild(loaded -> update(job.id(), j -> new Job(j.id(), j.kind(), j.started(),
                            Math.max(j.total(), loaded), loaded, null, false, null)));
                    yield "Loaded " + n + " self-descriptions in " + millis(start) + " ms.";
                }
                case COMPACT -> projector.compact()
                        ? "Compacted in " + millis(start) + " ms."
                        : "Nothing to compact: this graph store needs no compaction (remote or in memory).";
            };
            update(job.id(), j -> new Job(j.id(), j.kind(), j.started(), j.total(), j.loaded(), Instant.now(), false, outcome));
        } catch (RuntimeException e) {
            log.error("Portal: graph {} failed", job.kind().label().toLowerCase(java.util.Locale.ROOT), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            update(job.id(), j -> new Job(j.id(), j.kind(), j.started(), j.total(), j.loaded(), Instant.now(), true,
                    "Failed: " + message + " (the server log has the details). Start it again; a rebuild that did not finish is redone."));
        }
    }

    private void update(long id, java.util.function.UnaryOperator<Job> change) {
        current.updateAndGet(j -> j != null && j.id() == id ? change.apply(j) : j);
    }

    private long everything() {
        Set<Lifecycle> all = EnumSet.allOf(Lifecycle.class);
        return store.search(new SdSearch("", Set.of(), List.of(), all, 0, 0)).totalCount();
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
