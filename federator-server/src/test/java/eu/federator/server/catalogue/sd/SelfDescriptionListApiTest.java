package eu.federator.server.catalogue.sd;

import eu.federator.server.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /self-descriptions} with every XFSC filter and the Federator extensions {@code kinds} and
 * {@code providers}. Two providers of its own: A with offerings X (active) and Y (revoked) and its participant
 * self-description Z (active), submitted in that order and Y revoked last; B with one offering W.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfDescriptionListApiTest extends CatalogueApiTestBase {
    Provider a;
    Provider b;
    JsonObject x;
    JsonObject y;
    JsonObject z;
    JsonObject w;
    String xContent;

    @BeforeAll
    void submit() throws Exception {
        a = provider("list-a");
        b = provider("list-b");
        xContent = a.offeringVp("x");
        x = stored("application/vp+jwt", xContent);
        y = stored("application/vp+jwt", a.offeringVp("y"));
        z = stored("application/vp+jwt", a.participantVp());
        w = stored("application/vp+jwt", b.offeringVp("w"));
        HttpResponse<String> revoked = admin().post("/self-descriptions/" + y.getString("sdHash") + "/revoke", "application/json", new byte[0]);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        y = Http.json(revoked);
    }

    HttpResponse<String> list(String query) throws Exception {
        return anonymous().get("/self-descriptions?" + query);
    }

    List<String> hashesOf(String query) throws Exception {
        return hashes(list(query));
    }

    static String h(JsonObject sd) {
        return sd.getString("sdHash");
    }

    String ofA() {
        return "providers=" + encode(a.did());
    }

    @Test
    void withoutAnyFilterOnlyActiveOnesAreListed() throws Exception {
        List<String> all = hashesOf("limit=1000");
        assertThat(all).contains(h(x), h(z), h(w)).doesNotContain(h(y));
        assertThat(Http.json(list("limit=1000")).getInt("totalCount")).isEqualTo(all.size());
    }

    @Test
    void withAFilterEveryStatusCountsAndTheOrderIsNewestStatusFirst() throws Exception {
        HttpResponse<String> r = list(ofA());
        assertThat(hashes(r)).containsExactly(h(y), h(z), h(x));
        assertThat(Http.json(r).getInt("totalCount")).isEqualTo(3);
    }

    @Test
    void statuses() throws Exception {
        assertThat(hashesOf(ofA() + "&statuses=revoked")).containsExactly(h(y));
        assertThat(hashesOf(ofA() + "&statuses=active")).containsExactly(h(z), h(x));
        assertThat(hashesOf(ofA() + "&statuses=active,revoked")).containsExactly(h(y), h(z), h(x));
        assertThat(hashesOf(ofA() + "&statuses=revoked&statuses=ACTIVE")).containsExactly(h(y), h(z), h(x));
        assertThat(hashesOf(ofA() + "&statuses=deprecated,eol")).isEmpty();
    }

    @Test
    void issuersValidatorsIdsAndHashes() throws Exception {
        assertThat(hashesOf("issuers=" + encode(b.did()))).containsExactly(h(w));
        assertThat(hashesOf("issuers=" + encode(a.did()) + "," + encode(b.did()))).containsExactly(h(y), h(w), h(z), h(x));
        assertThat(strings(w.get("validatorDids"))).contains(b.did() + "#key-1");
        assertThat(hashesOf("validators=" + encode(b.did() + "#key-1"))).containsExactly(h(w));
        assertThat(hashesOf("ids=" + encode(x.getString("id")))).containsExactly(h(x));
        assertThat(hashesOf("ids=" + encode(y.getString("id")) + "," + encode(z.getString("id")))).containsExactly(h(y), h(z));
        assertThat(hashesOf("hashes=" + h(x) + "," + h(w))).containsExactlyInAnyOrder(h(x), h(w));
        assertThat(hashesOf("hashes=" + "0".repeat(64))).isEmpty();
        // every given filter must match
        assertThat(hashesOf("hashes=" + h(x) + "," + h(w) + "&issuers=" + encode(b.did()))).containsExactly(h(w));
    }

    @Test
    void kindsAndProviders() throws Exception {
        assertThat(hashesOf(ofA() + "&kinds=participant")).containsExactly(h(z));
        assertThat(hashesOf(ofA() + "&kinds=service-offering")).containsExactly(h(y), h(x));
        assertThat(hashesOf(ofA() + "&kinds=resource,data-product")).isEmpty();
        assertThat(hashesOf("providers=" + encode(b.did()))).containsExactly(h(w));
        assertThat(z.getString("provider")).isEqualTo(a.did());
    }

    @Test
    void uploadTimerange() throws Exception {
        String xUpload = x.getString("uploadDatetime");
        String yUpload = y.getString("uploadDatetime");
        assertThat(hashesOf(ofA() + "&uploadTimerange=" + xUpload + "/" + xUpload)).containsExactly(h(x));
        assertThat(hashesOf(ofA() + "&uploadTimerange=" + yUpload + "/")).containsExactly(h(y), h(z));
        assertThat(hashesOf(ofA() + "&uploadTimerange=/" + xUpload)).containsExactly(h(x));
        assertThat(hashesOf(ofA() + "&uploadTimerange=2100-01-01T00:00:00Z/")).isEmpty();
        // with an offset instead of Z
        assertThat(hashesOf(ofA() + "&uploadTimerange=" + encode("2000-01-01T01:00:00+01:00/2100-01-01T00:00:00Z"))).hasSize(3);
    }

    @Test
    void statusTimerange() throws Exception {
        String revoked = y.getString("statusDatetime");
        assertThat(revoked).isNotEqualTo(y.getString("uploadDatetime"));
        assertThat(hashesOf(ofA() + "&statusTimerange=" + revoked + "/")).containsExactly(h(y));
        assertThat(hashesOf(ofA() + "&statusTimerange=/" + z.getString("statusDatetime"))).containsExactly(h(z), h(x));
    }

    @Test
    void withMetaAndWithContent() throws Exception {
        JsonObject item = Http.json(list("hashes=" + h(x))).getJsonArray("items").getJsonObject(0);
        assertThat(item.getJsonObject("meta").getString("sdHash")).isEqualTo(h(x));
        assertThat(absent(item, "content")).as("content is off by default").isTrue();

        JsonObject both = Http.json(list("hashes=" + h(x) + "&withContent=true")).getJsonArray("items").getJsonObject(0);
        assertThat(both.getString("content")).isEqualTo(xContent);
        assertThat(both.getJsonObject("meta")).isEqualTo(x);

        JsonObject contentOnly = Http.json(list("hashes=" + h(x) + "&withContent=true&withMeta=false")).getJsonArray("items").getJsonObject(0);
        assertThat(contentOnly.getString("content")).isEqualTo(xContent);
        assertThat(absent(contentOnly, "meta")).isTrue();
    }

    static boolean absent(JsonObject o, String key) {
        return !o.containsKey(key) || o.get(key) == JsonValue.NULL;
    }

    @Test
    void offsetAndLimitPageThroughTheOrder() throws Exception {
        HttpResponse<String> first = list(ofA() + "&limit=1");
        assertThat(hashes(first)).containsExactly(h(y));
        assertThat(Http.json(first).getInt("totalCount")).isEqualTo(3);
        assertThat(hashesOf(ofA() + "&limit=1&offset=1")).containsExactly(h(z));
        assertThat(hashesOf(ofA() + "&offset=2&limit=5")).containsExactly(h(x));
        HttpResponse<String> beyond = list(ofA() + "&offset=3");
        assertThat(hashes(beyond)).isEmpty();
        assertThat(Http.json(beyond).getInt("totalCount")).isEqualTo(3);
        HttpResponse<String> none = list(ofA() + "&limit=0");
        assertThat(hashes(none)).isEmpty();
        assertThat(Http.json(none).getInt("totalCount")).isEqualTo(3);
        assertThat(list(ofA() + "&limit=1000").statusCode()).isEqualTo(200);
    }

    @Test
    void badParametersAre400ClientError() throws Exception {
        for (String query : List.of("limit=1001", "limit=-1", "offset=-1", "limit=ten", "offset=x", "statuses=gone",
                "statuses=active,retired", "kinds=person", "uploadTimerange=2026-01-01T00:00:00Z", "uploadTimerange=yesterday/today",
                "statusTimerange=2026-13-01T00:00:00Z/", "withMeta=perhaps")) {
            HttpResponse<String> r = list(query);
            assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(400);
            JsonObject error = Http.json(r);
            assertThat(error.getString("code")).as(query).isEqualTo("client_error");
            assertThat(error.getString("message")).as(query).isNotBlank();
        }
        assertThat(Http.json(list("limit=1001")).getString("message")).contains("1000");
        assertThat(Http.json(list("statuses=gone")).getString("message")).contains("gone", "active, deprecated, revoked or eol");
    }
}
