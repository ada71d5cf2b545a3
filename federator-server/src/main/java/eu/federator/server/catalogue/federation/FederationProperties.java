package eu.federator.server.catalogue.federation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Catalogue-to-catalogue federation ({@code federator.catalogue.federation.*}; see docs/federation.md). The peer tokens
 * that let other catalogues read this one's feed in local mode ({@code federator.catalogue.federation.peer-tokens}) are
 * read by the security configuration, not here, so that they never sit in a bean that could be printed.
 *
 * @param selfUrl         this catalogue's base URL as its peers and partners reach it: its id in origins, in the
 *                        feed and in {@code servers} of distributed queries. Required when peers or partners are set
 * @param relay           the feed also exports events of self-descriptions federated from other catalogues (default:
 *                        only what was submitted here)
 * @param peers           catalogues whose feeds this one follows
 * @param partners        catalogues {@code POST /query/search} forwards queries to (base URLs); the token of a peer
 *                        with the same URL is sent along
 * @param feedPageBytes   a feed page stops after about this much content (at least one event is always sent)
 * @param maxResponseSize the largest feed page or partner answer read from another catalogue
 */
@ConfigurationProperties("federator.catalogue.federation")
public record FederationProperties(
        String selfUrl,
        boolean relay,
        List<PeerProperties> peers,
        List<String> partners,
        @DefaultValue("4MB") DataSize feedPageBytes,
        @DefaultValue("64MB") DataSize maxResponseSize) {

    public FederationProperties {
        selfUrl = selfUrl == null || selfUrl.isBlank() ? null : selfUrl.strip();
        peers = peers == null ? List.of() : List.copyOf(peers);
        partners = partners == null ? List.of() : partners.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        feedPageBytes = feedPageBytes == null ? DataSize.ofMegabytes(4) : feedPageBytes;
        maxResponseSize = maxResponseSize == null ? DataSize.ofMegabytes(64) : maxResponseSize;
    }

    /**
     * One followed catalogue ({@code federator.catalogue.federation.peers[i].*}, environment
     * {@code FEDERATOR_CATALOGUE_FEDERATION_PEERS_0_URL}, ...).
     *
     * @param url           its base URL
     * @param token         a bearer token its feed accepts: one of its peer tokens (local mode) or a token with role
     *                      Ro-FC-PEER from its identity provider. Never logged
     * @param poll          how long to wait when it had nothing new (default 5 s)
     * @param pageSize      events per request (default 100, at most 1000)
     * @param acceptRelayed also take the events it relays from other catalogues (default: only its own)
     */
    public record PeerProperties(String url, String token, Duration poll, Integer pageSize, boolean acceptRelayed) {
        public PeerProperties {
            poll = poll == null ? Duration.ofSeconds(5) : poll;
            pageSize = pageSize == null ? 100 : pageSize;
        }

        @Override
        public String toString() {
            return "PeerProperties[" + url + (token == null ? "" : ", token set") + ", poll " + poll + ", page " + pageSize
                    + ", acceptRelayed " + acceptRelayed + "]";
        }
    }
}
