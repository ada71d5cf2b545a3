package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.server.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading one self-description (content, metadata, bundled credentials) and its lifecycle over HTTP: revoke, delete,
 * one active self-description per subject, end of life when a credential expires.
 */
class SelfDescriptionLifecycleApiTest extends CatalogueApiTestBase {

    static final String MISSING = "0".repeat(64);

    HttpResponse<String> revoke(Http http, String hash) throws Exception {
        return http.post("/self-descriptions/" + hash + "/revoke", "application/json", new byte[0]);
    }

    JsonObject meta(String hash) throws Exception {
        HttpResponse<String> r = anonymous().get("/self-descriptions/" + hash + "/meta");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    @Test
    void theContentIsTheSubmittedBytesWithTheirMediaType() throws Exception {
        Provider p = provider("content");
        String vp = p.offeringVp("bytes");
        String hash = stored("application/vp+jwt", vp).getString("sdHash");

        HttpResponse<byte[]> r = bytes(anonymous(), "/self-descriptions/" + hash);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(vp.getBytes(StandardCharsets.UTF_8));
        assertThat(Http.contentType(r)).startsWith("application/vp+jwt");
    }

    @Test
    void unknownHashesAre404AndNonHashes400() throws Exception {
        for (String suffix : List.of("", "/meta", "/credentials")) {
            HttpResponse<String> missing = anonymous().get("/self-descriptions/" + MISSING + suffix);
            assertThat(missing.statusCode()).as(suffix).isEqualTo(404);
            assertThat(Http.json(missing).getString("code")).isEqualTo("not_found_error");
            assertThat(Http.json(missing).getString("message")).contains(MISSING);
            for (String bad : List.of("abc", "A".repeat(64), "0".repeat(63))) {
                HttpResponse<String> r = anonymous().get("/self-descriptions/" + bad + suffix);
                assertThat(r.statusCode()).as(bad + suffix).isEqualTo(400);
                assertThat(Http.json(r).getString("code")).isEqualTo("client_error");
                assertThat(Http.json(r).getString("message")).contains("64 lower-case hex");
            }
        }
        assertThat(revoke(admin(), MISSING).statusCode()).isEqualTo(404);
        assertThat(revoke(admin(), "abc").statusCode()).isEqualTo(400);
        assertThat(send(admin(), "DELETE", "/self-descriptions/" + MISSING).statusCode()).isEqualTo(404);
        assertThat(send(admin(), "DELETE", "/self-descriptions/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void theParticipantCredentialsOfAnOfferingAreBundledOnceAndCounted() throws Exception {
        Provider p = provider("bundled");
        JsonObject first = stored("application/vp+jwt", p.offeringVp("one"));
        JsonObject second = stored("application/vp+jwt", p.offeringVp("two"));

        HttpResponse<String> r = anonymous().get("/self-descriptions/" + second.getString("sdHash") + "/credentials");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonObject> bundled = Json.createReader(new java.io.StringReader(r.body())).readArray().getValuesAs(JsonObject.class);
        assertThat(bundled).hasSize(3);
        assertThat(bundled).extracting(b -> b.getString("credentialId")).containsExactlyInAnyOrder(p.base + "legal-person.json",
                p.base + "issuer.json", "https://notary.example.org/vat/" + p.vatId() + ".json");
        assertThat(bundled).allSatisfy(b -> {
            assertThat(b.getInt("carriers")).isEqualTo(2);
            assertThat(b.getString("format")).isEqualTo("vc+jwt");
            assertThat(b.getString("credentialHash")).matches("[0-9a-f]{64}");
        });
        JsonObject legalPerson = bundled.stream().filter(b -> b.getString("credentialId").endsWith("legal-person.json")).findFirst().orElseThrow();
        assertThat(legalPerson.getString("kind")).isEqualTo("participant");
        assertThat(legalPerson.getString("issuer")).isEqualTo(p.did());
        assertThat(legalPerson.getString("subject")).isEqualTo(p.legalPersonSubject());
        // the participant credentials did not become a self-description of their own
        assertThat(hashes(anonymous().get("/self-descriptions?kinds=participant&providers=" + encode(p.did())))).isEmpty();
        assertThat(first.getString("provider")).isEqualTo(p.did());

        // a participant self-description carries nothing bundled
        String participant = stored("application/vp+jwt", p.participantVp()).getString("sdHash");
        assertThat(anonymous().get("/self-descriptions/" + participant + "/credentials").body()).isEqualTo("[]");
    }

    @Test
    void revokeOnlyFromActiveAndOnlyByItsParticipant() throws Exception {
        Provider p = provider("revoke");
        JsonObject sd = stored("application/vp+jwt", p.offeringVp("to-revoke"));
        String hash = sd.getString("sdHash");

        HttpResponse<String> stranger = revoke(as("did:web:stranger.example.org", "Ro-SD-A"), hash);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(Http.json(stranger).getString("code")).isEqualTo("forbidden_error");
        assertThat(meta(hash).getString("status")).isEqualTo("active");

        HttpResponse<String> r = revoke(as(p.did(), "Ro-SD-A"), hash);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject revoked = Http.json(r);
        assertThat(revoked.getString("status")).isEqualTo("revoked");
        assertThat(revoked.getString("sdHash")).isEqualTo(hash);
        assertThat(Instant.parse(revoked.getString("statusDatetime"))).isAfter(Instant.parse(sd.getString("statusDatetime")));
        assertThat(meta(hash)).isEqualTo(revoked);

        HttpResponse<String> again = revoke(admin(), hash);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).getString("code")).isEqualTo("conflict_error");
    }

    @Test
    void deleteInAnyStatusOnlyByItsParticipant() throws Exception {
        Provider p = provider("delete");
        String active = stored("application/vp+jwt", p.offeringVp("active")).getString("sdHash");
        String revoked = stored("application/vp+jwt", p.offeringVp("revoked")).getString("sdHash");
        assertThat(revoke(admin(), revoked).statusCode()).isEqualTo(200);

        assertThat(send(as("did:web:stranger.example.org", "Ro-MU-A"), "DELETE", "/self-descriptions/" + active).statusCode()).isEqualTo(403);
        assertThat(meta(active).getString("status")).isEqualTo("active");

        for (String hash : List.of(active, revoked)) {
            HttpResponse<String> r = send(as(p.did(), "Ro-MU-A"), "DELETE", "/self-descriptions/" + hash);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(anonymous().get("/self-descriptions/" + hash).statusCode()).isEqualTo(404);
            assertThat(anonymous().get("/self-descriptions/" + hash + "/meta").statusCode()).isEqualTo(404);
            assertThat(send(admin(), "DELETE", "/self-descriptions/" + hash).statusCode()).isEqualTo(404);
        }
        assertThat(hashes(anonymous().get("/self-descriptions?providers=" + encode(p.did())))).isEmpty();
    }

    @Test
    void aNewerSelfDescriptionOfTheSameSubjectDeprecatesTheOlder() throws Exception {
        Provider p = provider("versions");
        JsonObject v1 = stored("application/vp+jwt", p.offeringVp(p.offering("service", cs -> cs.add("gx:keyword", "v1"))));
        JsonObject v2 = stored("application/vp+jwt", p.offeringVp(p.offering("service", cs -> cs.add("gx:keyword", "v2"))));

        assertThat(v2.getString("id")).isEqualTo(v1.getString("id"));
        assertThat(v2.getString("status")).isEqualTo("active");
        JsonObject old = meta(v1.getString("sdHash"));
        assertThat(old.getString("status")).isEqualTo("deprecated");
        assertThat(Instant.parse(old.getString("statusDatetime"))).isAfterOrEqualTo(Instant.parse(v2.getString("uploadDatetime")));

        String subject = "ids=" + encode(v1.getString("id"));
        assertThat(hashes(anonymous().get("/self-descriptions?" + subject))).containsExactlyInAnyOrder(v1.getString("sdHash"), v2.getString("sdHash"));
        assertThat(hashes(anonymous().get("/self-descriptions?" + subject + "&statuses=active"))).containsExactly(v2.getString("sdHash"));
        assertThat(hashes(anonymous().get("/self-descriptions?" + subject + "&statuses=deprecated"))).containsExactly(v1.getString("sdHash"));
        // deprecated is terminal
        assertThat(revoke(admin(), v1.getString("sdHash")).statusCode()).isEqualTo(409);
    }

    @Test
    void aSelfDescriptionWhoseCredentialExpiresReachesItsEndOfLife() throws Exception {
        Provider p = provider("eol");
        Instant validUntil = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        JsonObject offering = Json.createObjectBuilder(p.offering("short-lived", cs -> { })).add("validUntil", validUntil.toString()).build();
        JsonObject sd = stored("application/vp+jwt", p.offeringVp(offering));
        String hash = sd.getString("sdHash");
        assertThat(Instant.parse(sd.getString("expirationDatetime"))).isEqualTo(validUntil);
        assertThat(catalogue.expire()).extracting(SelfDescription::hash).doesNotContain(hash);
        assertThat(meta(hash).getString("status")).isEqualTo("active");

        // wait for the instant itself (the expiry job would do this hourly; the test calls the same Catalogue.expire())
        while (!Instant.now().isAfter(validUntil)) {
            Thread.sleep(100);
        }
        assertThat(catalogue.expire()).extracting(SelfDescription::hash).contains(hash);

        JsonObject eol = meta(hash);
        assertThat(eol.getString("status")).isEqualTo("eol");
        assertThat(Instant.parse(eol.getString("statusDatetime"))).isAfterOrEqualTo(validUntil);
        assertThat(hashes(anonymous().get("/self-descriptions?statuses=eol&providers=" + encode(p.did())))).containsExactly(hash);
        assertThat(revoke(admin(), hash).statusCode()).isEqualTo(409);
    }
}
