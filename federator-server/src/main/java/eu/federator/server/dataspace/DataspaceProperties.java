package eu.federator.server.dataspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The Dataspace Protocol endpoints ({@code federator.dataspace.*}).
 *
 * @param catalogPolicies  a JSON file with the access and offer policies of the catalog's datasets (see
 *                         {@code docs/dataspace.md}); none: every active offering is listed for every authenticated
 *                         requester with a permissive {@code use} offer
 * @param catalogPageSize  datasets per catalog page (the rest is reached through {@code Link: rel="next"})
 */
@ConfigurationProperties("federator.dataspace")
public record DataspaceProperties(Path catalogPolicies, @DefaultValue("100") int catalogPageSize) {
    public DataspaceProperties {
        if (catalogPageSize < 1 || catalogPageSize > 1000) {
            throw new IllegalArgumentException("federator.dataspace.catalog-page-size must be between 1 and 1000, not " + catalogPageSize);
        }
    }
}
