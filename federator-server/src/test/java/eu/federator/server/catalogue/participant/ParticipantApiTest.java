package eu.federator.server.catalogue.participant;

import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.server.Http;
import eu.federator.server.catalogue.sd.CatalogueApiTestBase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The XFSC {@code /participants} API over loopback: register, list, read, replace, delete, and who may. */
class ParticipantApiTest extends CatalogueApiTestBase {

    HttpResponse<String> register(Http http, String vp) throws Exception {
        return http.post("/participants", "application/vp+jwt", vp.getBytes(StandardCharsets.US_ASCII));
    }

    HttpResponse<String> replace(Http http, String id, String vp) throws Exception {
        return http.send(http.request("/participants/" + encode(id)).header("Content-Type", "application/vp+jwt")
                .PUT(HttpRequest.BodyPublishers.ofString(vp)).build());
    }

    JsonObject registered(Provider p) throws Exception {
        HttpResponse<String> r = register(admin(), p.participantVp());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.json(r);
    }

    @Test
    void registerIs201WithTheParticipantAndItsSelfDescription() throws Exception {
        Provider p = provider("register");
        String vp = p.participantVp();

        HttpResponse<String> r = register(admin(), vp);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValue("/participants/" + encode(p.did()));
        JsonObject participant = Http.json(r);
        assertThat(participant.getString("id")).isEqualTo(p.did());
        assertThat(participant.getString("name")).isNotBlank();
        assertThat(participant.getString("publicKey")).startsWith(p.did() + "#").isEqualTo(p.did() + "#key-1");
        assertThat(participant.getString("selfDescription")).isEqualTo(vp);
        String hash = IngestPipeline.sha256Hex(vp.getBytes(StandardCharsets.US_ASCII));
        assertThat(participant.getString("sdHash")).isEqualTo(hash);
        assertThat(Instant.parse(participant.getString("created"))).isEqualTo(Instant.parse(participant.getString("updated")));

        // its self-description is stored as any other, as an active participant
        JsonObject sd = Http.json(anonymous().get("/self-descriptions/" + hash + "/meta"));
        assertThat(sd.getString("kind")).isEqualTo("participant");
        assertThat(sd.getString("status")).isEqualTo("active");
        assertThat(sd.getString("provider")).isEqualTo(p.did());
    }

    @Test
    void theContentTypesOfSubmissionsAreAcceptedAndOthersAre415() throws Exception {
        Provider p = provider("media-type");
        HttpResponse<String> r = admin().post("/participants", "application/vp+ld+json+jwt", p.participantVp().getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(Http.json(admin().get("/self-descriptions/" + Http.json(r).getString("sdHash") + "/meta")).getString("contentType"))
                .isEqualTo("application/vp+ld+json+jwt");

        HttpResponse<String> plain = admin().post("/participants", "text/plain", provider("media-type-2").participantVp().getBytes(StandardCharsets.US_ASCII));
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(Http.json(plain).getString("type")).isEqualTo("/problems/unsupported-media-type");
    }

    @Test
    void anOfferingIs400() throws Exception {
        Provider p = provider("offering-as-participant");

        HttpResponse<String> r = register(admin(), p.offeringVp("not-a-participant"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonObject error = Http.json(r);
        assertThat(error.getString("code")).isEqualTo("client_error");
        assertThat(error.getString("message")).contains("service-offering", "POST /self-descriptions");
    }

    @Test
    void aSecondRegistrationIs409() throws Exception {
        Provider p = provider("twice");
        registered(p);

        HttpResponse<String> sameBytes = register(admin(), p.participantVp());
        assertThat(sameBytes.statusCode()).isEqualTo(409);
        assertThat(Http.json(sameBytes).getString("code")).isEqualTo("conflict_error");

        HttpResponse<String> newerVersion = register(admin(), p.participantVp(cs -> cs.add("https://schema.org/name", "Twice Ltd")));
        assertThat(newerVersion.statusCode()).as(newerVersion.body()).isEqualTo(409);
        assertThat(Http.json(newerVersion).getString("code")).isEqualTo("conflict_error");
    }

    @Test
    void anUnverifiableParticipantIs422() throws Exception {
        String vp = provider("tampered").participantVp();
        String tampered = vp.substring(0, vp.length() - 3) + (vp.endsWith("AAA") ? "BBB" : "AAA");

        HttpResponse<String> r = register(admin(), tampered);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(Http.json(r).getString("code")).isEqualTo("verification_error");
    }

    @Test
    void listAndRead() throws Exception {
        Provider p = provider("listed");
        JsonObject participant = registered(p);

        HttpResponse<String> list = admin().get("/participants?limit=1000");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonObject page = Http.json(list);
        List<String> ids = page.getJsonArray("items").stream().map(i -> i.asJsonObject().getString("id")).toList();
        assertThat(ids).contains(p.did()).isSorted();
        assertThat(page.getInt("totalCount")).isEqualTo(ids.size());
        assertThat(Http.json(admin().get("/participants?limit=1")).getJsonArray("items")).hasSize(1);
        assertThat(admin().get("/participants?limit=1001").statusCode()).isEqualTo(400);
        assertThat(Http.json(admin().get("/participants?offset=-1")).getString("code")).isEqualTo("client_error");

        HttpResponse<String> one = admin().get("/participants/" + encode(p.did()));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(Http.json(one)).isEqualTo(participant);
        // the participant's own users may read it (Ro-SD-A, Ro-PA-A with its participant_id); others may not
        assertThat(as(p.did(), "Ro-PA-A").get("/participants/" + encode(p.did())).statusCode()).isEqualTo(200);
        HttpResponse<String> stranger = as("did:web:stranger.example.org", "Ro-SD-A").get("/participants/" + encode(p.did()));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(Http.json(stranger).getString("code")).isEqualTo("forbidden_error");

        HttpResponse<String> missing = admin().get("/participants/" + encode("did:web:nobody.example.org"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing).getString("code")).isEqualTo("not_found_error");
    }

    @Test
    void replaceWithANewerSelfDescriptionOfTheSameParticipantDeprecatesTheOld() throws Exception {
        Provider p = provider("replaced");
        JsonObject before = registered(p);
        String newer = p.participantVp(cs -> cs.add("https://schema.org/name", "Replaced Ltd"));

        HttpResponse<String> r = replace(as(p.did(), "Ro-MU-A"), p.did(), newer);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject after = Http.json(r);
        assertThat(after.getString("id")).isEqualTo(p.did());
        assertThat(after.getString("sdHash")).isNotEqualTo(before.getString("sdHash"))
                .isEqualTo(IngestPipeline.sha256Hex(newer.getBytes(StandardCharsets.US_ASCII)));
        assertThat(after.getString("selfDescription")).isEqualTo(newer);
        assertThat(after.getString("created")).isEqualTo(before.getString("created"));
        assertThat(Instant.parse(after.getString("updated"))).isAfter(Instant.parse(before.getString("updated")));
        assertThat(Http.json(anonymous().get("/self-descriptions/" + before.getString("sdHash") + "/meta")).getString("status"))
                .isEqualTo("deprecated");
        assertThat(Http.json(anonymous().get("/self-descriptions/" + after.getString("sdHash") + "/meta")).getString("status"))
                .isEqualTo("active");
        assertThat(Http.json(admin().get("/participants/" + encode(p.did())))).isEqualTo(after);
    }

    @Test
    void replaceWithAnotherParticipantIs400AndByAStrangerIs403() throws Exception {
        Provider p = provider("kept");
        Provider other = provider("intruder");
        JsonObject before = registered(p);

        HttpResponse<String> r = replace(admin(), p.did(), other.participantVp());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Http.json(r).getString("code")).isEqualTo("client_error");
        assertThat(Http.json(r).getString("message")).contains(other.did(), p.did());

        HttpResponse<String> stranger = replace(as(other.did(), "Ro-MU-A"), p.did(), p.participantVp(cs -> cs.add("https://schema.org/name", "X")));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(Http.json(stranger).getString("code")).isEqualTo("forbidden_error");

        assertThat(Http.json(admin().get("/participants/" + encode(p.did())))).isEqualTo(before);
        assertThat(replace(admin(), "did:web:nobody.example.org", p.participantVp()).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteReturnsWhatWasDeletedAndRemovesItsSelfDescription() throws Exception {
        Provider p = provider("deleted");
        JsonObject participant = registered(p);
        Http own = as(p.did(), "Ro-MU-A");

        assertThat(send(as("did:web:stranger.example.org", "Ro-MU-A"), "DELETE", "/participants/" + encode(p.did())).statusCode())
                .isEqualTo(403);

        HttpResponse<String> r = send(own, "DELETE", "/participants/" + encode(p.did()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r)).isEqualTo(participant);
        assertThat(admin().get("/participants/" + encode(p.did())).statusCode()).isEqualTo(404);
        assertThat(anonymous().get("/self-descriptions/" + participant.getString("sdHash") + "/meta").statusCode()).isEqualTo(404);
        assertThat(send(own, "DELETE", "/participants/" + encode(p.did())).statusCode()).isEqualTo(404);
    }
}
