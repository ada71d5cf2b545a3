package eu.federator.dataspace.store.postgres;

import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.ContractNegotiationStoreTestBase;
import eu.federator.dataspace.outbox.Outbox;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.ZoneOffset;

class PostgresContractNegotiationStoreTest extends ContractNegotiationStoreTestBase {
    private final DataSource db = TestPostgres.get().newDatabase("db/migration/V7__dataspace.sql");
    private final ContractNegotiationStore store = new PostgresContractNegotiationStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Outbox outbox = new PostgresOutbox(db, BACKOFF);

    @Override
    protected ContractNegotiationStore store() {
        return store;
    }

    @Override
    protected Outbox outbox() {
        return outbox;
    }
}
