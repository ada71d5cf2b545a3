package eu.federator.server.db;

import eu.federator.catalogue.store.postgres.EmbeddedPostgresException;
import eu.federator.catalogue.store.postgres.EmbeddedPostgresServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Whether this server runs on its embedded PostgreSQL or on an external one. */
@Component
public class DatabaseMode {
    private final boolean embedded;

    public DatabaseMode(ObjectProvider<EmbeddedPostgresServer> embeddedPostgres) {
        this.embedded = embeddedPostgres.getIfAvailable() != null;
    }

    public boolean embedded() {
        return embedded;
    }

    public String label() {
        return embedded ? "embedded" : "external";
    }
}
