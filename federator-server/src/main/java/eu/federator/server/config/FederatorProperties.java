package eu.federator.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Federator's own settings ({@code federator.*}). Every one can also be given as an environment variable by Spring's
 * relaxed binding, e.g. {@code FEDERATOR_DATA_DIR}, {@code FEDERATOR_TRUST_WEB_MIRROR}, {@code FEDERATOR_TRUST_ALLOWED_CONTEXTS}
 * (comma-separated), {@code FEDERATOR_NET_ALLOW_HTTP}.
 *
 * @param dataDir where the embedded PostgreSQL (and later other local state) lives
 */
@ConfigurationProperties("federator")
public record FederatorProperties(
        @DefaultValue("./data") Path dataDir,
        Trust trust,
        Net net,
        Http http) {

    public FederatorProperties {
        trust = trust != null ? trust : new Trust(null, null, null, null);
        net = net != null ? net : new Net(false, false);
        http = http != null ? http : new Http(null);
    }

    /**
     * @param webMirror       answer every outbound fetch of {@code https://HOST/PATH} from {@code DIR/HOST/PATH} (no network)
     * @param trustAnchors    PEM file with the trusted root certificates for x5u/x5c chains
     * @param allowedContexts remote JSON-LD context URLs that may be fetched in addition to the bundled ones
     * @param cacheTtl        how long fetched DID documents, certificate chains and contexts are reused
     */
    public record Trust(Path webMirror, Path trustAnchors, List<String> allowedContexts, Duration cacheTtl) {
        public Trust {
            allowedContexts = allowedContexts == null ? List.of() : List.copyOf(allowedContexts);
            cacheTtl = cacheTtl == null ? Duration.ofMinutes(10) : cacheTtl;
        }
    }

    /**
     * @param allowPrivateNetworks allow outbound fetches to loopback, private and link-local addresses (labs, tests)
     * @param allowHttp            allow plain http:// outbound fetches (labs, tests)
     */
    public record Net(boolean allowPrivateNetworks, boolean allowHttp) {
    }

    /** @param maxBodySize largest request body accepted; larger ones get 413 without being read */
    public record Http(DataSize maxBodySize) {
        public Http {
            maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(10) : maxBodySize;
        }
    }
}
