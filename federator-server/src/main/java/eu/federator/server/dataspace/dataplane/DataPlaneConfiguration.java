package eu.federator.server.dataspace.dataplane;

import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.dataspace.dataplane.DataFlowListener;
import eu.federator.server.config.FederatorProperties;
import eu.federator.server.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The data plane's beans: the one {@link eu.federator.dataspace.dataplane.DataPlane} (provider), the push sinks and
 * the pull client (consumer). The transfer service provides the {@link DataFlowListener}; it is looked up when a push
 * finishes, so that the two can depend on each other.
 */
@Configuration(proxyBeanMethods = false)
public class DataPlaneConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DataPlaneConfiguration.class);

    /** The sources file is read at startup, so that a mistake stops the start instead of failing transfers. */
    @Bean
    DataSources dataSources(DataPlaneProperties properties) {
        DataSources sources = DataSources.load(properties.dataSources());
        if (sources.size() > 0) {
            log.info("Data plane: {} dataset source(s) from {}", sources.size(), properties.dataSources());
        }
        return sources;
    }

    @Bean
    DataPlaneStore dataPlaneStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new DataPlaneStore(jdbc, new TransactionTemplate(transactions));
    }

    /**
     * Sources and push destinations are reached through the guarded client (federator.net.*): a counter-party's push
     * address never reaches a private address unless federator.net.allow-private-networks is set. The operator's own
     * sources may be exempted from that rule alone (data-plane.private-sources), since no counter-party chooses them.
     */
    @Bean
    Transport dataPlaneTransport(DataPlaneProperties properties, FederatorProperties federator) {
        GuardedApiClient counterParties = client(properties, federator);
        GuardedApiClient sources = properties.dataPlane().privateSources()
                ? new GuardedApiClient(counterParties.policy().withHttpsOnly(false).withAllowPrivateNetworks(true)) : counterParties;
        return new Transport(sources, counterParties, properties.dataPlane().timeout());
    }

    @Bean
    DataPull dataPull(DataPlaneProperties properties, FederatorProperties federator) {
        return new DataPull(client(properties, federator), properties.dataPlane().timeout());
    }

    /** Its own small pool for pushes (not a bean: an Executor bean would replace Spring Boot's task executor). */
    @Bean
    HttpDataPlane dataPlane(DataSources sources, DataPlaneStore store, Transport dataPlaneTransport, DataPlaneProperties properties,
                            IdentityProperties identity, Environment environment, ObjectProvider<DataFlowListener> listener,
                            DataSource dataSource) {
        ExecutorService pushes = Executors.newFixedThreadPool(properties.dataPlane().pushThreads(),
                Thread.ofPlatform().name("data-plane-push-", 1).daemon(true).factory());
        return new HttpDataPlane(sources, store, dataPlaneTransport, publicUrl(properties, identity, environment),
                properties.dataPlane().tokenLifetime(), pushes, new PushLocks(dataSource), listener::getIfAvailable, Clock.systemUTC());
    }

    /** Pushes a stop or crash cut off start again once the transfer service is there to hear how they end. */
    @EventListener(ApplicationReadyEvent.class)
    void resumePushes(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(HttpDataPlane.class)
                .startResuming(event.getApplicationContext().getBean(DataPlaneProperties.class).dataPlane().resumeInterval());
    }

    @Bean
    PushSinks pushSinks(DataPlaneStore store, DataPlaneProperties properties, IdentityProperties identity, Environment environment) {
        return new PushSinks(store, publicUrl(properties, identity, environment), properties.dataPlane().sinkMaxSize().toBytes(), Clock.systemUTC());
    }

    static GuardedApiClient client(DataPlaneProperties properties, FederatorProperties federator) {
        return new GuardedApiClient(OutboundPolicy.defaults().withHttpsOnly(!federator.net().allowHttp())
                .withAllowPrivateNetworks(federator.net().allowPrivateNetworks())
                .withMaxBytes(properties.dataPlane().maxSize().toBytes())
                .withTimeouts(OutboundPolicy.defaults().connectTimeout(), properties.dataPlane().timeout())
                .withMaxRedirects(0).withCacheTtl(java.time.Duration.ZERO));
    }

    /**
     * Where counter-parties reach this server: {@code federator.dataspace.data-plane.public-url}, else
     * {@code federator.identity.public-url}, else {@code http://localhost:<port>} (labs and tests only).
     */
    static Supplier<URI> publicUrl(DataPlaneProperties properties, IdentityProperties identity, Environment environment) {
        URI configured = properties.dataPlane().publicUrl() != null ? properties.dataPlane().publicUrl() : identity.publicUrl();
        if (configured != null) {
            return () -> configured;
        }
        return () -> URI.create("http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")));
    }
}
