package eu.federator.server.security;

import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode (no identity provider) with the admin token given as {@code FEDERATOR_ADMIN_TOKEN}: the permission map
 * on loopback. The token is set through the name {@code FEDERATOR_ADMIN_TOKEN}, which application.properties maps to
 * {@code federator.security.admin-token} (a test cannot set a real environment variable of its own JVM; the
 * placeholder resolves environment variables and test properties the same way).
 * <p>
 * "Passes security" is asserted as "not 401/403": the probes send an empty object or a made-up id, so the catalogue
 * handlers answer 400, 404 or 422 themselves, which only happens after authorization. Real requests that succeed are in
 * {@code adminTokenReachesTheCatalogueEndpoints}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WhoAmI.class)
@ExtendWith(OutputCaptureExtension.class)
class LocalModeSecurityTest {
    static final String TOKEN = "local-test-admin-token-" + LocalAdminToken.generate();
    static final Path DATA = TestDirectories.newDataDir("federator-sec-local-");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", DATA::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    HttpResponse<String> send(String method, String path, String token) throws Exception {
        return http.probe(method, path, token);
    }

    @Test
    void configuredTokenIsUsedAndNoTokenFileIsWritten() {
        assertThat(DATA.resolve(LocalAdminToken.FILE_NAME)).doesNotExist();
    }

    @Test
    void publicEndpointsNeedNoToken() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/info", "/actuator/prometheus",
                "/v3/api-docs", "/problems", "/problems/unauthorized", "/.well-known/did.json", "/api/trusted-issuers",
                "/api/termsAndConditions", "/shapes/implemented")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
        // POST /verification is public: an empty object reaches the verifier (and fails there, not at security)
        HttpResponse<String> verification = send("POST", "/verification", null);
        assertThat(verification.statusCode()).isNotIn(401, 403);
        assertThat(verification.body()).doesNotContain("/problems/unauthorized");
        // clients that send their own (foreign) token with every call are not refused where no token is needed
        HttpResponse<String> withForeignToken = send("POST", "/verification", "a-token-of-another-issuer");
        assertThat(withForeignToken.statusCode()).isNotIn(401, 403);
        assertThat(send("GET", "/.well-known/did.json", "a-token-of-another-issuer").statusCode()).isEqualTo(200);
        // ...but on a protected endpoint a wrong token still counts
        assertThat(send("POST", "/schemas", "a-token-of-another-issuer").statusCode()).isEqualTo(401);
    }

    @Test
    void catalogueReadsArePublicByDefault() throws Exception {
        for (String[] call : new String[][]{{"GET", "/schemas"}, {"GET", "/schemas/x"}, {"GET", "/self-descriptions"},
                {"POST", "/query"}, {"POST", "/query/search"}}) {
            HttpResponse<String> r = send(call[0], call[1], null);
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isNotIn(401, 403);
        }
    }

    @Test
    void protectedWriteWithoutTokenIs401ProblemWithChallenge() throws Exception {
        for (String[] call : new String[][]{{"POST", "/schemas"}, {"PUT", "/schemas/x"}, {"DELETE", "/schemas/x"},
                {"POST", "/self-descriptions"}, {"DELETE", "/self-descriptions/abc"}, {"POST", "/self-descriptions/abc/revoke"},
                {"POST", "/participants"}, {"GET", "/participants"}, {"POST", "/admin/rebuild"}, {"GET", "/roles"}}) {
            HttpResponse<String> r = send(call[0], call[1], null);
            String what = call[0] + " " + call[1];
            assertThat(r.statusCode()).as(what).isEqualTo(401);
            assertThat(Http.contentType(r)).as(what).startsWith("application/problem+json");
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            JsonObject problem = Http.json(r);
            assertThat(problem.getString("type")).isEqualTo("/problems/unauthorized");
            assertThat(problem.getInt("status")).isEqualTo(401);
            assertThat(problem.getString("instance")).isEqualTo(call[1]);
        }
    }

    @Test
    void wrongTokenIs401InvalidToken() throws Exception {
        HttpResponse<String> r = send("POST", "/schemas", TOKEN + "x");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
        assertThat(Http.json(r).getString("type")).isEqualTo("/problems/unauthorized");
        assertThat(r.body()).doesNotContain(TOKEN);
    }

    @Test
    void adminTokenPassesSecurityAndCarriesTheCatalogueAdminRole() throws Exception {
        HttpResponse<String> me = send("GET", "/admin/test/whoami", TOKEN);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonObject caller = Http.json(me);
        assertThat(caller.getString("kind")).isEqualTo("LOCAL_ADMIN");
        assertThat(caller.getJsonArray("roles").getString(0)).isEqualTo("Ro-MU-CA");
        assertThat(caller.getBoolean("catalogueAdmin")).isTrue();
        assertThat(caller.getBoolean("sameAsContext")).isTrue();

        assertThat(send("GET", "/roles", TOKEN).body()).contains("Ro-MU-CA", "Ro-MU-A", "Ro-SD-A", "Ro-PA-A");

        // security lets the admin through; the handlers then judge the empty object or the made-up id themselves
        for (String[] call : new String[][]{{"POST", "/schemas"}, {"PUT", "/schemas/x"}, {"DELETE", "/schemas/x"},
                {"POST", "/self-descriptions"}, {"DELETE", "/self-descriptions/abc"}, {"POST", "/self-descriptions/abc/revoke"},
                {"POST", "/participants"}, {"PUT", "/participants/p"}, {"GET", "/participants/p/users"}, {"POST", "/admin/rebuild"}}) {
            HttpResponse<String> r = send(call[0], call[1], TOKEN);
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isNotIn(401, 403);
        }
        // /admin/rebuild is not an endpoint (the rebuild is /admin/graph/rebuild): past security, Spring MVC answers 404
        HttpResponse<String> missing = send("POST", "/admin/rebuild", TOKEN);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.contentType(missing)).startsWith("application/problem+json");
    }

    @Test
    void adminTokenReachesTheCatalogueEndpoints() throws Exception {
        assertThat(send("GET", "/admin/graph", TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> rebuilt = send("POST", "/admin/graph/rebuild", TOKEN);
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        assertThat(Http.json(rebuilt).getJsonNumber("selfDescriptions").longValue()).isNotNegative();
        HttpResponse<String> participants = send("GET", "/participants", TOKEN);
        assertThat(participants.statusCode()).isEqualTo(200);
        assertThat(Http.json(participants).getInt("totalCount")).isZero();
        assertThat(send("GET", "/query/info", TOKEN).statusCode()).isEqualTo(200);
        // past security the catalogue answers in the XFSC envelope
        HttpResponse<String> unknown = send("DELETE", "/self-descriptions/" + "0".repeat(64), TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).getString("code")).isEqualTo("not_found_error");
        HttpResponse<String> notAHash = send("POST", "/self-descriptions/abc/revoke", TOKEN);
        assertThat(notAHash.statusCode()).isEqualTo(400);
        assertThat(Http.json(notAHash).getString("code")).isEqualTo("client_error");
        HttpResponse<String> empty = send("POST", "/self-descriptions", TOKEN);
        assertThat(empty.statusCode()).isIn(400, 422);
        assertThat(Http.json(empty).getString("code")).isIn("client_error", "verification_error");
        // and the same reads without a token
        assertThat(send("GET", "/self-descriptions/" + "0".repeat(64) + "/meta", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/admin/graph", null).statusCode()).isEqualTo(401);
    }

    /**
     * docs/operations.md prints the permission table: each rule of {@link EndpointPermissions#RULES} has a row with its
     * method (or "any"), its pattern, and exactly its access (public, public-reads, any valid token, or its roles), and
     * the table names no pattern that is not a rule.
     */
    @Test
    void theOperationsGuidePrintsEveryRuleExactly() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "operations.md"));
        String section = docs.substring(docs.indexOf("### Endpoint permissions"), docs.indexOf("### With Keycloak"));
        List<String[]> rows = section.lines().filter(l -> l.startsWith("| ") && l.contains("`"))
                .map(l -> l.substring(1, l.length() - 1).split("\\|", -1)).map(c -> Arrays.stream(c).map(String::trim)
                        .toArray(String[]::new)).toList();
        Set<String> documented = new HashSet<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        for (String[] row : rows) {
            code.matcher(row[1]).results().forEach(m -> documented.add(m.group(1)));
        }
        StringBuilder wrong = new StringBuilder();
        for (EndpointPermissions.Rule rule : EndpointPermissions.RULES) {
            boolean found = rows.stream().anyMatch(row -> {
                List<String> methods = List.of(row[0].split(",\\s*"));
                List<String> patterns = code.matcher(row[1]).results().map(m -> m.group(1)).toList();
                boolean method = rule.method() == null ? methods.equals(List.of("any")) : methods.contains(rule.method().name());
                String who = switch (rule.access()) {
                    case PUBLIC -> "public";
                    case CATALOGUE_READ -> "public-reads";
                    case AUTHENTICATED -> "any valid token";
                    case ROLES -> null;
                };
                boolean access = who != null ? row[2].equals(who)
                        : Set.of(row[2].split(",\\s*")).equals(rule.roles().stream().map(Role::roleName)
                        .collect(Collectors.toSet()));
                return method && patterns.contains(rule.pattern()) && access;
            });
            if (!found) {
                wrong.append("no row for ").append(rule.method() == null ? "any" : rule.method()).append(' ').append(rule.pattern())
                        .append(' ').append(rule.access()).append(' ').append(rule.roles()).append('\n');
            }
        }
        Set<String> patterns = EndpointPermissions.RULES.stream().map(EndpointPermissions.Rule::pattern)
                .collect(Collectors.toSet());
        documented.stream().filter(p -> !patterns.contains(p)).forEach(p -> wrong.append("documented but no rule: ").append(p).append('\n'));
        assertThat(wrong.toString()).isEmpty();
    }

    @Test
    void pathsOutsideThePermissionMapAreDeniedEvenToTheAdmin() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/no/such/thing", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> admin = send("GET", "/no/such/thing", TOKEN);
        assertThat(admin.statusCode()).isEqualTo(403);
        JsonObject problem = Http.json(admin);
        assertThat(problem.getString("type")).isEqualTo("/problems/forbidden");
        assertThat(Http.contentType(admin)).startsWith("application/problem+json");
        assertThat(admin.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
    }

    @Test
    void secureHeadersAndNoSession() throws Exception {
        HttpResponse<String> r = send("GET", "/actuator/health", null);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(send("GET", "/admin/test/whoami", TOKEN).headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void openApiDeclaresTheBearerSchemeOnProtectedOperationsOnly() throws Exception {
        JsonObject api = Http.json(send("GET", "/v3/api-docs", null));
        assertThat(api.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer").getString("scheme"))
                .isEqualTo("bearer");
        JsonObject roles = api.getJsonObject("paths").getJsonObject("/roles").getJsonObject("get");
        assertThat(roles.getJsonArray("security").toString()).contains("bearer");
        JsonObject verification = api.getJsonObject("paths").getJsonObject("/verification").getJsonObject("post");
        assertThat(verification.containsKey("security")).isFalse();
        JsonObject whoami = api.getJsonObject("paths").getJsonObject("/admin/test/whoami").getJsonObject("get");
        assertThat(whoami.getString("description")).contains("Ro-MU-CA");
        assertThat(whoami.getJsonArray("parameters")).isNull();
    }

    @Test
    void theTokenIsNeverLogged(CapturedOutput output) throws Exception {
        send("POST", "/schemas", TOKEN + "x");
        send("GET", "/admin/test/whoami", TOKEN);
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }
}
