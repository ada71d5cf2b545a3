package eu.federator.server.catalogue.query;

import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Remote mode with the SPARQL store down: {@code /query} answers 503 in the XFSC envelope, the server still runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryEndpointRemoteStoreDownTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-query-remote-");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.catalogue.graph.sparql-endpoint", () -> "http://127.0.0.1:" + port + "/ds/query");
        registry.add("federator.catalogue.graph.username", () -> "reader");
        registry.add("federator.catalogue.graph.password", () -> "secret");
    }

    @LocalServerPort
    int port;

    @Test
    void anUnreachableStoreIs503() throws Exception {
        Http http = new Http(port);
        var response = http.post("/query", "application/sparql-query", "SELECT * { ?s ?p ?o }".getBytes());
        QueryEndpointTest.error(response, 503, "graph_unavailable", "unavailable");
        assertThat(response.body()).doesNotContain("secret");
        // rejected before the store is asked
        QueryEndpointTest.error(http.post("/query", "application/sparql-query", "CLEAR ALL".getBytes()), 400, "client_error", "read-only");
    }
}
