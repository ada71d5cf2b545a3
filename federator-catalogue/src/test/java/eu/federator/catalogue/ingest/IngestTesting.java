package eu.federator.catalogue.ingest;

import eu.federator.catalogue.schema.DefaultSchemas;
import eu.federator.catalogue.schema.PostgresSchemaStore;
import eu.federator.catalogue.schema.SchemaSyntax;
import eu.federator.catalogue.schema.SchemaType;
import eu.federator.catalogue.schema.Schemas;
import eu.federator.catalogue.sd.PooledDataSource;
import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.trustframework.bundle.TrustFrameworks;
import org.apache.jena.graph.Graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Pipelines built the way the server builds them (CatalogueConfiguration), over real schema stores on PostgreSQL. */
final class IngestTesting {
    private static Schemas serverSchemas;

    private IngestTesting() {
    }

    /** The server's default schemas: trust frameworks 22.10 and 25.11 (shapes and ontology); loaded once per JVM. */
    static synchronized Schemas serverSchemas() {
        if (serverSchemas == null) {
            Schemas schemas = new Schemas(new PostgresSchemaStore(database()));
            schemas.loadDefaultsIfEmpty(DefaultSchemas.trustFrameworks(TrustFrameworks.builtIn(), List.of("22.10", "25.11")));
            schemas.current(); // compile the shapes once, here
            serverSchemas = schemas;
        }
        return serverSchemas;
    }

    /** A schema store with exactly these schema files (Turtle). */
    static Schemas schemas(Path... files) {
        Schemas schemas = new Schemas(new PostgresSchemaStore(database()));
        for (Path file : files) {
            try {
                schemas.add(Files.readAllBytes(file), SchemaSyntax.TURTLE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    private static PooledDataSource database() {
        return new PooledDataSource(TestPostgres.get().newDatabase("db/migration/V2__schemas.sql"), 4);
    }

    static Supplier<Graph> ontologies(Schemas schemas) {
        return () -> schemas.composite(SchemaType.ONTOLOGY).graph();
    }

    /** As CatalogueConfiguration.ingestPipeline: the classifier and SHACL see the schemas' current ontologies. */
    static IngestPipeline pipeline(CredentialVerifier verifier, Schemas schemas) {
        return new IngestPipeline(verifier, schemas, new Classifier(Map.of(), ontologies(schemas)), ontologies(schemas));
    }

    /** "focus check" of every problem, to compare with what a fixture must fail. */
    static List<String> problems(IngestException e) {
        return e.problems().stream().map(p -> p.focus() + " " + p.check()).toList();
    }

    static IngestException refused(Runnable analysis) {
        IngestException e = catchThrowableOfType(IngestException.class, analysis::run);
        assertThat(e).as("the submission was accepted").isNotNull();
        return e;
    }
}
