package eu.federator.catalogue.graph;

import java.net.URI;
import java.util.Objects;

/**
 * A SPARQL 1.1 store: the query, update and graph store protocol endpoints (full URLs) and optional credentials.
 * For Fuseki with a dataset {@code /ds}: {@code http://host:3030/ds/query}, {@code .../ds/update}, {@code .../ds/data}.
 *
 * @param query    SPARQL 1.1 Protocol query endpoint
 * @param update   SPARQL 1.1 Protocol update endpoint
 * @param gsp      SPARQL 1.1 Graph Store HTTP Protocol endpoint (reads of single graphs and bulk loads)
 * @param username basic authentication user (with {@code password}), or null
 * @param password basic authentication password, or null
 * @param bearerToken sent as {@code Authorization: Bearer ...} (instead of basic), or null
 */
public record RemoteEndpoints(URI query, URI update, URI gsp, String username, String password, String bearerToken) {
    public RemoteEndpoints {
        Objects.requireNonNull(query, "query endpoint");
        Objects.requireNonNull(update, "update endpoint");
        Objects.requireNonNull(gsp, "graph store protocol endpoint");
        if (username != null && bearerToken != null) {
            throw new IllegalArgumentException("give either username/password or a bearer token, not both");
        }
    }

    /** The conventional Fuseki layout under a dataset URL such as {@code http://localhost:3030/ds}. */
    public static RemoteEndpoints fuseki(String datasetUrl) {
        String base = datasetUrl.endsWith("/") ? datasetUrl.substring(0, datasetUrl.length() - 1) : datasetUrl;
        return new RemoteEndpoints(URI.create(base + "/query"), URI.create(base + "/update"), URI.create(base + "/data"), null, null, null);
    }

    @Override
    public String toString() {
        // never print credentials
        return "RemoteEndpoints[query=" + query + ", update=" + update + ", gsp=" + gsp
                + (username != null ? ", basic auth" : bearerToken != null ? ", bearer token" : "") + "]";
    }
}
