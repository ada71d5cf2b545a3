package eu.federator.server.catalogue.admin;

import eu.federator.server.Http;
import eu.federator.server.catalogue.sd.CatalogueApiTestBase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph projection seen through HTTP: {@code GET /admin/graph}, {@code POST /admin/graph/rebuild}, and
 * {@code POST /query} over the claims of submitted self-descriptions once the projector has caught up (polled through
 * {@code /admin/graph} until the lag is 0; nothing here depends on how long that takes).
 */
class GraphAdminApiTest extends CatalogueApiTestBase {
    static final String FC = "urn:federator:catalogue:";

    HttpResponse<String> query(String sparql) throws Exception {
        String body = Json.createObjectBuilder().add("statement", sparql).build().toString();
        return anonymous().post("/query", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    List<String> subjectsWithKeyword(String keyword) throws Exception {
        HttpResponse<String> r = query("SELECT ?o WHERE { ?o <" + GX + "keyword> \"" + keyword + "\" }");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).getJsonArray("items").stream().map(i -> i.asJsonObject().getString("o")).toList();
    }

    String statusInTheGraph(String hash) throws Exception {
        HttpResponse<String> r = query("SELECT ?s WHERE { ?g <" + FC + "hash> \"" + hash + "\" ; <" + FC + "status> ?s }");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var items = Http.json(r).getJsonArray("items");
        return items.isEmpty() ? null : items.getJsonObject(0).getString("s");
    }

    JsonObject state() throws Exception {
        HttpResponse<String> r = admin().get("/admin/graph");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    @Test
    void theStateNamesTheStoreCheckpointLastEventAndLag() throws Exception {
        stored("application/vp+jwt", provider("graph-state").offeringVp("state"));
        awaitProjection();

        JsonObject state = state();

        assertThat(state.getString("store")).isNotBlank();
        assertThat(state.getJsonNumber("lastEvent").longValue()).isPositive();
        assertThat(state.getJsonNumber("checkpoint").longValue()).isEqualTo(state.getJsonNumber("lastEvent").longValue());
        assertThat(state.getJsonNumber("lag").longValue()).isZero();
        assertThat(!state.containsKey("lastError") || state.get("lastError") == JsonValue.NULL).isTrue();
    }

    @Test
    void submittedClaimsAreQueryableAndLeaveTheGraphWhenRevoked() throws Exception {
        Provider p = provider("graph-query");
        JsonObject sd = stored("application/vp+jwt", p.offeringVp(p.offering("queried", cs -> cs.add("gx:keyword", "graph-query-kw"))));
        awaitProjection();

        assertThat(subjectsWithKeyword("graph-query-kw")).containsExactly(p.offeringSubject("queried"));
        assertThat(statusInTheGraph(sd.getString("sdHash"))).isEqualTo("active");

        assertThat(admin().post("/self-descriptions/" + sd.getString("sdHash") + "/revoke", "application/json", new byte[0]).statusCode())
                .isEqualTo(200);
        awaitProjection();

        assertThat(subjectsWithKeyword("graph-query-kw")).isEmpty();
        assertThat(statusInTheGraph(sd.getString("sdHash"))).isEqualTo("revoked");
    }

    @Test
    void rebuildLoadsEverySelfDescriptionAndTheClaimsStayQueryable() throws Exception {
        Provider p = provider("graph-rebuild");
        JsonObject kept = stored("application/vp+jwt", p.offeringVp(p.offering("kept", cs -> cs.add("gx:keyword", "graph-rebuild-kw"))));
        JsonObject revoked = stored("application/vp+jwt", p.offeringVp(p.offering("gone", cs -> cs.add("gx:keyword", "graph-rebuild-gone"))));
        admin().post("/self-descriptions/" + revoked.getString("sdHash") + "/revoke", "application/json", new byte[0]);
        awaitProjection();
        long stored = Http.json(anonymous().get("/self-descriptions?statuses=active,deprecated,revoked,eol&limit=0")).getJsonNumber("totalCount").longValue();

        HttpResponse<String> r = admin().post("/admin/graph/rebuild", "application/json", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject rebuilt = Http.json(r);
        assertThat(rebuilt.getJsonNumber("selfDescriptions").longValue()).isEqualTo(stored);
        assertThat(rebuilt.getJsonNumber("checkpoint").longValue()).isEqualTo(state().getJsonNumber("lastEvent").longValue());
        assertThat(rebuilt.getJsonNumber("millis").longValue()).isNotNegative();
        assertThat(state().getJsonNumber("lag").longValue()).isZero();

        assertThat(subjectsWithKeyword("graph-rebuild-kw")).containsExactly(p.offeringSubject("kept"));
        assertThat(subjectsWithKeyword("graph-rebuild-gone")).isEmpty();
        assertThat(statusInTheGraph(kept.getString("sdHash"))).isEqualTo("active");
        assertThat(statusInTheGraph(revoked.getString("sdHash"))).isEqualTo("revoked");
    }

    @Test
    void compactionKeepsEveryClaimQueryable() throws Exception {
        Provider p = provider("graph-compact");
        stored("application/vp+jwt", p.offeringVp(p.offering("compacted", cs -> cs.add("gx:keyword", "graph-compact-kw"))));
        awaitProjection();
        long checkpoint = state().getJsonNumber("checkpoint").longValue();

        HttpResponse<String> r = admin().post("/admin/graph/compact", "application/json", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r).getBoolean("compacted")).isTrue(); // the embedded TDB2 store
        assertThat(state().getJsonNumber("checkpoint").longValue()).isEqualTo(checkpoint);
        assertThat(subjectsWithKeyword("graph-compact-kw")).containsExactly(p.offeringSubject("compacted"));
        // and projection goes on afterwards
        stored("application/vp+jwt", p.offeringVp(p.offering("after", cs -> cs.add("gx:keyword", "graph-compact-after"))));
        awaitProjection();
        assertThat(subjectsWithKeyword("graph-compact-after")).containsExactly(p.offeringSubject("after"));
    }

    @Test
    void onlyTheCatalogueAdminMayAdministerTheGraph() throws Exception {
        Provider p = provider("graph-roles");
        for (Http http : List.of(as(p.did(), "Ro-MU-A"), as(p.did(), "Ro-SD-A"), as(p.did(), "Ro-PA-A"))) {
            assertThat(http.get("/admin/graph").statusCode()).isEqualTo(403);
            assertThat(http.post("/admin/graph/rebuild", "application/json", new byte[0]).statusCode()).isEqualTo(403);
            assertThat(http.post("/admin/graph/compact", "application/json", new byte[0]).statusCode()).isEqualTo(403);
        }
        assertThat(anonymous().get("/admin/graph").statusCode()).isEqualTo(401);
        assertThat(anonymous().post("/admin/graph/rebuild", "application/json", new byte[0]).statusCode()).isEqualTo(401);
    }
}
