package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import eu.federator.server.TrustWorld;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XFSC fixtures under the explicit relaxation an operator would choose to take in XFSC test data
 * ({@code federator.catalogue.ingest.relaxed-checks=issuer.binding,holder.binding,certificate.key-match}): the classic
 * fixtures are signed by a key of {@code did:web:compliance.lab.gaia-x.eu} on behalf of other issuers and holders, the
 * cat-integration ones by a key that is not the key of its certificate. Where SOURCES.md says XFSC accepts, the answer
 * here is XFSC's, or the test says why not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class XfscRelaxedFixturesApiTest {
    static final String TOKEN = "xfsc-relaxed-admin-token-0123456789";
    static final Path ROOT = TestDirectories.newDataDir("federator-xfsc-relaxed-");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path anchors = ROOT.resolve("anchors.pem");
        Files.writeString(anchors, Files.readString(TrustWorld.get().trustAnchors) + CatalogueApiTestBase.xfscTrustAnchors());
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", () -> TrustWorld.get().mirror.toString());
        registry.add("federator.trust.trust-anchors", anchors::toString);
        registry.add("federator.trust.allowed-contexts", () -> String.join(",", CatalogueApiTestBase.XFSC_CONTEXTS));
        registry.add("federator.catalogue.ingest.relaxed-checks", () -> "issuer.binding,holder.binding,certificate.key-match");
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;
    Http admin;

    @BeforeEach
    void client() {
        admin = new Http(port, TOKEN);
    }

    static byte[] fixture(String file) throws IOException {
        return Files.readAllBytes(TestDirectories.fixtures().resolve("xfsc").resolve(file));
    }

    HttpResponse<String> post(String path, String file) throws Exception {
        return admin.post(path, XfscFixturesApiTest.contentType(file), fixture(file));
    }

    @Test
    void xfscParticipantsControllerTest() throws Exception {
        // addParicipantReturnCreatedResponse: 201 with id did:example:issuer and name did:example:holder
        HttpResponse<String> created = post("/participants", "classic/mock-data/default_participant.json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject participant = Http.json(created);
        assertThat(participant.getString("id")).isEqualTo("did:example:issuer");
        assertThat(participant.getString("name")).isEqualTo("did:example:holder");
        assertThat(participant.getString("publicKey")).isEqualTo("did:web:compliance.lab.gaia-x.eu");
        assertThat(participant.getString("selfDescription")).isEqualTo(new String(fixture("classic/mock-data/default_participant.json")));
        // a second post: 409
        HttpResponse<String> again = post("/participants", "classic/mock-data/default_participant.json");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).getString("code")).isEqualTo("conflict_error");

        // update of participant "alternative" with the alternative2 content (another id): 400
        HttpResponse<String> alternative = post("/participants", "classic/mock-data/alternative_participant.json");
        assertThat(alternative.statusCode()).as(alternative.body()).isEqualTo(201);
        String id = Http.json(alternative).getString("id");
        assertThat(id).isEqualTo("did:example:new-issuer");
        HttpResponse<String> replaced = admin.send(admin.request("/participants/" + id).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(fixture("classic/mock-data/alternative2_participant.json"))).build());
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(400);
        assertThat(Http.json(replaced).getString("code")).isEqualTo("client_error");
    }

    @Test
    void xfscAcceptedSelfDescriptionsAreAccepted() throws Exception {
        for (String file : List.of("classic/mock-data/unique_participant.json", "classic/sign/valid_signature.json")) {
            HttpResponse<String> r = post("/self-descriptions", file);
            assertThat(r.statusCode()).as(file + ": " + r.body()).isEqualTo(201);
            JsonObject sd = Http.json(r);
            assertThat(sd.getString("kind")).isEqualTo("participant");
            assertThat(sd.getJsonArray("validatorDids").getString(0)).isEqualTo("did:web:compliance.lab.gaia-x.eu");
            HttpResponse<String> content = admin.get("/self-descriptions/" + sd.getString("sdHash"));
            assertThat(content.body()).isEqualTo(new String(fixture(file)));
        }
    }

    @Test
    void xfscRejectedOnesStayRejectedForXfscsReason() throws Exception {
        assertFails("classic/mock-data/sd-without-issuer.json", "structure");
        assertFails("classic/mock-data/sd-without-credential-subject.json", "structure");
        assertFails("classic/mock-data/participant_without_proofs.json", "proof.present");
        assertFails("classic/sign/hasInvalidSignature.json", "proof.signature");
        assertFails("classic/sign/hasNoSignature1.json", "proof.present");
        assertFails("loire/cat-integration/vc20-invalid/bad-signature.vc2.jwt", "proof.signature");
        assertFails("loire/cat-integration/vc20-invalid/participant-expired.vc2.jwt", "validity.period");
    }

    /**
     * Accepted by XFSC, still refused here with the relaxation, each for a reason no check switch should hide: an
     * issuance date that is not a date-time (minute 73), claims that do not conform to the 22.10 shapes, and the Loire
     * 2511 JSON-LD context of the cat-integration credentials, of which no copy exists offline, so their claims cannot
     * be read as RDF.
     */
    @Test
    void whereFederatorStillDiffersItSaysWhy() throws Exception {
        HttpResponse<String> defaultSd = post("/self-descriptions", "classic/mock-data/default-sd.json");
        assertThat(XfscFixturesApiTest.checks(defaultSd)).containsExactly("validity.period");
        assertThat(Http.json(defaultSd).getString("message")).contains("2010-01-01T19:73:24Z");

        HttpResponse<String> complex = post("/self-descriptions", "classic/sign/valid_complex_signature.json");
        assertThat(complex.statusCode()).isEqualTo(422);
        assertThat(Http.json(complex).getString("reason")).isEqualTo("schema");

        for (String file : List.of("loire/cat-integration/loire-valid/participant.loire.signed.jwt",
                "loire/cat-integration/loire-valid/service-offering.loire.signed.jwt",
                "loire/cat-integration/enveloped-valid/participant.evp.jsonld")) {
            HttpResponse<String> r = post("/self-descriptions", file);
            assertThat(r.statusCode()).as(file).isEqualTo(422);
            assertThat(XfscFixturesApiTest.checks(r)).as(file).containsExactly("jsonld.context");
            assertThat(Http.json(r).getString("message")).as(file).contains("https://w3id.org/gaia-x/2511");
        }
    }

    void assertFails(String file, String check) throws Exception {
        HttpResponse<String> r = post("/self-descriptions", file);
        assertThat(r.statusCode()).as(file).isEqualTo(422);
        assertThat(XfscFixturesApiTest.checks(r)).as(file + ": " + r.body()).contains(check);
    }
}
