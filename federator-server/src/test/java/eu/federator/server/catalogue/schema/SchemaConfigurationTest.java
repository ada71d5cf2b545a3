package eu.federator.server.catalogue.schema;

import eu.federator.catalogue.schema.DefaultSchema;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.config.ConfigurationError;
import eu.federator.trustframework.bundle.TrustFrameworks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaConfigurationTest {
    static final TrustFrameworks FRAMEWORKS = TrustFrameworks.builtIn();

    @Test
    void theDefaultDefaultsAreTheTrustFrameworkShapesAndOntologies() {
        SchemaProperties defaults = new SchemaProperties(List.of("trust-framework:22.10", "trust-framework:25.11"), java.time.Duration.ofSeconds(5));
        assertThat(SchemaConfiguration.defaults(defaults.defaults(), FRAMEWORKS)).extracting(DefaultSchema::source)
                .containsExactly("trust-framework/22.10/shapes", "trust-framework/25.11/ontology/gx-25.11-fix1.owl.ttl", "trust-framework/25.11/shapes");
    }

    @Test
    void directoriesAndNoneAreAccepted() {
        String dir = "dir:" + TestDirectories.fixtures().resolve("xfsc/classic/shapes/defaultschema");
        assertThat(SchemaConfiguration.defaults(List.of(dir), FRAMEWORKS)).hasSize(4);
        assertThat(SchemaConfiguration.defaults(List.of("none"), FRAMEWORKS)).isEmpty();
    }

    @Test
    void unknownSourcesStopTheServerWithAMessage() {
        assertThatThrownBy(() -> SchemaConfiguration.defaults(List.of("trust-framework:99.01"), FRAMEWORKS))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("99.01");
        assertThatThrownBy(() -> SchemaConfiguration.defaults(List.of("dir:/nonexistent/schemas"), FRAMEWORKS))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("/nonexistent/schemas");
        assertThatThrownBy(() -> SchemaConfiguration.defaults(List.of("gax"), FRAMEWORKS))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("'gax'");
    }
}
