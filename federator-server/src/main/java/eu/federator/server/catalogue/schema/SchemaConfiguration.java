package eu.federator.server.catalogue.schema;

import eu.federator.catalogue.schema.DefaultSchema;
import eu.federator.catalogue.schema.DefaultSchemas;
import eu.federator.catalogue.schema.PostgresSchemaStore;
import eu.federator.catalogue.schema.SchemaStore;
import eu.federator.catalogue.schema.Schemas;
import eu.federator.server.config.ConfigurationError;
import eu.federator.trustframework.bundle.TrustFrameworks;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The catalogue's schema store (PostgreSQL) and schema service; default schemas are loaded into an empty store at startup. */
@Configuration(proxyBeanMethods = false)
public class SchemaConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    SchemaStore schemaStore(DataSource dataSource) {
        return new PostgresSchemaStore(dataSource);
    }

    @Bean
    @DependsOnDatabaseInitialization
    Schemas schemas(SchemaStore store, SchemaProperties properties, TrustFrameworks frameworks) {
        Schemas schemas = new Schemas(store, properties.refreshInterval());
        schemas.loadDefaultsIfEmpty(defaults(properties.defaults(), frameworks));
        return schemas;
    }

    static List<DefaultSchema> defaults(List<String> sources, TrustFrameworks frameworks) {
        List<DefaultSchema> defaults = new ArrayList<>();
        for (String source : sources) {
            String s = source.trim();
            if (s.isEmpty() || s.equals("none")) {
                continue;
            }
            if (s.startsWith("trust-framework:")) {
                String version = s.substring("trust-framework:".length());
                if (frameworks.get(version).isEmpty()) {
                    throw new ConfigurationError("federator.catalogue.schemas.defaults: unknown trust-framework version " + version
                            + " (known: " + frameworks.versions() + ")", "set federator.catalogue.schemas.defaults to known versions, dir:<path> or none");
                }
                defaults.addAll(DefaultSchemas.trustFrameworks(frameworks, List.of(version)));
            } else if (s.startsWith("dir:")) {
                Path dir = Path.of(s.substring("dir:".length()));
                if (!Files.isDirectory(dir)) {
                    throw new ConfigurationError("federator.catalogue.schemas.defaults: " + dir + " is not a directory", "point dir: at a directory of schema files");
                }
                defaults.addAll(DefaultSchemas.directory(dir));
            } else {
                throw new ConfigurationError("federator.catalogue.schemas.defaults: '" + s
                        + "' is not trust-framework:<version>, dir:<path> or none", "use trust-framework:<version>, dir:<path> or none");
            }
        }
        return defaults;
    }
}
