package eu.federator.server.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Keycloak admin REST API of the gaia-x realm, as the bootstrap admin of the master realm (a test helper). */
public final class KeycloakRealmAdmin {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String token;
    final String realm;
    final String clientUuid;

    public KeycloakRealmAdmin(KeycloakDev keycloak) throws Exception {
        token = adminToken(keycloak);
        realm = keycloak.baseUrl() + "/admin/realms/gaia-x";
        clientUuid = Json.createReader(new StringReader(get(realm + "/clients?clientId=federated-catalogue"))).readArray()
                .getJsonObject(0).getString("id");
    }

    static String adminToken(KeycloakDev keycloak) throws Exception {
        return KeycloakSecurityTest.token(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
    }

    String get(String url) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    HttpResponse<String> send(String method, String url, String json) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isBetween(200, 299);
        return r;
    }

    public void createClientRole(String name) throws Exception {
        send("POST", realm + "/clients/" + clientUuid + "/roles", Json.createObjectBuilder().add("name", name).build().toString());
    }

    /**
     * A user {@code username} with password {@code username-pw}, the client roles given and, unless {@code null}, the
     * participant id.
     */
    public void createUser(String username, String participantId, String... clientRoles) throws Exception {
        var attributes = Json.createObjectBuilder();
        if (participantId != null) {
            attributes.add("participantId", Json.createArrayBuilder().add(participantId));
        }
        String user = Json.createObjectBuilder().add("username", username).add("enabled", true).add("emailVerified", true)
                .add("email", username + "@example.org").add("firstName", username).add("lastName", "Test")
                .add("attributes", attributes)
                .add("credentials", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "password")
                        .add("value", username + "-pw").add("temporary", false))).build().toString();
        String location = send("POST", realm + "/users", user).headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        for (String role : clientRoles) {
            String rep = get(realm + "/clients/" + clientUuid + "/roles/" + role);
            send("POST", realm + "/users/" + userId + "/role-mappings/clients/" + clientUuid, "[" + rep + "]");
        }
    }

    public void setClientTokenLifespan(String seconds) throws Exception {
        JsonObject client = KeycloakSecurityTest.json(get(realm + "/clients/" + clientUuid));
        var attributes = Json.createObjectBuilder(client.getJsonObject("attributes"));
        attributes.add("access.token.lifespan", seconds == null ? "" : seconds); // "": the realm's lifespan
        send("PUT", realm + "/clients/" + clientUuid, Json.createObjectBuilder(client).add("attributes", attributes).build().toString());
    }
}
