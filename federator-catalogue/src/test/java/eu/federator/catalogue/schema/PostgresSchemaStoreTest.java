package eu.federator.catalogue.schema;

import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.trustframework.bundle.TrustFrameworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link SchemaStore} contract on a real PostgreSQL with the V2 migration, plus the trust-framework defaults. */
class PostgresSchemaStoreTest extends SchemaStoreTestBase {
    static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = TestPostgres.get().newDatabase("db/migration/V2__schemas.sql");
    }

    @Override
    protected SchemaStore emptyStore() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE catalogue_schemas CASCADE; UPDATE catalogue_schema_revision SET revision = 0");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new PostgresSchemaStore(dataSource);
    }

    @Test
    void theTrustFrameworkShapesAndOntologiesAreTheDefaultDefaults() {
        List<DefaultSchema> defaults = DefaultSchemas.trustFrameworks(TrustFrameworks.builtIn(), List.of("22.10", "25.11"));
        assertThat(defaults).extracting(DefaultSchema::source).containsExactly("trust-framework/22.10/shapes",
                "trust-framework/25.11/ontology/gx-25.11-fix1.owl.ttl", "trust-framework/25.11/shapes");
        assertThat(schemas.loadDefaultsIfEmpty(defaults)).isEqualTo(3);
        assertThat(schemas.list().get(SchemaType.ONTOLOGY)).containsExactly("https://w3id.org/gaia-x/development#gaia-x.owl.ttl");
        assertThat(schemas.list().get(SchemaType.SHAPE)).hasSize(2);
        assertThat(schemas.definingSchema("https://w3id.org/gaia-x/development#LegalPerson")).isPresent();
        CompositeShapes shapes = schemas.current();
        assertThat(shapes.schemaIds()).hasSize(2);
        assertThat(shapes.shapes().getTargetShapes()).hasSizeGreaterThan(100);
    }
}
