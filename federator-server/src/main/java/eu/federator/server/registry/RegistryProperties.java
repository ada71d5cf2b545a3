package eu.federator.server.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's own settings ({@code federator.registry.*}).
 *
 * @param trustedIssuers per service type, the DIDs (or URLs) trusted to issue it, e.g.
 *                       {@code federator.registry.trusted-issuers.registration-notary=did:web:notary.example,did:web:other.example};
 *                       {@code registration-notary} and {@code compliance} default to the clearing house's own DID
 */
@ConfigurationProperties("federator.registry")
public record RegistryProperties(Map<String, List<String>> trustedIssuers) {

    public RegistryProperties {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (trustedIssuers != null) {
            trustedIssuers.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        trustedIssuers = copy;
    }
}
