package eu.federator.server.dataspace.dataplane;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The data plane's settings: {@code federator.dataspace.data-sources} and {@code federator.dataspace.data-plane.*}.
 *
 * @param dataSources a JSON file: dataset id → where its data comes from (see {@link DataSources}); none: no dataset can
 *                    be transferred
 * @param dataPlane   the rest
 */
@ConfigurationProperties("federator.dataspace")
public record DataPlaneProperties(Path dataSources, Settings dataPlane) {

    public DataPlaneProperties {
        dataPlane = dataPlane != null ? dataPlane : new Settings(null, null, null, null, null, null, false, null);
    }

    /**
     * @param publicUrl     the base URL consumers reach this server's data plane at; default {@code federator.identity.public-url}
     * @param tokenLifetime how long a pull token works after the transfer started (or resumed)
     * @param maxSize       the largest source body served (pull), pushed or fetched (consumer pull)
     * @param timeout       the time limit of one exchange with a source or a destination, body included
     * @param pushThreads   pushes running at the same time; more wait
     * @param sinkMaxSize   the largest body the consumer's push sink keeps (also bounded by {@code federator.http.max-body-size})
     * @param privateSources the sources (which the operator wrote, not a counter-party) may be on loopback or private
     *                      networks and use plain http, whatever {@code federator.net.*} says; push destinations and
     *                      the consumer's pulls stay under {@code federator.net.*}
     * @param resumeInterval how often every replica looks for pushes a stop or crash cut off (besides at start)
     */
    public record Settings(URI publicUrl, Duration tokenLifetime, DataSize maxSize, Duration timeout, Integer pushThreads,
                           DataSize sinkMaxSize, boolean privateSources, Duration resumeInterval) {
        public Settings {
            resumeInterval = resumeInterval != null ? resumeInterval : Duration.ofSeconds(30);
            if (resumeInterval.isNegative() || resumeInterval.isZero()) {
                throw new IllegalArgumentException("federator.dataspace.data-plane.resume-interval must be positive, not " + resumeInterval);
            }
            tokenLifetime = tokenLifetime != null ? tokenLifetime : Duration.ofMinutes(10);
            maxSize = maxSize != null ? maxSize : DataSize.ofMegabytes(100);
            timeout = timeout != null ? timeout : Duration.ofMinutes(5);
            pushThreads = pushThreads != null ? pushThreads : 4;
            sinkMaxSize = sinkMaxSize != null ? sinkMaxSize : DataSize.ofMegabytes(10);
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("federator.dataspace.data-plane.token-lifetime must be positive, not " + tokenLifetime);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("federator.dataspace.data-plane.timeout must be positive, not " + timeout);
            }
            if (maxSize.toBytes() < 1 || maxSize.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("federator.dataspace.data-plane.max-size must be between 1 byte and 2GB, not " + maxSize);
            }
            if (sinkMaxSize.toBytes() < 1 || sinkMaxSize.toBytes() > 1024L * 1024 * 1024) {
                throw new IllegalArgumentException("federator.dataspace.data-plane.sink-max-size must be between 1 byte and 1GB, not " + sinkMaxSize);
            }
            if (pushThreads < 1 || pushThreads > 256) {
                throw new IllegalArgumentException("federator.dataspace.data-plane.push-threads must be between 1 and 256, not " + pushThreads);
            }
        }
    }
}
