package eu.federator.dataspace.log;

import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.dataspace.Position;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.store.postgres.PostgresContractNegotiationStore;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Events queued by the stores in the transaction of their change, chained afterwards by {@link ExchangeLog#appendQueued}. */
class QueuedExchangeLogTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final DataSource db = TestPostgres.get().newDatabase("db/migration/V7__dataspace.sql", "db/migration/V9__exchange_log.sql",
            "db/migration/V10__exchange_log_queue.sql");
    private final PostgresContractNegotiationStore store = new PostgresContractNegotiationStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ExchangeLog log = new PostgresExchangeLog(db, Clock.fixed(NOW, ZoneOffset.UTC), 100);

    private static LogEvent event(String pid, String type) {
        return new LogEvent(pid, ProcessKind.NEGOTIATION, type, "did:web:consumer.example", null,
                ExchangeChain.digest(type.getBytes(StandardCharsets.UTF_8)), NOW);
    }

    @Test
    void committedChangesAreChainedInOrderAndAStaleUpdateLogsNothing() {
        Negotiation n = new Negotiation("urn:uuid:p1", Role.PROVIDER, "urn:uuid:c1", "urn:uuid:p1", "did:web:consumer.example", null,
                Position.at(ContractNegotiationState.REQUESTED), "{}", null, 0, NOW, NOW);
        Negotiation stored = store.create(n, List.of(), List.of(event("urn:uuid:p1", "ContractRequestMessage"))).value();
        Negotiation agreed = store.update(stored.with(Position.at(ContractNegotiationState.AGREED), NOW), List.of(),
                List.of(event("urn:uuid:p1", "ContractAgreementMessage"))).value();
        // read at the old version: refused, and its event must not reach the log
        assertThat(store.update(stored.with(Position.at(ContractNegotiationState.TERMINATED), NOW), List.of(),
                List.of(event("urn:uuid:p1", "ContractNegotiationTerminationMessage"))).succeeded()).isFalse();
        assertThat(agreed.version()).isEqualTo(2);

        assertThat(log.appendQueued(1)).isEqualTo(1);
        assertThat(log.appendQueued(10)).isEqualTo(1);
        assertThat(log.appendQueued(10)).isZero();

        JsonObject export = log.export(1, 100);
        assertThat(export.getJsonArray("entries").getValuesAs(JsonObject.class)).extracting(e -> e.getString("eventType"))
                .containsExactly("ContractRequestMessage", "ContractAgreementMessage");
        assertThat(ExchangeLogVerifier.verify(export, m -> Optional.empty()).firstBreak()).isNull();
    }
}
