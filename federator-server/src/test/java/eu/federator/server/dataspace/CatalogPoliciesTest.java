package eu.federator.server.dataspace;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.config.ConfigurationError;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogPoliciesTest {
    static final String USE = "{\"@id\": \"%s\", \"@type\": \"Offer\", \"permission\": [{\"action\": \"use\"}]}";

    static Path file(String json) throws Exception {
        Path file = TestDirectories.newDataDir("federator-dsp-policies-").resolve("policies.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void withoutAFileEveryDatasetOffersUseToEveryone() {
        assertThat(CatalogPolicies.load(null).offer("urn:any")).isEqualTo(CatalogPolicies.PERMISSIVE);
        assertThat(CatalogPolicies.load(null).access("urn:any")).isEmpty();
    }

    @Test
    void aDatasetsEntryReplacesTheDefaultPartByPart() throws Exception {
        CatalogPolicies policies = CatalogPolicies.load(file("""
                {"default": {"access": %s, "offer": %s}, "datasets": {"urn:a": {"offer": %s}}}
                """.formatted(USE.formatted("urn:access"), USE.formatted("urn:default-offer"), USE.formatted("urn:a-offer"))));
        assertThat(policies.offer("urn:a").id()).isEqualTo("urn:a-offer");
        assertThat(policies.access("urn:a").orElseThrow().id()).isEqualTo("urn:access");
        assertThat(policies.offer("urn:b").id()).isEqualTo("urn:default-offer");
    }

    @Test
    void mistakesStopTheStartWithTheirPlaces() throws Exception {
        Path file = file("""
                {"datasets": {"urn:a": {"offer": {"@id": "urn:o", "@type": "Offer", "target": "urn:a", "permission": [{"action": "use"}]},
                                        "acess": {}}},
                 "extra": 1}
                """);
        assertThatThrownBy(() -> CatalogPolicies.load(file)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("/datasets/urn:a/offer/target")
                .hasMessageContaining("/datasets/urn:a/acess: unknown property")
                .hasMessageContaining("/extra: unknown property");
        assertThatThrownBy(() -> CatalogPolicies.load(file.resolveSibling("missing.json"))).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("cannot be read");
    }
}
