package eu.federator.server.catalogue.federation;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.federation.CatalogueUrls;
import eu.federator.catalogue.federation.ChangeFeed;
import eu.federator.catalogue.federation.FederatedQuery;
import eu.federator.catalogue.federation.FederationState;
import eu.federator.catalogue.federation.FederationSubscriber;
import eu.federator.catalogue.federation.Peer;
import eu.federator.catalogue.query.SparqlQueries;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.server.config.ConfigurationError;
import eu.federator.server.config.FederatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Federation beans: the change feed this catalogue serves, the subscriber that follows its peers (started here, one
 * thread per peer) and the distributed query. Calls to other catalogues go through a {@link GuardedApiClient} with the
 * server's network policy ({@code federator.net.allow-http}, {@code federator.net.allow-private-networks}).
 */
@Configuration(proxyBeanMethods = false)
public class FederationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(FederationConfiguration.class);

    @Bean
    @DependsOnDatabaseInitialization
    FederationState federationState(DataSource dataSource) {
        return new FederationState(dataSource);
    }

    @Bean
    ChangeFeed changeFeed(SelfDescriptionStore store, FederationProperties p) {
        return new ChangeFeed(store, selfUrl(p), p.relay(), p.feedPageBytes().toBytes());
    }

    @Bean(destroyMethod = "close")
    FederationSubscriber federationSubscriber(Catalogue catalogue, FederationState state, FederationProperties p, FederatorProperties federator) {
        List<Peer> peers = peers(p);
        for (Peer peer : peers) {
            if (peer.token() == null) {
                log.warn("Federation: peer {} has no token (federator.catalogue.federation.peers[].token); a Federator feed "
                        + "refuses callers without one", peer.url());
            }
        }
        FederationSubscriber subscriber;
        try {
            subscriber = new FederationSubscriber(catalogue, state, client(p, federator), selfUrl(p), peers);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("federator.catalogue.federation.peers: " + e.getMessage(), "Fix the list of peers.");
        }
        subscriber.start();
        return subscriber;
    }

    @Bean(destroyMethod = "close")
    FederatedQuery federatedQuery(SparqlQueries queries, FederationProperties p, FederatorProperties federator) {
        Map<String, String> tokens = peers(p).stream().filter(peer -> peer.token() != null)
                .collect(Collectors.toMap(Peer::url, Peer::token, (a, b) -> a));
        List<FederatedQuery.Partner> partners = new ArrayList<>();
        for (int i = 0; i < p.partners().size(); i++) {
            String url = url(p.partners().get(i), "federator.catalogue.federation.partners[" + i + "]");
            partners.add(new FederatedQuery.Partner(url, tokens.get(url)));
        }
        try {
            return new FederatedQuery(queries, client(p, federator), selfUrl(p), partners);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("federator.catalogue.federation.partners: " + e.getMessage(), "Fix the list of partners.");
        }
    }

    static GuardedApiClient client(FederationProperties p, FederatorProperties federator) {
        return new GuardedApiClient(OutboundPolicy.defaults().withHttpsOnly(!federator.net().allowHttp())
                .withAllowPrivateNetworks(federator.net().allowPrivateNetworks()).withMaxBytes(p.maxResponseSize().toBytes()));
    }

    static String selfUrl(FederationProperties p) {
        if (p.selfUrl() == null) {
            if (!p.peers().isEmpty() || !p.partners().isEmpty()) {
                throw new ConfigurationError("federator.catalogue.federation.self-url is not set, but peers or partners are",
                        "Set it to this catalogue's base URL as the other catalogues reach it (e.g. https://catalogue.example.org): "
                                + "it is this catalogue's id in origins and distributed queries, which is how loops are prevented.");
            }
            return null;
        }
        return url(p.selfUrl(), "federator.catalogue.federation.self-url");
    }

    static List<Peer> peers(FederationProperties p) {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < p.peers().size(); i++) {
            FederationProperties.PeerProperties peer = Objects.requireNonNull(p.peers().get(i));
            String property = "federator.catalogue.federation.peers[" + i + "]";
            String url = url(peer.url(), property + ".url");
            try {
                peers.add(new Peer(url, peer.token(), peer.poll(), peer.pageSize(), peer.acceptRelayed()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationError(property + ": " + e.getMessage(), "Fix " + property + ".");
            }
        }
        return peers;
    }

    private static String url(String value, String property) {
        try {
            return CatalogueUrls.normalize(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(property + ": " + e.getMessage(), "Set " + property + " to a catalogue's base URL, e.g. https://catalogue.example.org.");
        }
    }
}
