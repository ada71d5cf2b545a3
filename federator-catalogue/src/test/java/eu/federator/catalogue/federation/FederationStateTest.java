package eu.federator.catalogue.federation;

import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The subscriber's cursor, counters and rejections in PostgreSQL, and the lease that keeps replicas apart. */
class FederationStateTest {
    static final String PEER = "https://b.example";
    static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    FederationState state;

    @BeforeEach
    void database() {
        state = new FederationState(TestPostgres.get().newDatabase("db/migration/V2__schemas.sql", "db/migration/V3__self_descriptions.sql",
                "db/migration/V4__federation.sql"));
    }

    @Test
    void oneFollowerPerPeerAtATime() {
        try (FederationState.Lease first = state.lease(PEER).orElseThrow()) {
            assertThat(first.lastSequence()).isZero();
            assertThat(state.lease(PEER)).isEmpty(); // another replica skips this round
            Optional<FederationState.Lease> other = state.lease("https://c.example");
            assertThat(other).isPresent();
            other.get().close();
        }
        Optional<FederationState.Lease> again = state.lease(PEER);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void theCursorAndTheCountersMoveTogetherAndTheCursorNeverBack() {
        try (FederationState.Lease lease = state.lease(PEER).orElseThrow()) {
            lease.advance(3, Outcome.STORED, null);
            lease.advance(4, Outcome.PRESENT, null);
            lease.advance(9, null, null);
            lease.advance(5, Outcome.IGNORED, null); // a replay of an older event: counted, the cursor stays
            lease.succeeded(T, "https://B.example");
            assertThat(lease.lastSequence()).isEqualTo(9);
        }
        FederationState.PeerRecord peer = state.peer(PEER).orElseThrow();
        assertThat(peer.lastSequence()).isEqualTo(9);
        assertThat(peer.count(Outcome.STORED)).isEqualTo(1);
        assertThat(peer.count(Outcome.PRESENT)).isEqualTo(1);
        assertThat(peer.count(Outcome.IGNORED)).isEqualTo(1);
        assertThat(peer.count(Outcome.REJECTED)).isZero();
        assertThat(peer.lastSuccess()).isEqualTo(T);
        assertThat(peer.peerCatalogue()).isEqualTo("https://B.example");
        try (FederationState.Lease lease = state.lease(PEER).orElseThrow()) {
            assertThat(lease.lastSequence()).isEqualTo(9); // resumes where it was
            lease.failed("the change feed cannot be read: refused", T.plusSeconds(1));
        }
        assertThat(state.peer(PEER)).hasValueSatisfying(p -> {
            assertThat(p.lastError()).contains("refused");
            assertThat(p.lastErrorAt()).isEqualTo(T.plusSeconds(1));
        });
        try (FederationState.Lease lease = state.lease(PEER).orElseThrow()) {
            lease.reset(2); // an operator's replay
            assertThat(lease.lastSequence()).isEqualTo(2);
        }
        assertThat(state.peer(PEER).orElseThrow()).satisfies(p -> {
            assertThat(p.lastSequence()).isEqualTo(2);
            assertThat(p.lastError()).isNull();
            assertThat(p.count(Outcome.STORED)).isEqualTo(1);
        });
    }

    @Test
    void rejectionsAreKeptNewestFirstAndBounded() {
        try (FederationState.Lease lease = state.lease(PEER).orElseThrow()) {
            for (int i = 1; i <= FederationState.KEPT_REJECTIONS + 5; i++) {
                lease.advance(i, Outcome.REJECTED, new Rejection(PEER, i, "%064d".formatted(i), "SCHEMA", "no " + i,
                        List.of(new IngestException.Problem("https://x.example/o#cs", "sh:InConstraintComponent", "not allowed")), T));
            }
        }
        assertThat(state.peer(PEER).orElseThrow().count(Outcome.REJECTED)).isEqualTo(FederationState.KEPT_REJECTIONS + 5);
        List<Rejection> latest = state.rejections(PEER, 2);
        assertThat(latest).extracting(Rejection::sequence).containsExactly(FederationState.KEPT_REJECTIONS + 5L, FederationState.KEPT_REJECTIONS + 4L);
        assertThat(latest.getFirst().problems()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo("sh:InConstraintComponent");
            assertThat(p.focus()).isEqualTo("https://x.example/o#cs");
        });
        assertThat(state.rejections(PEER, 10_000)).hasSize(FederationState.KEPT_REJECTIONS);
    }
}
