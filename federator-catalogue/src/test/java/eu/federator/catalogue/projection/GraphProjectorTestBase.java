package eu.federator.catalogue.projection;

import eu.federator.catalogue.graph.GraphBatch;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.Vocabulary;
import eu.federator.catalogue.sd.NewSelfDescription;
import eu.federator.catalogue.sd.PooledDataSource;
import eu.federator.catalogue.sd.PostgresSelfDescriptionStore;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.catalogue.sd.TestSelfDescriptions;
import eu.federator.catalogue.testing.TestPostgres;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static eu.federator.catalogue.sd.TestSelfDescriptions.T0;
import static eu.federator.catalogue.sd.TestSelfDescriptions.participant;
import static eu.federator.catalogue.sd.TestSelfDescriptions.sd;
import static eu.federator.catalogue.sd.TestSelfDescriptions.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link GraphProjector} over a real PostgreSQL event log into a real {@link GraphStore}: what the graph holds
 * after each kind of event, exactly-once application, rebuilds, and the background thread. Subclasses give an empty
 * graph store per test (embedded TDB2, a remote Fuseki).
 */
public abstract class GraphProjectorTestBase {
    static final String FC = Vocabulary.NS;
    static DataSource dataSource;

    protected SelfDescriptionStore store;
    protected GraphStore graph;
    protected GraphProjector projector;
    private final List<GraphProjector> projectors = new ArrayList<>();

    /** A graph store (it is cleared before each test). */
    protected abstract GraphStore newGraphStore();

    @BeforeAll
    static void database() {
        dataSource = new PooledDataSource(TestPostgres.get().newDatabase("db/migration/V2__schemas.sql", "db/migration/V3__self_descriptions.sql", "db/migration/V6__search_facets.sql"), 20);
    }

    @BeforeEach
    void setUp() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE catalogue_participants, catalogue_sd_credentials, catalogue_credentials, catalogue_self_descriptions, "
                    + "catalogue_events; UPDATE catalogue_event_sequence SET last = 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        store = new PostgresSelfDescriptionStore(dataSource);
        graph = newGraphStore();
        graph.clear();
        projector = projector(Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        projectors.forEach(GraphProjector::close);
        graph.close();
    }

    protected GraphProjector projector(Duration poll) {
        GraphProjector p = new GraphProjector(store, graph, poll);
        projectors.add(p);
        return p;
    }

    protected String stored(NewSelfDescription sd, Instant at) {
        return store.store(sd, at).sd().hash();
    }

    // ------------------------------------------------------------------------------------------------ reading the graph

    /**
     * Rows as variable → node, read inside the query: TDB2 bindings decode their nodes lazily, and once the read
     * transaction has ended a node the cache no longer holds decodes to null.
     */
    protected List<Map<String, Node>> select(String sparql) {
        return graph.query(QueryFactory.create(sparql), Duration.ofSeconds(30), exec -> {
            List<Map<String, Node>> rows = new ArrayList<>();
            exec.execSelect().forEachRemaining(solution -> {
                Map<String, Node> row = new HashMap<>();
                solution.varNames().forEachRemaining(v -> row.put(v, solution.get(v).asNode()));
                rows.add(row);
            });
            return rows;
        });
    }

    /** Every quad outside the internal state graph, by graph IRI. */
    protected Map<String, Graph> contents() {
        Map<String, Graph> graphs = new TreeMap<>();
        for (Map<String, Node> row : select("SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } FILTER(?g != <" + Vocabulary.STATE_GRAPH + ">) }")) {
            graphs.computeIfAbsent(row.get("g").getURI(), g -> GraphFactory.createDefaultGraph()).add(row.get("s"), row.get("p"), row.get("o"));
        }
        return graphs;
    }

    /** Same graph names, and each graph isomorphic (claims have blank nodes, labelled anew by every load). */
    protected static void assertSameContents(Map<String, Graph> actual, Map<String, Graph> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String g : expected.keySet()) {
            assertThat(IsoMatcher.isomorphic(actual.get(g), expected.get(g))).as("graph " + g).isTrue();
        }
    }

    /** fc:status per self-description hash, from the metadata graph. */
    protected Map<String, String> statuses() {
        Map<String, String> statuses = new TreeMap<>();
        for (Map<String, Node> row : select("SELECT ?hash ?status { GRAPH <" + Vocabulary.METADATA_GRAPH + "> { ?g <" + FC + "hash> ?hash ; <"
                + FC + "status> ?status } }")) {
            statuses.put(row.get("hash").getLiteralLexicalForm(), row.get("status").getLiteralLexicalForm());
        }
        return statuses;
    }

    protected String metadataValue(String hash, String property) {
        List<Map<String, Node>> rows = select("SELECT ?v { GRAPH <" + Vocabulary.METADATA_GRAPH + "> { <" + Vocabulary.sdGraph(hash) + "> <" + FC
                + property + "> ?v } }");
        assertThat(rows).as(property + " of " + hash).hasSize(1);
        Node v = rows.getFirst().get("v");
        return v.isLiteral() ? v.getLiteralLexicalForm() : v.getURI();
    }

    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        // a generous deadline: this checks that it happens, not how fast
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A history with every kind of event: active, deprecated, revoked, eol, deleted, a participant. */
    protected record History(String active, String deprecated, String replacement, String revoked, String eol, String deleted,
                             String participant) {
    }

    protected History history() {
        String deprecated = stored(sd("https://p.example/storage#cs").title("Storage v1").build(), T0);
        String replacement = stored(sd("https://p.example/storage#cs").title("Storage v2").build(), t(1));
        String active = stored(sd("https://p.example/compute#cs").title("Compute").build(), t(2));
        String revoked = stored(sd("https://p.example/backup#cs").build(), t(3));
        store.revoke(revoked, t(4));
        String eol = stored(sd("https://p.example/tape#cs").expires(t(5)).build(), t(3));
        store.expire(t(5));
        String deleted = stored(sd("https://p.example/gone#cs").build(), t(6));
        store.delete(deleted, t(7));
        String participant = store.registerParticipant(participant("did:web:p.example").title("P").build(), "P", null, t(8)).sdHash();
        return new History(active, deprecated, replacement, revoked, eol, deleted, participant);
    }

    // ================================================================================================ what is projected

    @Test
    void afterCatchUpTheGraphHoldsClaimsOfActiveOnesAndMetadataOfAll() {
        History h = history();

        int applied = projector.catchUp();

        assertThat(applied).isEqualTo((int) store.lastSequence());
        assertThat(graph.checkpoint()).hasValue(store.lastSequence());
        assertThat(projector.projectedSequence()).isEqualTo(store.lastSequence());
        for (String active : List.of(h.active(), h.replacement(), h.participant())) {
            Graph claims = graph.graph(active).orElseThrow(() -> new AssertionError("no claims of " + active));
            assertThat(claims.size()).isEqualTo(store.projections(List.of(active)).get(active).claims().lines().count());
        }
        for (String inactive : List.of(h.deprecated(), h.revoked(), h.eol(), h.deleted())) {
            assertThat(graph.graph(inactive)).as(inactive).isEmpty();
        }
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(h.active(), "active", h.replacement(), "active", h.participant(), "active",
                h.deprecated(), "deprecated", h.revoked(), "revoked", h.eol(), "eol"));
        SelfDescription revoked = store.get(h.revoked()).orElseThrow();
        assertThat(metadataValue(h.revoked(), "statusTime")).isEqualTo(revoked.statusTime().toString());
        assertThat(metadataValue(h.revoked(), "subject")).isEqualTo("https://p.example/backup#cs");
        assertThat(metadataValue(h.revoked(), "issuer")).isEqualTo("did:web:provider.example");
        assertThat(metadataValue(h.active(), "validator")).isEqualTo("did:web:provider.example#key-1");
        assertThat(graph.prefixes()).containsEntry("gx", TestSelfDescriptions.GX);
        // queries join claims with their metadata
        assertThat(select("PREFIX fc: <" + FC + "> SELECT ?name { GRAPH ?g { ?s <https://schema.org/name> ?name } ?g fc:status \"active\" }"))
                .extracting(r -> r.get("name").getLiteralLexicalForm()).containsExactlyInAnyOrder("Storage v2", "Compute", "P");
    }

    @Test
    void revokingOrDeprecatingRemovesTheClaimsAndUpdatesTheStatus() {
        String a = stored(sd("https://p.example/a#cs").build(), T0);
        String b = stored(sd("https://p.example/b#cs").build(), T0);
        projector.catchUp();
        assertThat(graph.graph(a)).isPresent();

        store.revoke(a, t(10));
        String b2 = stored(sd("https://p.example/b#cs").build(), t(11));
        assertThat(projector.catchUp()).isEqualTo(3);

        assertThat(graph.graph(a)).isEmpty();
        assertThat(graph.graph(b)).isEmpty();
        assertThat(graph.graph(b2)).isPresent();
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(a, "revoked", b, "deprecated", b2, "active"));
        assertThat(metadataValue(a, "statusTime")).isEqualTo(t(10).toString());
        assertThat(metadataValue(b, "statusTime")).isEqualTo(t(11).toString());
        assertThat(metadataValue(a, "uploadTime")).isEqualTo(T0.toString());
    }

    @Test
    void deletingRemovesEverythingOfThatSelfDescription() {
        String a = stored(sd("https://p.example/a#cs").build(), T0);
        String b = stored(sd("https://p.example/b#cs").build(), T0);
        projector.catchUp();

        store.delete(a, t(1));
        projector.catchUp();

        assertThat(graph.graph(a)).isEmpty();
        assertThat(graph.metadata(a).isEmpty()).isTrue();
        assertThat(statuses()).containsOnlyKeys(b);
        assertThat(contents().keySet()).containsExactlyInAnyOrder(Vocabulary.sdGraph(b), Vocabulary.METADATA_GRAPH);

        store.delete(b, t(2));
        projector.catchUp();
        assertThat(contents()).isEmpty();
        assertThat(graph.prefixes()).isEmpty();
        assertThat(graph.checkpoint()).hasValue(store.lastSequence());
    }

    @Test
    void whatWasStoredAndDeletedBetweenTwoCatchUpsLeavesNoTrace() {
        String keep = stored(sd("https://p.example/keep#cs").build(), T0);
        projector.catchUp();

        String brief = stored(sd("https://p.example/brief#cs").build(), t(1));
        store.revoke(brief, t(2));
        store.delete(brief, t(3));
        projector.catchUp();

        assertThat(contents().keySet()).containsExactlyInAnyOrder(Vocabulary.sdGraph(keep), Vocabulary.METADATA_GRAPH);
        assertThat(statuses()).containsOnlyKeys(keep);
    }

    @Test
    void manyEventsAreAppliedInSeveralBatches() {
        int n = GraphProjector.BATCH + 20;
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(stored(sd("https://p.example/" + (i % 300) + "#cs").build(), t(i)));
        }

        assertThat(projector.catchUp()).isEqualTo((int) store.lastSequence());

        assertThat(graph.checkpoint()).hasValue(store.lastSequence());
        assertThat(statuses().values().stream().filter("active"::equals).count()).isEqualTo(300);
        assertThat(graph.graph(hashes.getLast())).isPresent();
        assertThat(graph.graph(hashes.getFirst())).isEmpty();
    }

    // ================================================================================================ exactly once

    @Test
    void applyingTheSameEventsAgainChangesNothing() {
        History h = history();
        projector.catchUp();
        Map<String, Graph> before = contents();
        long checkpoint = graph.checkpoint().orElseThrow();

        // the same projector again, and a new one after a "crash" that lost nothing but the process
        assertThat(projector.catchUp()).isZero();
        assertThat(projector(Duration.ofHours(1)).catchUp()).isZero();

        // an old batch, built from the rows as they are now, is refused by the checkpoint
        SelfDescriptionStore.Projected row = store.projections(List.of(h.revoked())).get(h.revoked());
        assertThat(graph.apply(GraphBatch.at(3).put(GraphProjector.put(row)).metadata(GraphProjector.metadata(row.sd())).build())).isFalse();
        assertThat(graph.apply(GraphBatch.at(checkpoint).delete(h.active()).build())).isFalse();

        assertSameContents(contents(), before);
        assertThat(graph.checkpoint()).hasValue(checkpoint);
    }

    @Test
    void aRestartedProjectorResumesFromTheCheckpoint() {
        String a = stored(sd("https://p.example/a#cs").build(), T0);
        projector.catchUp();
        projector.close();

        store.revoke(a, t(1));
        String b = stored(sd("https://p.example/b#cs").build(), t(2));
        GraphProjector restarted = projector(Duration.ofHours(1));

        assertThat(restarted.catchUp()).isEqualTo(2);
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(a, "revoked", b, "active"));
        assertThat(graph.graph(a)).isEmpty();
    }

    @Test
    void twoProjectorsOnOneGraphLikeTwoReplicasConvergeOnTheSameGraph() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        GraphProjector other = projector(Duration.ofHours(1));
        Future<?> writer = pool.submit((Callable<Void>) () -> {
            for (int i = 0; i < 150; i++) {
                String hash = stored(sd("https://p.example/" + (i % 40) + "#cs").build(), t(i));
                if (i % 7 == 0) {
                    store.revoke(hash, t(i));
                } else if (i % 11 == 0) {
                    store.delete(hash, t(i));
                }
            }
            return null;
        });
        List<Future<?>> followers = new ArrayList<>();
        for (GraphProjector p : List.of(projector, other)) {
            followers.add(pool.submit((Callable<Void>) () -> {
                while (!writer.isDone()) {
                    p.catchUp();
                }
                p.catchUp();
                return null;
            }));
        }
        writer.get(120, TimeUnit.SECONDS);
        for (Future<?> f : followers) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Map<String, Graph> incremental = contents();

        projector.rebuild(n -> { });

        assertThat(graph.checkpoint()).hasValue(store.lastSequence());
        assertSameContents(incremental, contents());
    }

    // ================================================================================================ rebuild

    @Test
    void aRebuildGivesTheSameGraphAsIncrementalProjectionAndRecordsTheCheckpoint() {
        history();
        projector.catchUp();
        Map<String, Graph> incremental = contents();
        Map<String, String> prefixes = graph.prefixes();
        List<Long> progress = new ArrayList<>();

        long loaded = projector.rebuild(progress::add);

        assertThat(loaded).isEqualTo(6); // every self-description still stored, whatever its status
        assertThat(progress).containsExactly(6L);
        assertThat(graph.checkpoint()).hasValue(store.lastSequence());
        assertThat(projector.projectedSequence()).isEqualTo(store.lastSequence());
        assertSameContents(contents(), incremental);
        assertThat(graph.prefixes()).isEqualTo(prefixes);
    }

    @Test
    void aRebuildOfAGraphThatMissedEverythingCatchesUp() {
        History h = history();
        // the graph was lost: nothing applied, no checkpoint
        long loaded = projector.rebuild(n -> { });

        assertThat(loaded).isEqualTo(6);
        assertThat(projector.catchUp()).isZero();
        assertThat(statuses()).containsEntry(h.revoked(), "revoked").doesNotContainKey(h.deleted());
    }

    @Test
    void eventsWrittenDuringARebuildAreAppliedAfterIt() {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hashes.add(stored(sd("https://p.example/" + i + "#cs").build(), t(i)));
        }
        AtomicLong snapshotAt = new AtomicLong();
        List<String> written = new ArrayList<>();
        AtomicLong calls = new AtomicLong();

        // progress is reported at the 1000th row (while streaming) and once more at the end (load committed)
        long loaded = projector.rebuild(n -> {
            if (calls.incrementAndGet() == 1) {
                // inside the snapshot: the streaming read is open while these commit
                snapshotAt.set(store.lastSequence());
                written.add(stored(sd("https://p.example/during#cs").build(), t(2000)));
                store.revoke(hashes.get(7), t(2001));
            } else {
                // after the bulk load committed, before the catch-up
                written.add(stored(sd("https://p.example/after#cs").build(), t(2002)));
                store.delete(hashes.get(8), t(2003));
            }
        });

        assertThat(loaded).isEqualTo(1000);
        assertThat(written).hasSize(2);
        assertThat(store.lastSequence()).isEqualTo(snapshotAt.get() + 4);
        assertThat(graph.checkpoint()).hasValue(store.lastSequence());
        assertThat(graph.graph(written.get(0))).isPresent();
        assertThat(graph.graph(written.get(1))).isPresent();
        assertThat(graph.graph(hashes.get(7))).isEmpty();
        assertThat(graph.metadata(hashes.get(8)).isEmpty()).isTrue();
        Map<String, String> statuses = statuses();
        assertThat(statuses).hasSize(1001).containsEntry(hashes.get(7), "revoked");
        assertThat(statuses.values().stream().filter("active"::equals).count()).isEqualTo(1000);
    }

    // ================================================================================================ background thread

    @Test
    void theBackgroundThreadAppliesWhenWoken() throws InterruptedException {
        // an hour between polls: only wake() can make it apply within the deadline
        projector.start();
        await("the first catch-up at start", () -> projector.projectedSequence() == 0);

        String hash = stored(sd("https://p.example/a#cs").build(), T0);
        projector.wake();

        await("the woken projector applies the new event", () -> graph.checkpoint().orElse(0) == store.lastSequence());
        assertThat(graph.graph(hash)).isPresent();
        assertThat(projector.lastError()).isNull();

        store.revoke(hash, t(1));
        projector.wake();
        await("the revocation is applied", () -> graph.checkpoint().orElse(0) == store.lastSequence());
        assertThat(graph.graph(hash)).isEmpty();
    }

    @Test
    void theBackgroundThreadPollsForWhatOtherReplicasWrote() throws InterruptedException {
        GraphProjector polling = projector(Duration.ofMillis(50));
        polling.start();

        String hash = stored(sd("https://p.example/a#cs").build(), T0);

        // the projector records its sequence after the graph's checkpoint is written, so wait for the later of the two
        await("the polling projector applies the event nobody woke it for", () -> polling.projectedSequence() == store.lastSequence());
        assertThat(graph.checkpoint()).hasValue(store.lastSequence());
        assertThat(graph.graph(hash)).isPresent();
    }

}
