package eu.federator.server.dataspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Dataspace Protocol endpoints ({@code federator.dataspace.*}).
 *
 * @param catalogPolicies  a JSON file with the access and offer policies of the catalog's datasets (see
 *                         {@code docs/dataspace.md}); none: every active offering is listed for every authenticated
 *                         requester with a permissive {@code use} offer
 * @param catalogPageSize  datasets per catalog page (the rest is reached through {@code Link: rel="next"})
 * @param address          this connector's DSP base URL as counter-parties reach it (its callback address); default
 *                         {@code federator.identity.public-url} + {@code /dsp}
 * @param dispatchBatch    outbox messages sent per round (concurrently)
 * @param dispatchPoll     how often the dispatcher looks for due messages without being woken (retries, other replicas)
 * @param dispatchRounds   dispatcher rounds running at once (each holds a database connection while it sends), so that a
 *                         slow counter-party does not hold up the messages to others
 * @param maxWaiting       management API requests that may wait for a process change at once ({@code Prefer: wait});
 *                         each holds a server thread, so the rest are answered at once and poll
 * @param waitRecheck      how often a waiting request reads its process again, for changes another replica committed
 */
@ConfigurationProperties("federator.dataspace")
public record DataspaceProperties(Path catalogPolicies, @DefaultValue("100") int catalogPageSize, URI address,
                                  @DefaultValue("32") int dispatchBatch, @DefaultValue("1s") Duration dispatchPoll,
                                  @DefaultValue("4") int dispatchRounds, @DefaultValue("64") int maxWaiting,
                                  @DefaultValue("1s") Duration waitRecheck) {
    public DataspaceProperties {
        if (catalogPageSize < 1 || catalogPageSize > 1000) {
            throw new IllegalArgumentException("federator.dataspace.catalog-page-size must be between 1 and 1000, not " + catalogPageSize);
        }
        if (dispatchBatch < 1 || dispatchBatch > 500) {
            throw new IllegalArgumentException("federator.dataspace.dispatch-batch must be between 1 and 500, not " + dispatchBatch);
        }
        if (dispatchRounds < 1 || dispatchRounds > 32) {
            throw new IllegalArgumentException("federator.dataspace.dispatch-rounds must be between 1 and 32, not " + dispatchRounds);
        }
        if (maxWaiting < 0 || maxWaiting > 1000) {
            throw new IllegalArgumentException("federator.dataspace.max-waiting must be between 0 and 1000, not " + maxWaiting);
        }
        if (waitRecheck.compareTo(Duration.ofMillis(50)) < 0) {
            throw new IllegalArgumentException("federator.dataspace.wait-recheck must be at least 50ms, not " + waitRecheck);
        }
    }
}
