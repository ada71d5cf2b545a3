package eu.federator.catalogue.projection;

import eu.federator.catalogue.graph.GraphBatch;
import eu.federator.catalogue.graph.GraphChange;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.SdMetadata;
import eu.federator.catalogue.sd.CatalogueEvent;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Projects the event log into the {@link GraphStore}: claims of active self-descriptions in their named graphs,
 * metadata of every stored one in the metadata graph. Each batch of events is applied together with its last sequence
 * number as the store's checkpoint, so the projection is exactly-once: after a crash it resumes from the checkpoint, and a
 * batch that was applied already changes nothing. The projection of an event reads the self-description's
 * <i>current</i> row, so replaying converges on the current state however far behind the graph was.
 *
 * <p>Runs on its own thread ({@link #start}); {@link #wake} after a write makes it catch up at once, and it polls anyway
 * (other replicas write too). {@link #catchUp} and {@link #rebuild} may also be called directly; one runs at a time.
 */
public final class GraphProjector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GraphProjector.class);
    static final int BATCH = 500;

    private final SelfDescriptionStore store;
    private final GraphStore graph;
    private final Duration pollInterval;
    private final Duration coalesce;
    private final long compactEvery;
    private long sinceCompaction;
    private final ReentrantLock running = new ReentrantLock();
    private final Object signal = new Object();
    private final AtomicLong projected = new AtomicLong(-1);
    private volatile boolean wakeRequested;
    private volatile boolean closed;
    private volatile String lastError;
    private Thread thread;

    public GraphProjector(SelfDescriptionStore store, GraphStore graph, Duration pollInterval) {
        this(store, graph, pollInterval, Duration.ZERO, 0);
    }

    /**
     * @param coalesce     after a wake-up, wait this long before catching up, so that the events of a burst of writes
     *                     are applied in one transaction instead of one each (fewer, larger graph transactions)
     * @param compactEvery compact the graph store ({@link GraphStore#compact}) after this many applied events; 0: never
     */
    public GraphProjector(SelfDescriptionStore store, GraphStore graph, Duration pollInterval, Duration coalesce, long compactEvery) {
        this.store = Objects.requireNonNull(store);
        this.graph = Objects.requireNonNull(graph);
        this.pollInterval = Objects.requireNonNull(pollInterval);
        this.coalesce = Objects.requireNonNull(coalesce);
        if (compactEvery < 0) {
            throw new IllegalArgumentException("compactEvery must not be negative");
        }
        this.compactEvery = compactEvery;
    }

    /** Start the background thread. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("catalogue-projector").daemon().start(this::loop);
        }
    }

    /** Catch up now (after a write). */
    public void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                if (!coalesce.isZero()) {
                    Thread.sleep(coalesce);
                }
                sinceCompaction += catchUp();
                if (compactEvery > 0 && sinceCompaction >= compactEvery) {
                    sinceCompaction = 0;
                    compact();
                }
                lastError = null;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!Objects.equals(lastError, e.getMessage())) {
                    log.warn("Graph projection failed, retrying every {}: {}", pollInterval, e.getMessage());
                }
                lastError = String.valueOf(e.getMessage());
            }
            synchronized (signal) {
                if (!wakeRequested && !closed) {
                    try {
                        signal.wait(pollInterval.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wakeRequested = false;
            }
        }
    }

    /**
     * Apply every event after the graph's checkpoint.
     *
     * @return how many events were applied
     */
    public int catchUp() {
        running.lock();
        try {
            int applied = 0;
            long checkpoint = graph.checkpoint().orElse(0);
            while (true) {
                List<CatalogueEvent> events = store.events(checkpoint, BATCH);
                if (events.isEmpty()) {
                    projected.set(checkpoint);
                    return applied;
                }
                GraphBatch batch = batch(events);
                graph.apply(batch);
                checkpoint = batch.sequence();
                applied += events.size();
                projected.set(checkpoint);
            }
        } finally {
            running.unlock();
        }
    }

    private GraphBatch batch(List<CatalogueEvent> events) {
        Set<String> hashes = new LinkedHashSet<>();
        events.forEach(e -> hashes.add(e.hash()));
        Map<String, SelfDescriptionStore.Projected> rows = store.projections(hashes);
        GraphBatch.Builder batch = GraphBatch.at(events.getLast().sequence());
        for (String hash : hashes) {
            SelfDescriptionStore.Projected row = rows.get(hash);
            // the current state decides: an SD stored and deleted within the batch is simply absent
            batch.delete(hash);
            if (row == null) {
                continue;
            }
            if (row.sd().status() == Lifecycle.ACTIVE) {
                batch.put(put(row));
            }
            batch.metadata(metadata(row.sd()));
        }
        return batch.build();
    }

    static GraphChange.PutGraph put(SelfDescriptionStore.Projected row) {
        Graph triples = GraphFactory.createDefaultGraph();
        RDFParser.fromString(row.claims(), Lang.NTRIPLES).parse(triples);
        return new GraphChange.PutGraph(row.sd().hash(), triples, row.prefixes());
    }

    static SdMetadata metadata(SelfDescription sd) {
        return new SdMetadata(sd.hash(), sd.subject(), sd.issuer(), sd.validFrom(), sd.expirationTime(), sd.status().value(),
                sd.statusTime(), sd.uploadTime(), sd.validators());
    }

    /**
     * Rebuild the graph from PostgreSQL: clear it, bulk-load every self-description (claims of the active ones, metadata
     * of all) from one snapshot, record
     * that snapshot's last event as the checkpoint, then catch up with what happened meanwhile.
     *
     * @param progress called with the number of self-descriptions loaded so far (every 1,000 and at the end)
     * @return how many self-descriptions were loaded
     */
    public long rebuild(LongConsumer progress) {
        AtomicLong count = new AtomicLong();
        running.lock();
        try {
            long start = System.nanoTime();
            try (GraphStore.BulkLoad load = graph.bulkLoad()) {
                long sequence = store.snapshot(row -> {
                    if (row.sd().status() == Lifecycle.ACTIVE) {
                        load.put(put(row));
                    }
                    load.metadata(metadata(row.sd()));
                    long n = count.incrementAndGet();
                    if (n % 1000 == 0) {
                        progress.accept(n);
                    }
                });
                load.commit(sequence);
            }
            progress.accept(count.get());
            log.info("Graph rebuilt from PostgreSQL: {} self-descriptions in {} ms", count.get(), (System.nanoTime() - start) / 1_000_000);
        } finally {
            running.unlock();
        }
        catchUp();
        return count.get();
    }

    /** Compact the graph store now (no projection runs meanwhile); returns whether the store did anything. */
    public boolean compact() {
        running.lock();
        try {
            long start = System.nanoTime();
            boolean done = graph.compact();
            if (done) {
                log.info("Graph store compacted in {} ms", (System.nanoTime() - start) / 1_000_000);
            }
            return done;
        } finally {
            running.unlock();
        }
    }

    /** The last event sequence the graph has applied, as last seen by this projector (-1: not yet known). */
    public long projectedSequence() {
        return projected.get();
    }

    /** The last error of the background thread, null when the last run succeeded. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        closed = true;
        wake();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
