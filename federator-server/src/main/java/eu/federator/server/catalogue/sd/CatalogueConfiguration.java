package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.ingest.Classifier;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.ingest.IngestSettings;
import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.schema.SchemaType;
import eu.federator.catalogue.schema.Schemas;
import eu.federator.catalogue.sd.PostgresSelfDescriptionStore;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.server.config.ConfigurationError;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.apache.jena.graph.Graph;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The catalogue's write side: the self-description store, the ingest pipeline, the graph projector and the expiry job. */
@Configuration(proxyBeanMethods = false)
public class CatalogueConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CatalogueConfiguration.class);

    @Bean
    @DependsOnDatabaseInitialization
    SelfDescriptionStore selfDescriptionStore(DataSource dataSource) {
        return new PostgresSelfDescriptionStore(dataSource);
    }

    @Bean
    IngestSettings ingestSettings(IngestProperties p, ServiceIdentity identity) {
        Set<String> trusted = new HashSet<>(p.trustedCompliance());
        if (trusted.isEmpty()) {
            trusted.add(identity.did());
        }
        if (!p.relaxedChecks().isEmpty()) {
            log.warn("Catalogue ingest: these verification checks only warn instead of rejecting: {} "
                    + "(federator.catalogue.ingest.relaxed-checks)", p.relaxedChecks());
        }
        return new IngestSettings(p.verifySemantics(), p.verifySchema(), p.verifyVpSignature(), p.verifyVcSignature(),
                Set.copyOf(p.relaxedChecks()), p.requireBaseClass(),
                new IngestSettings.ComplianceRequirement(p.requireCompliance(), trusted));
    }

    @Bean
    IngestPipeline ingestPipeline(CredentialVerifier verifier, Schemas schemas, IngestProperties p) {
        Map<String, SdKind> extra = new HashMap<>();
        p.baseClasses().forEach((iri, kind) -> extra.put(iri, SdKind.parse(kind).filter(k -> k != SdKind.OTHER).orElseThrow(() ->
                new ConfigurationError("federator.catalogue.ingest.base-classes: '" + kind + "' (for " + iri + ") is not a kind",
                        "use participant, service-offering, resource or data-product"))));
        Supplier<Graph> ontologies = () -> schemas.composite(SchemaType.ONTOLOGY).graph();
        return new IngestPipeline(verifier, schemas, new Classifier(extra, ontologies), ontologies);
    }

    @Bean(destroyMethod = "close")
    GraphProjector graphProjector(SelfDescriptionStore store, GraphStore graph, IngestProperties p) {
        GraphProjector projector = new GraphProjector(store, graph, p.projectorPoll(), p.projectorCoalesce(), p.graphCompactEvery());
        projector.start();
        return projector;
    }

    @Bean
    Catalogue catalogue(IngestPipeline pipeline, SelfDescriptionStore store, GraphProjector projector, IngestSettings settings) {
        return new Catalogue(pipeline, store, projector, settings, Clock.systemUTC());
    }

    /** Sets self-descriptions whose credentials or certificates expired to eol, at start and then periodically. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService catalogueExpiry(Catalogue catalogue, IngestProperties p) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("catalogue-expiry").daemon().factory());
        executor.scheduleWithFixedDelay(() -> {
            try {
                int n = catalogue.expire().size();
                if (n > 0) {
                    log.info("Catalogue: {} self-description(s) reached their end of life (a credential or certificate expired)", n);
                }
            } catch (RuntimeException e) {
                log.warn("Catalogue expiry check failed: {}", e.getMessage());
            }
        }, 0, p.expiryCheck().toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }
}
