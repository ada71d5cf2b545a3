package eu.federator.server.catalogue.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the catalogue graph lives ({@code federator.catalogue.graph.*}). With no {@code sparql-endpoint}, an embedded
 * TDB2 database in {@code directory} (default {@code <federator.data-dir>/graph}); with one, a remote SPARQL 1.1 store.
 *
 * @param directory      TDB2 directory (embedded mode)
 * @param sparqlEndpoint SPARQL 1.1 query endpoint, e.g. {@code http://fuseki:3030/catalogue/query}; selects the remote mode
 * @param updateEndpoint SPARQL 1.1 update endpoint (remote mode; default: the query endpoint's sibling {@code update})
 * @param gspEndpoint    Graph Store Protocol endpoint (remote mode; default: the sibling {@code data})
 * @param username       basic authentication user for the remote store
 * @param password       basic authentication password
 * @param bearerToken    bearer token for the remote store (instead of basic authentication)
 */
@ConfigurationProperties("federator.catalogue.graph")
public record GraphProperties(Path directory, URI sparqlEndpoint, URI updateEndpoint, URI gspEndpoint, String username,
                              String password, String bearerToken) {

    public boolean remote() {
        return sparqlEndpoint != null;
    }

    @Override
    public String toString() {
        return "GraphProperties[directory=" + directory + ", sparqlEndpoint=" + sparqlEndpoint + ", updateEndpoint=" + updateEndpoint
                + ", gspEndpoint=" + gspEndpoint + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", bearerToken=" + (bearerToken == null ? null : "***") + "]";
    }
}
