package eu.federator.dataspace.store.postgres;

import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.dataspace.Position;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.outbox.Backoff;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.protocol.TransferProcessState;
import eu.federator.dataspace.transfer.Transfer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresTransferProcessStoreTest {
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    private final DataSource db = TestPostgres.get().newDatabase("db/migration/V7__dataspace.sql");
    private final PostgresTransferProcessStore store = new PostgresTransferProcessStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    private final PostgresOutbox outbox = new PostgresOutbox(db, Backoff.defaults());

    @Test
    void aTransferIsStoredVersionedAndFoundByItsAgreement() {
        Transfer requesting = new Transfer("urn:uuid:c1", Role.CONSUMER, "urn:uuid:c1", null, "urn:agreement:1", "HttpData-PUSH",
                "did:web:provider.example", "https://provider.example/dsp", new Position<>(null, TransferProcessState.REQUESTED),
                "{\"endpoint\":\"https://consumer.example/sink\"}", 0, NOW, NOW);
        Transfer v1 = store.create(requesting, List.of(new OutboxEntry("TransferRequestMessage", "https://provider.example/dsp/transfers/request",
                "{}"))).value();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(store.find("urn:uuid:c1")).contains(v1);
        assertThat(outbox.messages("transfer", "urn:uuid:c1")).hasSize(1);

        Transfer started = new Transfer(v1.id(), v1.role(), v1.consumerPid(), "urn:uuid:p1", v1.agreementId(), v1.format(),
                v1.counterPartyId(), v1.counterPartyAddress(), Position.at(TransferProcessState.STARTED), v1.dataAddress(), v1.version(),
                v1.created(), NOW.plusSeconds(1));
        Transfer v2 = store.update(started, List.of()).value();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.providerPid()).isEqualTo("urn:uuid:p1");
        assertThat(store.byAgreement("urn:agreement:1")).containsExactly(v2);
        assertThat(store.update(started, List.of()).problems()).map(Problem::message).containsExactly(
                "transfer urn:uuid:c1 changed since it was read (version 1, now 2): read it again and decide again");
        assertThat(store.create(requesting, List.of()).succeeded()).isFalse();
    }
}
