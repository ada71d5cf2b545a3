package eu.federator.server.catalogue.federation;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC mode: who may read the change feed is decided by the role in the token. A JWKS of our own is served on
 * loopback; tokens are signed with its key and carry the roles where Keycloak puts client roles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FederationFeedOidcTest {
    static final RSAKey KEY;
    static final HttpServer JWKS;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("federation-test").generate();
            JWKS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            JWKS.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            JWKS.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> TestDirectories.newDataDir("federator-federation-oidc-").toString());
        registry.add("federator.security.jwk-set-uri", () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    static String token(String... roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("caller").audience("federated-catalogue")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("resource_access", Map.of("federated-catalogue", Map.of("roles", List.of(roles)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    int status(String token, String path) throws Exception {
        HttpResponse<String> r = new Http(port, token).get(path);
        return r.statusCode();
    }

    @Test
    void theFeedNeedsThePeerOrTheAdminRole() throws Exception {
        assertThat(status(null, "/federation/changes")).isEqualTo(401);
        assertThat(status(token("Ro-SD-A", "Ro-MU-A", "Ro-PA-A"), "/federation/changes")).isEqualTo(403);
        assertThat(status(token(), "/federation/changes")).isEqualTo(403);
        assertThat(status(token("Ro-FC-PEER"), "/federation/changes")).isEqualTo(200);
        assertThat(status(token("Ro-MU-CA"), "/federation/changes")).isEqualTo(200);
    }

    @Test
    void thePeerRoleGrantsNothingElse() throws Exception {
        String peer = token("Ro-FC-PEER");
        assertThat(status(peer, "/admin/federation")).isEqualTo(403);
        assertThat(status(peer, "/participants")).isEqualTo(403);
        assertThat(new Http(port, peer).post("/self-descriptions", "application/vp+jwt", "x".getBytes(StandardCharsets.US_ASCII)).statusCode())
                .isEqualTo(403);
        assertThat(status(token("Ro-MU-CA"), "/admin/federation")).isEqualTo(200);
        assertThat(new Http(port, peer).get("/roles").body()).contains("Ro-FC-PEER");
    }
}
