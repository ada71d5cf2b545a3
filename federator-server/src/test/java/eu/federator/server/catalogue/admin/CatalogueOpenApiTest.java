package eu.federator.server.catalogue.admin;

import eu.federator.server.Http;
import eu.federator.server.catalogue.sd.CatalogueApiTestBase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v3/api-docs} describes every catalogue operation with each status code it can answer. */
class CatalogueOpenApiTest extends CatalogueApiTestBase {

    /** path → method → the status codes the operation must document. */
    static final Map<String, Map<String, List<String>>> OPERATIONS = new LinkedHashMap<>();

    static {
        OPERATIONS.put("/self-descriptions", Map.of(
                "get", List.of("200", "400"),
                "post", List.of("201", "400", "401", "403", "409", "413", "415", "422")));
        OPERATIONS.put("/self-descriptions/{hash}", Map.of(
                "get", List.of("200", "400", "404"),
                "delete", List.of("200", "400", "401", "403", "404")));
        OPERATIONS.put("/self-descriptions/{hash}/meta", Map.of("get", List.of("200", "400", "404")));
        OPERATIONS.put("/self-descriptions/{hash}/credentials", Map.of("get", List.of("200", "400", "404")));
        OPERATIONS.put("/self-descriptions/{hash}/revoke", Map.of("post", List.of("200", "400", "401", "403", "404", "409")));
        OPERATIONS.put("/participants", Map.of(
                "get", List.of("200", "400", "401", "403"),
                "post", List.of("201", "400", "401", "403", "409", "413", "415", "422")));
        OPERATIONS.put("/participants/{participantId}", Map.of(
                "get", List.of("200", "401", "403", "404"),
                "put", List.of("200", "400", "401", "403", "404", "413", "415", "422"),
                "delete", List.of("200", "401", "403", "404")));
        OPERATIONS.put("/admin/graph", Map.of("get", List.of("200", "401", "403")));
        OPERATIONS.put("/admin/graph/rebuild", Map.of("post", List.of("200", "401", "403")));
    }

    @Test
    void everyCatalogueOperationIsDocumentedWithItsStatusCodes() throws Exception {
        JsonObject api = Http.json(anonymous().get("/v3/api-docs"));
        JsonObject paths = api.getJsonObject("paths");
        StringBuilder missing = new StringBuilder();
        OPERATIONS.forEach((path, methods) -> {
            if (!paths.containsKey(path)) {
                missing.append(path).append(": not documented\n");
                return;
            }
            methods.forEach((method, codes) -> {
                JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
                if (operation == null) {
                    missing.append(method).append(' ').append(path).append(": not documented\n");
                    return;
                }
                JsonObject responses = operation.getJsonObject("responses");
                for (String code : codes) {
                    if (responses == null || !responses.containsKey(code)) {
                        missing.append(method).append(' ').append(path).append(": no ").append(code).append('\n');
                    } else if (responses.getJsonObject(code).getString("description", "").isBlank()) {
                        missing.append(method).append(' ').append(path).append(": ").append(code).append(" has no description\n");
                    }
                }
                if (operation.getString("summary", "").isBlank()) {
                    missing.append(method).append(' ').append(path).append(": no summary\n");
                }
            });
        });
        assertThat(missing.toString()).isEmpty();
        // the other catalogue paths are there too
        assertThat(paths.keySet()).contains("/query", "/query/info", "/schemas", "/schemas/{id}", "/schemas/latest");
    }

    @Test
    void protectedCatalogueOperationsDeclareTheBearerSchemeAndTheirRoles() throws Exception {
        JsonObject paths = Http.json(anonymous().get("/v3/api-docs")).getJsonObject("paths");
        JsonObject submit = paths.getJsonObject("/self-descriptions").getJsonObject("post");
        assertThat(submit.getJsonArray("security").toString()).contains("bearer");
        assertThat(submit.getString("description")).contains("Ro-MU-CA", "Ro-SD-A", "Ro-MU-A");
        JsonObject rebuild = paths.getJsonObject("/admin/graph/rebuild").getJsonObject("post");
        assertThat(rebuild.getString("description")).contains("Ro-MU-CA");
        JsonObject list = paths.getJsonObject("/self-descriptions").getJsonObject("get");
        assertThat(list.containsKey("security")).as("public reads").isFalse();
        assertThat(list.getJsonArray("parameters").stream().map(p -> p.asJsonObject().getString("name")))
                .contains("uploadTimerange", "statusTimerange", "issuers", "validators", "statuses", "ids", "hashes", "withMeta",
                        "withContent", "offset", "limit", "kinds", "providers");
    }
}
