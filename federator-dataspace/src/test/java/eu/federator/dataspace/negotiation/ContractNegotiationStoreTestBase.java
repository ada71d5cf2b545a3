package eu.federator.dataspace.negotiation;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.outbox.Outbox;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.outbox.OutboxMessage;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static eu.federator.dataspace.protocol.ContractNegotiationState.AGREED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link ContractNegotiationStore} and of the {@link Outbox} its changes write to. Implementations
 * extend this with a fresh, empty store per test; the outbox's back-off must be {@link #BACKOFF}.
 */
public abstract class ContractNegotiationStoreTestBase {
    /** The time the store's clock shows. */
    protected static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    protected static final eu.federator.dataspace.outbox.Backoff BACKOFF =
            new eu.federator.dataspace.outbox.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 3);

    protected abstract ContractNegotiationStore store();

    protected abstract Outbox outbox();

    private static Negotiation provider(String providerPid, String consumerPid) {
        return new Negotiation(providerPid, Role.PROVIDER, consumerPid, providerPid, "did:web:consumer.example",
                "https://consumer.example/callback", Position.at(REQUESTED), "{\"@id\":\"urn:offer:1\"}", null, 0, NOW, NOW);
    }

    private static OutboxEntry entry(String type) {
        return new OutboxEntry(type, "https://consumer.example/callback/negotiations/c1/agreement", "{\"@type\":\"" + type + "\"}");
    }

    @Test
    void aCreatedNegotiationIsFoundAsStoredAtVersionOne() {
        Negotiation n = provider("urn:uuid:p1", "urn:uuid:c1");
        Negotiation stored = store().create(n, List.of()).value();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(store().find("urn:uuid:p1")).contains(stored);
        assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(n);
        assertThat(store().find("urn:uuid:nope")).isEmpty();
        assertThat(store().findByCounterPartyPid(Role.PROVIDER, "did:web:consumer.example", "urn:uuid:c1")).contains(stored);
        assertThat(store().findByCounterPartyPid(Role.PROVIDER, "did:web:other.example", "urn:uuid:c1")).isEmpty();
    }

    @Test
    void aProcessIdOrACounterPartyPidIsNotTakenTwice() {
        store().create(provider("urn:uuid:p1", "urn:uuid:c1"), List.of()).value();
        assertThat(store().create(provider("urn:uuid:p1", "urn:uuid:c2"), List.of(entry("ContractAgreementMessage"))).problems())
                .map(Problem::message).containsExactly("negotiation urn:uuid:p1 exists already (or did:web:consumer.example reused its "
                        + "pid): pick a new process id");
        assertThat(store().create(provider("urn:uuid:p2", "urn:uuid:c1"), List.of()).succeeded()).isFalse();
        assertThat(outbox().messages("negotiation", "urn:uuid:p1")).isEmpty();
    }

    @Test
    void anUpdateNamesTheVersionItReadAndAStaleOneChangesNothing() {
        Negotiation v1 = store().create(provider("urn:uuid:p1", "urn:uuid:c1"), List.of()).value();
        Negotiation agreeing = v1.with(new Position<>(REQUESTED, AGREED), NOW.plusSeconds(1)).withAgreement("{\"@id\":\"urn:a\"}");
        Negotiation v2 = store().update(agreeing, List.of(entry("ContractAgreementMessage"))).value();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.position()).isEqualTo(new Position<>(REQUESTED, AGREED));
        assertThat(v2.agreement()).isEqualTo("{\"@id\":\"urn:a\"}");
        assertThat(v2.updated()).isEqualTo(NOW.plusSeconds(1));

        Result<Negotiation> stale = store().update(v1.with(Position.at(ContractNegotiationState.TERMINATED), NOW),
                List.of(entry("ContractNegotiationTerminationMessage")));
        assertThat(stale.problems()).map(Problem::message).containsExactly("negotiation urn:uuid:p1 changed since it was read "
                + "(version 1, now 2): read it again and decide again");
        assertThat(store().find("urn:uuid:p1")).contains(v2);
        assertThat(outbox().messages("negotiation", "urn:uuid:p1")).extracting(m -> m.entry().messageType())
                .containsExactly("ContractAgreementMessage");
        assertThat(store().update(provider("urn:uuid:nope", "urn:uuid:c9"), List.of()).problems()).map(Problem::message)
                .containsExactly("negotiation urn:uuid:nope does not exist");
    }

    @Test
    void theConsumersSideLearnsTheProvidersPid() {
        Negotiation requesting = new Negotiation("urn:uuid:c1", Role.CONSUMER, "urn:uuid:c1", null, "did:web:provider.example",
                "https://provider.example/dsp", new Position<>(null, REQUESTED), "{}", null, 0, NOW, NOW);
        Negotiation v1 = store().create(requesting, List.of(entry("ContractRequestMessage"))).value();
        assertThat(v1.position()).isEqualTo(new Position<>(null, REQUESTED));
        Negotiation v2 = store().update(v1.withCounterPartyPid("urn:uuid:p1").with(Position.at(AGREED), NOW), List.of()).value();
        assertThat(store().findByCounterPartyPid(Role.CONSUMER, "did:web:provider.example", "urn:uuid:p1")).contains(v2);
    }

    @Test
    void listsMostRecentlyUpdatedFirst() {
        for (int i = 0; i < 5; i++) {
            Negotiation n = provider("urn:uuid:p" + i, "urn:uuid:c" + i);
            store().create(n.with(n.position(), NOW.plusSeconds(i)), List.of()).value();
        }
        assertThat(store().list(1, 2)).extracting(Negotiation::id).containsExactly("urn:uuid:p3", "urn:uuid:p2");
        assertThat(store().list(0, 10)).hasSize(5);
    }

    // ================================================================================================ outbox

    @Test
    void aSentMessageLeavesTheOutboxAndAFailedOneWaitsLongerEachTimeUntilItIsGivenUp() {
        store().create(provider("urn:uuid:p1", "urn:uuid:c1"), List.of(entry("ContractAgreementMessage"))).value();
        store().create(provider("urn:uuid:p2", "urn:uuid:c2"), List.of(entry("ContractOfferMessage"))).value();
        long failing;
        try (Outbox.Claim claim = outbox().claim(10, NOW)) {
            assertThat(claim.messages()).extracting(OutboxMessage::processId).containsExactly("urn:uuid:p1", "urn:uuid:p2");
            claim.sent(claim.messages().getFirst().id());
            failing = claim.messages().get(1).id();
            assertThat(claim.failed(failing, "connection refused", NOW)).isFalse();
            claim.commit();
        }
        assertThat(outbox().messages("negotiation", "urn:uuid:p1")).isEmpty();
        OutboxMessage retry = outbox().messages("negotiation", "urn:uuid:p2").getFirst();
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.lastError()).isEqualTo("connection refused");
        assertThat(retry.nextAttempt()).isEqualTo(NOW.plusSeconds(2));
        try (Outbox.Claim early = outbox().claim(10, NOW.plusSeconds(1))) {
            assertThat(early.messages()).isEmpty();
        }
        try (Outbox.Claim claim = outbox().claim(10, NOW.plusSeconds(2))) {
            assertThat(claim.failed(failing, "timeout", NOW.plusSeconds(2))).isFalse();
            claim.commit();
        }
        assertThat(outbox().messages("negotiation", "urn:uuid:p2").getFirst().nextAttempt()).isEqualTo(NOW.plusSeconds(2 + 4));
        try (Outbox.Claim claim = outbox().claim(10, NOW.plusSeconds(60))) {
            assertThat(claim.failed(failing, "503", NOW.plusSeconds(60))).isTrue();
            claim.commit();
        }
        OutboxMessage dead = outbox().messages("negotiation", "urn:uuid:p2").getFirst();
        assertThat(dead.attempts()).isEqualTo(3);
        try (Outbox.Claim later = outbox().claim(10, NOW.plusSeconds(3600))) {
            assertThat(later.messages()).isEmpty();
        }
    }

    @Test
    void aClaimClosedWithoutCommitReleasesItsMessagesUntouched() {
        store().create(provider("urn:uuid:p1", "urn:uuid:c1"), List.of(entry("ContractAgreementMessage"))).value();
        try (Outbox.Claim claim = outbox().claim(10, NOW)) {
            claim.sent(claim.messages().getFirst().id());
            // no commit: as if the dispatcher crashed before it could record the outcome
        }
        try (Outbox.Claim again = outbox().claim(10, NOW)) {
            assertThat(again.messages()).hasSize(1);
            assertThat(again.messages().getFirst().attempts()).isZero();
        }
    }

    @Test
    void twoOpenClaimsNeverHoldTheSameMessage() {
        for (int i = 0; i < 3; i++) {
            store().create(provider("urn:uuid:p" + i, "urn:uuid:c" + i), List.of(entry("ContractAgreementMessage"))).value();
        }
        try (Outbox.Claim first = outbox().claim(2, NOW); Outbox.Claim second = outbox().claim(10, NOW)) {
            assertThat(first.messages()).hasSize(2);
            // the second claimer skips the locked rows instead of waiting for them
            assertThat(second.messages()).hasSize(1);
            Set<Long> ids = new HashSet<>();
            first.messages().forEach(m -> ids.add(m.id()));
            second.messages().forEach(m -> assertThat(ids.add(m.id())).isTrue());
            try (Outbox.Claim third = outbox().claim(10, NOW)) {
                assertThat(third.messages()).isEmpty();
            }
        }
    }

    @Test
    void concurrentClaimersSendEveryMessageExactlyOnce() throws Exception {
        int messages = 60;
        for (int i = 0; i < messages; i++) {
            store().create(provider("urn:uuid:p" + i, "urn:uuid:c" + i), List.of(entry("ContractAgreementMessage"))).value();
        }
        List<Long> sent = Collections.synchronizedList(new ArrayList<>());
        Callable<Void> dispatcher = () -> {
            while (true) {
                try (Outbox.Claim claim = outbox().claim(3, NOW)) {
                    if (claim.messages().isEmpty()) {
                        return null;
                    }
                    for (OutboxMessage m : claim.messages()) {
                        claim.sent(m.id());
                        sent.add(m.id());
                    }
                    claim.commit();
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(pool.submit(dispatcher));
            }
            for (Future<Void> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sent).hasSize(messages).doesNotHaveDuplicates();
        try (Outbox.Claim rest = outbox().claim(100, NOW)) {
            assertThat(rest.messages()).isEmpty();
        }
    }
}
