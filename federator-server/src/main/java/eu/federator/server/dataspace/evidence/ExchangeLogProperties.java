package eu.federator.server.dataspace.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The exchange log, agreement credentials and notification inbox ({@code federator.dataspace.log.*}).
 *
 * @param pollInterval       how often the writer looks for queued events besides being woken (crash recovery, other replicas)
 * @param batchSize          events chained per transaction
 * @param checkpointEvery    a signed checkpoint after this many entries
 * @param checkpointMaxAge   and at least this often while entries come
 * @param exportLimit        entries per export; a longer range is cut and continued through {@code Link: rel="next"}
 * @param logTokenLifetime   how long a counter-party's log token is valid; it fetches a fresh one with the agreement
 */
@ConfigurationProperties("federator.dataspace.log")
public record ExchangeLogProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("500") int batchSize,
                                    @DefaultValue("1000") int checkpointEvery, @DefaultValue("10m") Duration checkpointMaxAge,
                                    @DefaultValue("10000") int exportLimit, @DefaultValue("90d") Duration logTokenLifetime) {
    public ExchangeLogProperties {
        positive("poll-interval", pollInterval);
        positive("checkpoint-max-age", checkpointMaxAge);
        positive("log-token-lifetime", logTokenLifetime);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("federator.dataspace.log.batch-size must be between 1 and 10000, not " + batchSize);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("federator.dataspace.log.checkpoint-every must be at least 1, not " + checkpointEvery);
        }
        if (exportLimit < 1 || exportLimit > 1_000_000) {
            throw new IllegalArgumentException("federator.dataspace.log.export-limit must be between 1 and 1000000, not " + exportLimit);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("federator.dataspace.log." + name + " must be a positive duration (e.g. 1s, 10m), not " + d);
        }
    }
}
