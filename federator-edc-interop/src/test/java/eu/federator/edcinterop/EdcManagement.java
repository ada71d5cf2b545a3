package eu.federator.edcinterop;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * EDC's management API (v3) over loopback, in the JSON-LD form its documentation uses:
 * {@code "@context": {"@vocab": "https://w3id.org/edc/v0.0.1/ns/"}}.
 */
public final class EdcManagement {
    public static final String EDC_NS = "https://w3id.org/edc/v0.0.1/ns/";
    public static final String ODRL_CONTEXT = "http://www.w3.org/ns/odrl.jsonld";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public EdcManagement(EdcRuntime runtime) {
        this.base = runtime.managementUrl();
    }

    /** A management answer: the status and the body (JSON when there is one). */
    public record Answer(int status, String body) {
        public JsonValue json() {
            try {
                return body.isEmpty() ? JsonValue.NULL : Json.parse(body.getBytes(StandardCharsets.UTF_8));
            } catch (JsonSyntaxException e) {
                throw new AssertionError("EDC management answered " + status + " with no JSON: " + body, e);
            }
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("EDC management answered " + status + " (expected " + expected + "): " + body);
            }
            return this;
        }
    }

    /** A request body with the EDC vocabulary as context. */
    public static JsonObjectBuilder body() {
        return Json.provider().createObjectBuilder().add("@context", Json.provider().createObjectBuilder().add("@vocab", EDC_NS));
    }

    public Answer post(String path, JsonObject body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("x-api-key", EdcRuntime.API_KEY);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
