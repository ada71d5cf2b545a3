package eu.federator.server.catalogue.query;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.RemoteEndpoints;
import eu.federator.catalogue.graph.RemoteGraphStore;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import eu.federator.catalogue.query.QuerySettings;
import eu.federator.catalogue.query.SparqlQueries;
import eu.federator.server.config.ConfigurationError;
import eu.federator.server.config.FederatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The catalogue graph ({@link GraphStore}: embedded TDB2 or a remote SPARQL store) and {@link SparqlQueries}. */
@Configuration(proxyBeanMethods = false)
public class GraphConfiguration {
    private static final Logger log = LoggerFactory.getLogger(GraphConfiguration.class);

    @Bean(destroyMethod = "close")
    GraphStore graphStore(GraphProperties graph, FederatorProperties federator) {
        if (graph.remote()) {
            RemoteEndpoints endpoints;
            try {
                endpoints = new RemoteEndpoints(graph.sparqlEndpoint(),
                        graph.updateEndpoint() != null ? graph.updateEndpoint() : sibling(graph.sparqlEndpoint(), "update"),
                        graph.gspEndpoint() != null ? graph.gspEndpoint() : sibling(graph.sparqlEndpoint(), "data"),
                        graph.username(), graph.password(), graph.bearerToken());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationError("federator.catalogue.graph: " + e.getMessage(),
                        "Set either username and password or bearer-token for the remote SPARQL store.");
            }
            log.info("Catalogue graph: remote SPARQL store {}", endpoints);
            return new RemoteGraphStore(endpoints);
        }
        Path dir = graph.directory() != null ? graph.directory() : federator.dataDir().resolve("graph");
        try {
            Files.createDirectories(dir);
        } catch (Exception e) {
            throw new ConfigurationError("cannot create the graph directory " + dir + ": " + e.getMessage(),
                    "Set federator.catalogue.graph.directory (or federator.data-dir) to a writable directory.");
        }
        log.info("Catalogue graph: embedded TDB2 in {}", dir.toAbsolutePath());
        return Tdb2GraphStore.open(dir);
    }

    /** {@code http://host/ds/query} → {@code http://host/ds/<name>} (the Fuseki layout). */
    static URI sibling(URI query, String name) {
        return query.resolve(name);
    }

    @Bean
    SparqlQueries sparqlQueries(GraphStore store, QueryProperties properties) {
        try {
            return new SparqlQueries(store, new QuerySettings(properties.defaultLimit(), properties.maxLimit(),
                    properties.defaultTimeout(), properties.maxTimeout()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("federator.catalogue.query: " + e.getMessage(),
                    "Check default-limit <= max-limit and default-timeout <= max-timeout.");
        }
    }
}
