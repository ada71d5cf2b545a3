package eu.federator.server.web;

import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.catalogue.store.postgres.EmbeddedPostgresServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The server on loopback with its embedded PostgreSQL: platform endpoints and error handling. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerEndToEndTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> TestDirectories.newDataDir("federator-e2e-").toString());
        registry.add("federator.trust.web-mirror", () -> TestDirectories.fixtures().resolve("xfsc/web").toString());
        registry.add("federator.security.admin-token", () -> ADMIN_TOKEN);
    }

    /** Local-mode admin token: paths outside the public part of the permission map need it. */
    static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedPostgresServer postgres;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void healthLivenessAndReadinessAreUp() throws Exception {
        for (String path : new String[]{"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(Http.json(response).getString("status")).as(path).isEqualTo("UP");
        }
    }

    @Test
    void readinessIncludesTheDatabase() throws Exception {
        assertThat(postgres.isRunning()).isTrue();
        // the group's members are visible once details are shown; here: the db indicator exists and is UP
        HttpResponse<String> db = http.get("/actuator/health/db");
        assertThat(db.statusCode()).isIn(200, 404);
        assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void prometheusScrapeHasJvmAndPoolMetrics() throws Exception {
        HttpResponse<String> response = http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void flywayRanAndTheStartIsRecordedAndShownInInfo() throws Exception {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM server_start WHERE database = 'embedded'", Integer.class)).isGreaterThanOrEqualTo(1);

        HttpResponse<String> response = http.get("/actuator/info");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject instance = Http.json(response).getJsonObject("instance");
        assertThat(instance.getString("database")).isEqualTo("embedded");
        assertThat(instance.getJsonNumber("starts").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(instance.getString("postgresql")).startsWith("17.");
    }

    @Test
    void openApiDocumentsTheVerificationEndpointAndSwaggerUiIsServed() throws Exception {
        HttpResponse<String> docs = http.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonObject api = Http.json(docs);
        JsonObject verification = api.getJsonObject("paths").getJsonObject("/verification").getJsonObject("post");
        assertThat(verification.getJsonObject("requestBody").getJsonObject("content").keySet()).contains("application/vc+jwt", "application/ld+json");
        assertThat(verification.getJsonArray("parameters").toString()).contains("verifySemantics", "verifySchema", "verifyVPSignature", "verifyVCSignature");
        assertThat(verification.getJsonObject("responses").keySet()).contains("200", "400", "413", "415", "422");

        HttpResponse<String> ui = http.get("/swagger-ui.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void unsupportedMediaTypeIs415ProblemNamingTheAcceptedTypes() throws Exception {
        HttpResponse<String> response = http.post("/verification", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        JsonObject problem = Http.json(response);
        assertThat(problem.getInt("status")).isEqualTo(415);
        assertThat(problem.getString("type")).isEqualTo("/problems/unsupported-media-type");
        assertThat(problem.getString("detail")).contains("text/plain").contains("application/vc+jwt").contains("application/ld+json");
        assertThat(problem.getJsonArray("accepted").toString()).contains("application/vp+ld+json+jwt");
    }

    @Test
    void missingContentTypeIs415Problem() throws Exception {
        HttpResponse<String> response = http.send(http.request("/verification").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
    }

    @Test
    void oversizedBodyWithContentLengthIs413ProblemWithoutUploadingIt() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = http.send(http.request("/verification").header("Content-Type", "application/json")
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("type")).isEqualTo("/problems/payload-too-large");
        assertThat(problem.getJsonNumber("limit").longValue()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void oversizedChunkedBodyIs413ProblemAtTheLimit() throws Exception {
        // no Content-Length: the body is counted while read and refused once it passes 10 MB
        HttpRequest request = http.request("/verification").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatingStream(11L * 1024 * 1024))).build();
        HttpResponse<String> response = http.send(request);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(Http.json(response).getString("type")).isEqualTo("/problems/payload-too-large");
    }

    @Test
    void wronglyTypedParameterIs400Problem() throws Exception {
        HttpResponse<String> response = http.post("/verification?verifySemantics=perhaps", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(Http.json(response).getString("type")).isEqualTo("/problems/malformed-input");
    }

    @Test
    void unknownPathIs404ProblemEvenForBrowsers() throws Exception {
        for (String accept : new String[]{"application/json", "text/html", "*/*"}) {
            // deny by default: without a token a path outside the permission map is 401, also a problem
            HttpResponse<String> anonymous = http.send(http.request("/no/such/thing").header("Accept", accept).GET().build());
            assertThat(anonymous.statusCode()).as(accept).isEqualTo(401);
            assertThat(Http.contentType(anonymous)).as(accept).startsWith("application/problem+json");
            // past security (admin token on /admin/**), a path with no handler is 404
            HttpResponse<String> response = http.send(http.request("/admin/no/such/thing").header("Accept", accept)
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
            assertThat(response.statusCode()).as(accept).isEqualTo(404);
            assertThat(Http.contentType(response)).as(accept).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContainIgnoringCase("whitelabel");
            assertThat(Http.json(response).getInt("status")).isEqualTo(404);
        }
    }

    @Test
    void wrongMethodIs405Problem() throws Exception {
        HttpResponse<String> response = http.get("/verification");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Allow").orElse("")).contains("POST");
        assertThat(Http.json(response).getInt("status")).isEqualTo(405);
    }

    @Test
    void unexpectedErrorIs500ProblemWithoutExceptionDetails() throws Exception {
        HttpResponse<String> response = http.send(http.request("/admin/test/boom")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("secret-internal-detail").doesNotContain("IllegalStateException")
                .doesNotContain("at eu.federator");
        assertThat(Http.json(response).getString("title")).isEqualTo("Internal Server Error");
    }

    @Test
    void problemTypesAreDereferenceable() throws Exception {
        HttpResponse<String> response = http.get("/problems/verification-failed");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).getString("title")).isEqualTo("Verification failed");
        assertThat(http.get("/problems/nope").statusCode()).isEqualTo(404);
    }

    /** A controller that fails the way a bug would. */
    @TestConfiguration
    static class FailingEndpoint {
        @Bean
        Boom boom() {
            return new Boom();
        }
    }

    @RestController
    static class Boom {
        @GetMapping("/admin/test/boom")
        String boom() {
            throw new IllegalStateException("secret-internal-detail");
        }
    }

    private static final class RepeatingStream extends InputStream {
        private long remaining;

        RepeatingStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            return remaining-- > 0 ? ' ' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            Arrays.fill(b, off, off + n, (byte) ' ');
            remaining -= n;
            return n;
        }
    }
}
