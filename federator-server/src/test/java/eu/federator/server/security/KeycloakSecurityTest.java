package eu.federator.server.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static eu.federator.server.security.Role.CATALOGUE_ADMIN;
import static eu.federator.server.security.Role.PARTICIPANT_ADMIN;
import static eu.federator.server.security.Role.PARTICIPANT_USER_ADMIN;
import static eu.federator.server.security.Role.SD_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 acceptance: the server in OIDC mode against a <b>real Keycloak</b> (the shared dev script and realm). For
 * each XFSC role a real token (client credentials for the service account, password grant for users) reaches exactly
 * the endpoints the role allows; refused are a token of another issuer (same realm and keys, but {@code iss} of
 * {@code localhost}: Keycloak dev mode takes the issuer from the Host header), a token of another realm
 * ({@code master}), a token we sign ourselves with a key of our own, an expired token (the client's token lifespan set
 * to 1 s through the admin API, the server's clock skew to 1 s) and tokens without the role.
 * <p>
 * Users with Ro-MU-A, Ro-PA-A, the 2026 name Ro-AS-A and no role at all are created through the admin API (the realm
 * file has only Ro-MU-CA and Ro-SD-A users); created users also get Keycloak's default {@code account} roles, which
 * must be ignored. The probes assert "allowed" as "past security" (not 401, not the 403 problem of security; a 403
 * {@code forbidden_error} of the participant check, a 400 or 404 of the endpoint itself count as allowed), "refused" as
 * exactly 401 or 403 with a problem body. Then real requests that succeed: the self-description admin of the provider
 * ({@code participant_id} = the provider of {@link ComplianceWorld}'s Loire presentations) submits, revokes and deletes
 * an offering, the participant admin reads, replaces and deletes its participant, the catalogue admin registers
 * participants and administers the graph; the same roles for another participant get 403 {@code forbidden_error}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WhoAmI.class)
class KeycloakSecurityTest {
    static KeycloakDev keycloak;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static final Map<String, Set<Role>> ROLES_OF = new LinkedHashMap<>();

    static {
        try {
            keycloak = new KeycloakDev();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final Path ROOT = TestDirectories.newDataDir("federator-sec-kc-");
    /** did:web:participant.example.org, the participant_id of the realm's catalogue-admin and of the users created here. */
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static final String PROVIDER = "did:web:participant.example.org";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("federator.security.issuer-uri", keycloak::issuer);
        registry.add("federator.security.clock-skew", () -> "1s");
    }

    @BeforeAll
    static void startKeycloakAndGetTokens() throws Exception {
        keycloak.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                keycloak.stop();
            } catch (Exception ignored) {
                // best effort
            }
        }));
        KeycloakRealmAdmin admin = new KeycloakRealmAdmin(keycloak);
        admin.createUser("participant-admin", "did:web:participant.example.org", "Ro-MU-A");
        admin.createUser("user-admin", "did:web:participant.example.org", "Ro-PA-A");
        admin.createClientRole("Ro-AS-A");
        admin.createUser("asset-admin-2026", "did:web:participant.example.org", "Ro-AS-A");
        admin.createUser("no-role", "did:web:participant.example.org");
        admin.createUser("provider-sd-admin", PROVIDER, "Ro-SD-A");
        admin.createUser("stranger-participant-admin", "did:web:other-participant.example.org", "Ro-MU-A");

        TOKENS.put("service-account (Ro-MU-CA)", clientCredentials(keycloak.baseUrl()));
        ROLES_OF.put("service-account (Ro-MU-CA)", EnumSet.of(CATALOGUE_ADMIN));
        TOKENS.put("catalogue-admin (Ro-MU-CA)", password(keycloak.baseUrl(), "catalogue-admin", "catalogue-admin-pw"));
        ROLES_OF.put("catalogue-admin (Ro-MU-CA)", EnumSet.of(CATALOGUE_ADMIN));
        TOKENS.put("sd-admin (Ro-SD-A)", password(keycloak.baseUrl(), "sd-admin", "sd-admin-pw"));
        ROLES_OF.put("sd-admin (Ro-SD-A)", EnumSet.of(SD_ADMIN));
        TOKENS.put("asset-admin-2026 (Ro-AS-A)", password(keycloak.baseUrl(), "asset-admin-2026", "asset-admin-2026-pw"));
        ROLES_OF.put("asset-admin-2026 (Ro-AS-A)", EnumSet.of(SD_ADMIN));
        TOKENS.put("participant-admin (Ro-MU-A)", password(keycloak.baseUrl(), "participant-admin", "participant-admin-pw"));
        ROLES_OF.put("participant-admin (Ro-MU-A)", EnumSet.of(PARTICIPANT_ADMIN));
        TOKENS.put("user-admin (Ro-PA-A)", password(keycloak.baseUrl(), "user-admin", "user-admin-pw"));
        ROLES_OF.put("user-admin (Ro-PA-A)", EnumSet.of(PARTICIPANT_USER_ADMIN));
        TOKENS.put("no-role", password(keycloak.baseUrl(), "no-role", "no-role-pw"));
        ROLES_OF.put("no-role", EnumSet.noneOf(Role.class));
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        keycloak.stop();
    }

    /** A probe: method, path, and who passes. {@code null} roles: every valid token; empty: nobody. */
    record Probe(String method, String path, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<Role> ANY_TOKEN = null;
    static final List<Probe> PROBES = List.of(
            new Probe("GET", "/roles", ANY_TOKEN),
            new Probe("POST", "/schemas", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("PUT", "/schemas/x", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("DELETE", "/schemas/x", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("POST", "/self-descriptions", EnumSet.of(CATALOGUE_ADMIN, SD_ADMIN, PARTICIPANT_ADMIN)),
            new Probe("DELETE", "/self-descriptions/" + "0".repeat(64), EnumSet.of(CATALOGUE_ADMIN, SD_ADMIN, PARTICIPANT_ADMIN)),
            new Probe("POST", "/self-descriptions/" + "0".repeat(64) + "/revoke", EnumSet.of(CATALOGUE_ADMIN, SD_ADMIN, PARTICIPANT_ADMIN)),
            new Probe("GET", "/participants", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("POST", "/participants", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("GET", "/participants/p", EnumSet.of(CATALOGUE_ADMIN, PARTICIPANT_ADMIN, PARTICIPANT_USER_ADMIN, SD_ADMIN)),
            new Probe("PUT", "/participants/p", EnumSet.of(CATALOGUE_ADMIN, PARTICIPANT_ADMIN)),
            new Probe("DELETE", "/participants/p", EnumSet.of(CATALOGUE_ADMIN, PARTICIPANT_ADMIN)),
            new Probe("GET", "/participants/p/users", EnumSet.of(CATALOGUE_ADMIN, PARTICIPANT_ADMIN, PARTICIPANT_USER_ADMIN)),
            new Probe("GET", "/admin/graph", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("POST", "/admin/graph/rebuild", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("POST", "/admin/test/not-here", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("GET", "/admin/test/whoami", EnumSet.of(CATALOGUE_ADMIN)),
            new Probe("GET", "/no/such/thing", EnumSet.noneOf(Role.class)));

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    HttpResponse<String> call(String method, String path, String token) throws Exception {
        return http.probe(method, path, token);
    }

    @Test
    void eachRoleReachesExactlyTheEndpointsItAllows() throws Exception {
        StringBuilder failures = new StringBuilder();
        for (Map.Entry<String, String> token : TOKENS.entrySet()) {
            Set<Role> roles = ROLES_OF.get(token.getKey());
            for (Probe probe : PROBES) {
                boolean allowed = probe.allowed() == ANY_TOKEN || probe.allowed().stream().anyMatch(roles::contains);
                HttpResponse<String> r = call(probe.method(), probe.path(), token.getValue());
                // past security, a 403 can still come from the participant check (XFSC envelope, code forbidden_error)
                boolean ok = allowed ? r.statusCode() != 401 && !(r.statusCode() == 403 && r.body().contains("/problems/forbidden"))
                        : r.statusCode() == 403 && Http.json(r).getString("type").equals("/problems/forbidden")
                        && r.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope");
                if (!ok) {
                    failures.append(token.getKey()).append(": ").append(probe).append(" expected ")
                            .append(allowed ? "to pass security" : "403").append(", got ").append(r.statusCode())
                            .append(' ').append(r.body()).append('\n');
                }
            }
        }
        assertThat(failures.toString()).isEmpty();
    }

    @Test
    void withoutATokenProtectedEndpointsAre401AndPublicOnesOpen() throws Exception {
        for (Probe probe : PROBES) {
            HttpResponse<String> r = call(probe.method(), probe.path(), null);
            assertThat(r.statusCode()).as(probe.toString()).isEqualTo(401);
            assertThat(Http.json(r).getString("type")).isEqualTo("/problems/unauthorized");
        }
        for (String[] open : new String[][]{{"POST", "/verification"}, {"GET", "/schemas"}, {"POST", "/query"},
                {"GET", "/self-descriptions"}, {"GET", "/actuator/health"}}) {
            assertThat(call(open[0], open[1], null).statusCode()).as(open[0] + " " + open[1]).isNotIn(401, 403);
        }
    }

    @Test
    void callerCarriesSubjectRolesAndParticipantId() throws Exception {
        JsonObject me = Http.json(call("GET", "/admin/test/whoami", TOKENS.get("catalogue-admin (Ro-MU-CA)")));
        assertThat(me.getString("kind")).isEqualTo("OIDC");
        assertThat(me.getString("participantId")).isEqualTo("did:web:participant.example.org");
        assertThat(me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .containsExactly("Ro-MU-CA");
        assertThat(me.getString("subject")).isEqualTo(claims(TOKENS.get("catalogue-admin (Ro-MU-CA)")).getString("sub"));
        assertThat(me.getBoolean("sameAsContext")).isTrue();
        // the service account's own participant
        JsonObject sa = Http.json(call("GET", "/admin/test/whoami", TOKENS.get("service-account (Ro-MU-CA)")));
        assertThat(sa.getString("participantId")).isEqualTo("did:web:catalogue.example.org");
        // created users also carry Keycloak's default roles of the 'account' client: present in the token, ignored here
        assertThat(claims(TOKENS.get("no-role")).getJsonObject("resource_access").containsKey("account")).isTrue();
        assertThat(call("GET", "/roles", TOKENS.get("no-role")).body()).isEqualTo("[\"Ro-MU-CA\",\"Ro-MU-A\",\"Ro-SD-A\",\"Ro-PA-A\",\"Ro-FC-PEER\"]");
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() throws Exception {
        // same realm, same signing keys, only the iss differs (dev-mode Keycloak derives it from the Host header)
        String localhost = clientCredentials("http://localhost:" + keycloak.port);
        assertThat(claims(localhost).getString("iss")).isEqualTo("http://localhost:" + keycloak.port + "/realms/gaia-x");
        assertRefused(localhost, "iss");
    }

    @Test
    void tokenOfAnotherRealmIsRefused() throws Exception {
        String master = KeycloakRealmAdmin.adminToken(keycloak);
        assertRefused(master, null);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(keycloak.issuer()).subject("mallory").audience("federated-catalogue")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("resource_access", Map.of("federated-catalogue", Map.of("roles", List.of("Ro-MU-CA")))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        assertRefused(jwt.serialize(), null);

        // and the same key id as Keycloak's real key does not help either
        String kid = SignedJWT.parse(TOKENS.get("catalogue-admin (Ro-MU-CA)")).getHeader().getKeyID();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        forged.sign(new RSASSASigner(key));
        assertRefused(forged.serialize(), null);
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        KeycloakRealmAdmin admin = new KeycloakRealmAdmin(keycloak);
        String expiring;
        admin.setClientTokenLifespan("1");
        try {
            expiring = clientCredentials(keycloak.baseUrl());
        } finally {
            admin.setClientTokenLifespan(null);
        }
        JsonObject claims = claims(expiring);
        assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue()).isEqualTo(1);
        JsonObject restored = claims(clientCredentials(keycloak.baseUrl()));
        assertThat(restored.getJsonNumber("exp").longValue() - restored.getJsonNumber("iat").longValue()).isEqualTo(3600);
        // exp + the configured clock skew (1 s) must be past
        long waitMillis = (claims.getJsonNumber("exp").longValue() + 2) * 1000 - System.currentTimeMillis();
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        assertRefused(expiring, "expired");
    }

    @Test
    void tokenWithoutTheRoleIsRefusedWith403NamingTheRoles() throws Exception {
        HttpResponse<String> r = call("POST", "/schemas", TOKENS.get("sd-admin (Ro-SD-A)"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.contentType(r)).startsWith("application/problem+json");
        JsonObject problem = Http.json(r);
        assertThat(problem.getString("type")).isEqualTo("/problems/forbidden");
        assertThat(problem.getJsonArray("requiredRoles").toString()).isEqualTo("[\"Ro-MU-CA\"]");
        assertThat(call("POST", "/self-descriptions", TOKENS.get("no-role")).statusCode()).isEqualTo(403);
    }

    // --- real requests that succeed (or are refused by the participant check)

    HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> put(String path, String token, String contentType, String body) throws Exception {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    String offering(String name) {
        return LOIRE.offeringPresentation(name, cs -> cs.add("gx:keyword", name));
    }

    static void assertParticipantCheckRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(Http.contentType(r)).startsWith("application/json");
        assertThat(Http.json(r).getString("code")).isEqualTo("forbidden_error");
    }

    @Test
    void theProvidersSdAdminSubmitsRevokesAndDeletesAndAnotherParticipantsMayNot() throws Exception {
        String own = password(keycloak.baseUrl(), "provider-sd-admin", "provider-sd-admin-pw");
        String stranger = TOKENS.get("sd-admin (Ro-SD-A)");
        assertThat(claims(stranger).getString("participant_id")).isEqualTo("did:web:other-participant.example.org");
        String vp = offering("kc-offering");

        assertParticipantCheckRefused(post("/self-descriptions", stranger, "application/vp+jwt", vp));

        HttpResponse<String> submitted = post("/self-descriptions", own, "application/vp+jwt", vp);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        JsonObject sd = Http.json(submitted);
        assertThat(sd.getString("provider")).isEqualTo(PROVIDER);
        String hash = sd.getString("sdHash");

        assertParticipantCheckRefused(post("/self-descriptions/" + hash + "/revoke", stranger, "application/json", ""));
        assertParticipantCheckRefused(call("DELETE", "/self-descriptions/" + hash, stranger));

        HttpResponse<String> revoked = post("/self-descriptions/" + hash + "/revoke", own, "application/json", "");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(Http.json(revoked).getString("status")).isEqualTo("revoked");
        // the 2026 role name does the same
        String asset = TOKENS.get("asset-admin-2026 (Ro-AS-A)");
        HttpResponse<String> second = post("/self-descriptions", asset, "application/vp+jwt", offering("kc-offering-2"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);

        HttpResponse<String> deleted = call("DELETE", "/self-descriptions/" + hash, own);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(call("GET", "/self-descriptions/" + hash + "/meta", null).statusCode()).isEqualTo(404);
        // roles that may not submit at all are refused by security
        assertThat(post("/self-descriptions", TOKENS.get("user-admin (Ro-PA-A)"), "application/vp+jwt", vp).statusCode()).isEqualTo(403);
    }

    @Test
    void theParticipantAdminManagesItsParticipantAndTheCatalogueAdminRegistersIt() throws Exception {
        String catalogueAdmin = TOKENS.get("service-account (Ro-MU-CA)");
        String participantAdmin = TOKENS.get("participant-admin (Ro-MU-A)");
        String stranger = password(keycloak.baseUrl(), "stranger-participant-admin", "stranger-participant-admin-pw");
        String path = "/participants/" + URLEncoder.encode(PROVIDER, StandardCharsets.UTF_8);

        assertThat(post("/participants", participantAdmin, "application/vp+jwt", LOIRE.compliant()).statusCode()).isEqualTo(403);
        HttpResponse<String> registered = post("/participants", catalogueAdmin, "application/vp+jwt", LOIRE.compliant());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(Http.json(registered).getString("id")).isEqualTo(PROVIDER);
        assertThat(call("GET", "/participants", catalogueAdmin).body()).contains(PROVIDER);

        for (String reader : List.of(participantAdmin, TOKENS.get("user-admin (Ro-PA-A)"), TOKENS.get("asset-admin-2026 (Ro-AS-A)"))) {
            HttpResponse<String> r = call("GET", path, reader);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(Http.json(r).getString("id")).isEqualTo(PROVIDER);
        }
        assertParticipantCheckRefused(call("GET", path, stranger));
        assertParticipantCheckRefused(call("GET", path, TOKENS.get("sd-admin (Ro-SD-A)")));

        String newer = WORLD.presentation(LOIRE.participant, List.of(
                WORLD.sign(LOIRE.legalPerson(cs -> cs.add("https://schema.org/name", "Participant Ltd")), LOIRE.participant),
                WORLD.sign(LOIRE.registrationNumber(LOIRE.notary), LOIRE.notary),
                WORLD.sign(LOIRE.issuer(ComplianceWorld.ACCEPTED_HASH), LOIRE.participant)));
        assertParticipantCheckRefused(put(path, stranger, "application/vp+jwt", newer));
        HttpResponse<String> replaced = put(path, participantAdmin, "application/vp+jwt", newer);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(Http.json(replaced).getString("sdHash")).isNotEqualTo(Http.json(registered).getString("sdHash"));

        assertParticipantCheckRefused(call("DELETE", path, stranger));
        HttpResponse<String> deleted = call("DELETE", path, participantAdmin);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(call("GET", path, catalogueAdmin).statusCode()).isEqualTo(404);
    }

    @Test
    void theCatalogueAdminAdministersTheGraphAndOthersMayNot() throws Exception {
        HttpResponse<String> state = call("GET", "/admin/graph", TOKENS.get("catalogue-admin (Ro-MU-CA)"));
        assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
        assertThat(Http.json(state).containsKey("checkpoint")).isTrue();
        HttpResponse<String> rebuilt = call("POST", "/admin/graph/rebuild", TOKENS.get("service-account (Ro-MU-CA)"));
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        assertThat(Http.json(rebuilt).containsKey("selfDescriptions")).isTrue();
        for (String role : List.of("participant-admin (Ro-MU-A)", "sd-admin (Ro-SD-A)", "user-admin (Ro-PA-A)", "no-role")) {
            assertThat(call("GET", "/admin/graph", TOKENS.get(role)).statusCode()).as(role).isEqualTo(403);
            assertThat(call("POST", "/admin/graph/rebuild", TOKENS.get(role)).statusCode()).as(role).isEqualTo(403);
        }
        // a token without any catalogue role still reads the public catalogue
        assertThat(call("GET", "/self-descriptions", TOKENS.get("no-role")).statusCode()).isEqualTo(200);
    }

    void assertRefused(String token, String reason) throws Exception {
        for (String[] target : new String[][]{{"GET", "/roles"}, {"POST", "/schemas"}, {"GET", "/admin/test/whoami"}}) {
            HttpResponse<String> r = call(target[0], target[1], token);
            assertThat(r.statusCode()).as(target[1]).isEqualTo(401);
            assertThat(Http.contentType(r)).startsWith("application/problem+json");
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer").contains("invalid_token");
            JsonObject problem = Http.json(r);
            assertThat(problem.getString("type")).isEqualTo("/problems/unauthorized");
            if (reason != null) {
                assertThat(problem.getString("detail")).as(r.body()).contains(reason);
            }
            assertThat(r.body()).doesNotContain(token);
        }
    }

    // --- Keycloak clients

    static String clientCredentials(String base) throws Exception {
        return token(base + "/realms/gaia-x/protocol/openid-connect/token", Map.of("grant_type", "client_credentials",
                "client_id", "federated-catalogue", "client_secret", "fc-test-secret"));
    }

    static String password(String base, String user, String password) throws Exception {
        return token(base + "/realms/gaia-x/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "federated-catalogue", "client_secret", "fc-test-secret", "username", user, "password", password));
    }

    static String token(String endpoint, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("token from " + endpoint + ": " + r.body()).isEqualTo(200);
        return json(r.body()).getString("access_token");
    }

    static JsonObject claims(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonObject json(String s) {
        try (var reader = Json.createReader(new StringReader(s))) {
            return reader.readObject();
        }
    }

}
