package eu.federator.server.catalogue.schema;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Catalogue schema settings ({@code federator.catalogue.schemas.*}).
 *
 * @param defaults        what to load when the schema store is empty (first start), in order:
 *                        {@code trust-framework:<version>} (that Gaia-X trust-framework bundle's shapes, and its ontology
 *                        when it has one), {@code dir:<path>} (every .ttl/.jsonld/.json/.rdf/.owl file under a directory,
 *                        e.g. XFSC's defaultschema folder), or {@code none}. Default: the 22.10 and 25.11 bundles.
 *                        Environment: {@code FEDERATOR_CATALOGUE_SCHEMAS_DEFAULTS} (comma-separated).
 * @param refreshInterval how often the schema revision is read to notice changes made by other replicas
 */
@ConfigurationProperties("federator.catalogue.schemas")
public record SchemaProperties(
        @DefaultValue({"trust-framework:22.10", "trust-framework:25.11"}) List<String> defaults,
        @DefaultValue("5s") Duration refreshInterval) {
}
