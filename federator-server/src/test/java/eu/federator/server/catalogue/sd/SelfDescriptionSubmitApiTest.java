package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.server.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /self-descriptions} over loopback: every status code of the submission, with Loire (vp+jwt, vc+jwt) and
 * Tagus (JSON-LD, JsonWebSignature2020) submissions made by {@link eu.federator.trustframework.compliance.ComplianceWorld}
 * parties.
 */
class SelfDescriptionSubmitApiTest extends CatalogueApiTestBase {

    @Test
    void aLoireOfferingPresentationIs201WithLocationAndEveryField() throws Exception {
        Provider p = provider("submit201");
        String vp = p.offeringVp("compute");
        HttpResponse<String> r = submit(admin(), "application/vp+jwt", vp);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(Http.contentType(r)).startsWith("application/json");
        JsonObject sd = Http.json(r);
        String hash = IngestPipeline.sha256Hex(vp.getBytes(StandardCharsets.UTF_8));
        assertThat(sd.getString("sdHash")).isEqualTo(hash);
        assertThat(r.headers().firstValue("Location")).hasValue("/self-descriptions/" + hash);
        assertThat(sd.getString("id")).isEqualTo(p.offeringSubject("compute"));
        assertThat(sd.getString("status")).isEqualTo("active");
        assertThat(sd.getString("issuer")).isEqualTo(p.did());
        assertThat(sd.getString("provider")).isEqualTo(p.did());
        assertThat(sd.getString("kind")).isEqualTo("service-offering");
        assertThat(strings(sd.get("types"))).contains(GX + "ServiceOffering");
        assertThat(sd.getString("format")).isEqualTo("vp+jwt");
        assertThat(sd.getString("contentType")).isEqualTo("application/vp+jwt");
        assertThat(strings(sd.get("validatorDids"))).contains(p.did() + "#key-1");
        assertThat(Instant.parse(sd.getString("uploadDatetime"))).isEqualTo(Instant.parse(sd.getString("statusDatetime")));
        assertThat(sd.getString("validFrom")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(Instant.parse(sd.getString("expirationDatetime"))).isBeforeOrEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(strings(sd.get("credentialIds"))).containsExactly(p.base + "compute.json");
        assertThat(sd.get("origin")).isIn(null, JsonValue.NULL);
        assertThat(sd.getString("title")).isEqualTo("compute");

        // GET /{hash}/meta answers the same metadata
        assertThat(Http.json(anonymous().get("/self-descriptions/" + hash + "/meta"))).isEqualTo(sd);
    }

    @Test
    void aLoireParticipantCredentialAloneIsAcceptedAsVcJwt() throws Exception {
        Provider p = provider("vcjwt");
        // a single credential, not a presentation: it states its registration number itself
        JsonObject legalPerson = p.legalPerson(cs -> { });
        JsonObject subject = Json.createObjectBuilder(legalPerson.getJsonObject("credentialSubject")).add("gx:registrationNumber",
                Json.createObjectBuilder().add("id", p.base + "vat#cs").add("type", "gx:VatID").add("gx:vatID", "BE0123456789")).build();
        String jwt = WORLD.sign(Json.createObjectBuilder(legalPerson).add("credentialSubject", subject).build(), p.party);
        HttpResponse<String> r = submit(admin(), "application/vc+jwt", jwt);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject sd = Http.json(r);
        assertThat(sd.getString("kind")).isEqualTo("participant");
        assertThat(sd.getString("format")).isEqualTo("vc+jwt");
        assertThat(sd.getString("id")).isEqualTo(p.legalPersonSubject());
    }

    @Test
    void aTagusJsonLdPresentationWithJsonWebSignature2020Is201() throws Exception {
        Provider p = provider("tagus");
        String tf = "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#";
        String registration = p.base + "lrn.json";
        JsonObject lrn = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1").add(tf))
                .add("type", Json.createArrayBuilder().add("VerifiableCredential"))
                .add("id", registration)
                .add("issuer", LOIRE.notary.did())
                .add("issuanceDate", "2026-01-01T00:00:00Z")
                .add("credentialSubject", Json.createObjectBuilder().add("type", "gx:legalRegistrationNumber")
                        .add("id", registration + "#cs").add("gx:vatID", "BE0762747721").add("gx:vatID-countryCode", "BE"))
                .build();
        JsonObject participant = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1").add(tf))
                .add("type", Json.createArrayBuilder().add("VerifiableCredential"))
                .add("id", p.base + "tagus-participant.json")
                .add("issuer", p.did())
                .add("issuanceDate", "2026-01-01T00:00:00Z")
                .add("credentialSubject", Json.createObjectBuilder().add("type", "gx:LegalParticipant")
                        .add("id", p.base + "tagus-participant.json#cs")
                        .add("gx:legalName", "Tagus Provider")
                        .add("gx:legalRegistrationNumber", Json.createObjectBuilder().add("id", registration + "#cs"))
                        .add("gx:headquarterAddress", Json.createObjectBuilder().add("gx:countrySubdivisionCode", "BE-BRU"))
                        .add("gx:legalAddress", Json.createObjectBuilder().add("gx:countrySubdivisionCode", "BE-BRU")))
                .build();
        CredentialSigner signer = new CredentialSigner();
        Instant now = Instant.now();
        JsonObject vp = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1"))
                .add("type", Json.createArrayBuilder().add("VerifiablePresentation"))
                .add("holder", p.did())
                .add("verifiableCredential", Json.createArrayBuilder()
                        .add(read(signer.sign(lrn, LOIRE.notary.key(), CredentialSigner.Format.JWS2020, now)))
                        .add(read(signer.sign(participant, p.party.key(), CredentialSigner.Format.JWS2020, now))))
                .build();
        String body = signer.sign(vp, p.party.key(), CredentialSigner.Format.JWS2020, now);

        HttpResponse<String> r = submit(admin(), "application/ld+json", body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject sd = Http.json(r);
        assertThat(sd.getString("kind")).isEqualTo("participant");
        assertThat(sd.getString("id")).isEqualTo(p.base + "tagus-participant.json#cs");
        assertThat(sd.getString("format")).isEqualTo("ldp_vp");
        assertThat(strings(sd.get("types"))).containsExactly(tf + "LegalParticipant");
        assertThat(sd.getString("title")).isEqualTo("Tagus Provider");
        assertThat(strings(sd.get("validatorDids"))).contains(p.did() + "#key-1", LOIRE.notary.did() + "#key-1");
        HttpResponse<byte[]> content = bytes(anonymous(), "/self-descriptions/" + sd.getString("sdHash"));
        assertThat(content.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(Http.contentType(content)).startsWith("application/ld+json");
    }

    static JsonObject read(String json) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void theSameBytesTwiceIs409() throws Exception {
        String vp = provider("twice").offeringVp("storage");
        assertThat(submit(admin(), "application/vp+jwt", vp).statusCode()).isEqualTo(201);

        HttpResponse<String> again = submit(admin(), "application/vp+jwt", vp);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).getString("code")).isEqualTo("conflict_error");
        assertThat(Http.json(again).getString("message")).isNotBlank();
    }

    @Test
    void malformedBodiesAre400ClientError() throws Exception {
        for (String[] bad : new String[][]{{"application/json", "{\"@context\": ["}, {"application/ld+json", "[1, 2"},
                {"application/vp+jwt", "this is not a JWT"}, {"application/vc+jwt", "e30.e30"}, {"application/json", ""},
                {"application/vp+jwt", ""}}) {
            HttpResponse<String> r = submit(admin(), bad[0], bad[1]);
            assertThat(r.statusCode()).as(bad[0] + " '" + bad[1] + "': " + r.body()).isEqualTo(400);
            assertThat(Http.contentType(r)).startsWith("application/json");
            JsonObject error = Http.json(r);
            assertThat(error.getString("code")).isEqualTo("client_error");
            assertThat(error.getString("message")).isNotBlank();
        }
    }

    @Test
    void anUnsupportedContentTypeIs415() throws Exception {
        for (String type : List.of("text/plain", "application/xml", "text/turtle")) {
            HttpResponse<String> r = submit(admin(), type, LOIRE.compliant());
            // decided before a catalogue handler is chosen, so a problem detail that lists what is accepted
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(Http.contentType(r)).startsWith("application/problem+json");
            JsonObject problem = Http.json(r);
            assertThat(problem.getString("type")).isEqualTo("/problems/unsupported-media-type");
            assertThat(strings(problem.get("accepted"))).contains("application/vp+jwt", "application/vc+jwt", "application/ld+json");
        }
    }

    @Test
    void aChunkedBodyAboveTheLimitIs413InTheXfscEnvelope() throws Exception {
        byte[] big = new byte[MAX_BODY + 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        Http admin = admin();
        // no Content-Length: the limit is found while reading
        HttpResponse<String> r = admin.send(admin.request("/self-descriptions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());

        assertThat(r.statusCode()).isEqualTo(413);
        JsonObject error = Http.json(r);
        assertThat(error.getString("code")).isEqualTo("payload_too_large");
    }

    @Test
    void aDeclaredContentLengthAboveTheLimitIs413BeforeAnyHandler() throws Exception {
        byte[] big = new byte[MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');
        HttpResponse<String> r = admin().post("/self-descriptions", "application/json", big);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(Http.contentType(r)).startsWith("application/problem+json");
        assertThat(Http.json(r).getString("type")).isEqualTo("/problems/payload-too-large");
    }

    @Test
    void aBrokenSignatureIs422WithProblems() throws Exception {
        String vp = provider("broken").offeringVp("network");
        char last = vp.charAt(vp.length() - 2);
        String tampered = vp.substring(0, vp.length() - 2) + (last == 'A' ? 'B' : 'A') + vp.charAt(vp.length() - 1);

        HttpResponse<String> r = submit(admin(), "application/vp+jwt", tampered);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonObject error = Http.json(r);
        assertThat(error.getString("code")).isEqualTo("verification_error");
        assertThat(error.getString("reason")).isEqualTo("verification");
        assertThat(error.getJsonArray("problems").stream().map(v -> v.asJsonObject().getString("check"))).contains("proof.signature");
        assertThat(error.getString("message")).contains("proof.signature");
    }

    @Test
    void anExpiredCredentialIs422() throws Exception {
        Provider p = provider("expired");
        JsonObject offering = Json.createObjectBuilder(p.offering("old", cs -> { })).add("validFrom", "2025-01-01T00:00:00Z")
                .add("validUntil", "2025-06-01T00:00:00Z").build();

        HttpResponse<String> r = submit(admin(), "application/vp+jwt", p.offeringVp(offering));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(Http.json(r).getJsonArray("problems").stream().map(v -> v.asJsonObject().getString("check"))).contains("validity.period");
    }

    @Test
    void claimsThatBreakTheShapesAre422WithTheViolations() throws Exception {
        Provider p = provider("shacl");
        // the 25.11 LegalPerson shape requires a registration number
        JsonObject legalPerson = Json.createObjectBuilder(p.legalPerson(cs -> { })).build();
        JsonObject subject = Json.createObjectBuilder(legalPerson.getJsonObject("credentialSubject")).remove("gx:registrationNumber").build();
        JsonObject withoutNumber = Json.createObjectBuilder(legalPerson).add("credentialSubject", subject).build();
        String vp = WORLD.presentation(p.party, List.of(WORLD.sign(withoutNumber, p.party)));

        HttpResponse<String> r = submit(admin(), "application/vp+jwt", vp);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonObject error = Http.json(r);
        assertThat(error.getString("code")).isEqualTo("verification_error");
        assertThat(error.getString("reason")).isEqualTo("schema");
        assertThat(error.getJsonArray("problems")).anySatisfy(v -> {
            JsonObject problem = v.asJsonObject();
            assertThat(problem.getString("check")).isEqualTo("sh:MinCountConstraintComponent");
            assertThat(problem.getString("focus")).isEqualTo(p.legalPersonSubject());
            assertThat(problem.getString("message")).contains("registrationNumber");
        });
    }

    @Test
    void aSubmissionWithoutABaseClassIs422() throws Exception {
        // a registration number credential alone: no participant, offering, resource or data product
        String jwt = WORLD.sign(provider("nobase").registrationNumber(), LOIRE.notary);

        HttpResponse<String> r = submit(admin(), "application/vc+jwt", jwt);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonObject error = Http.json(r);
        assertThat(error.getString("code")).isEqualTo("verification_error");
        assertThat(error.getString("reason")).isEqualTo("semantics");
        assertThat(error.getJsonArray("problems").getJsonObject(0).getString("check")).isEqualTo("base-class");
        assertThat(error.getString("message")).contains("VatID");
    }

    @Test
    void withoutATokenItIs401() throws Exception {
        HttpResponse<String> r = submit(anonymous(), "application/vp+jwt", provider("anon").offeringVp("x"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Http.json(r).getString("type")).isEqualTo("/problems/unauthorized");
    }

    @Test
    void aTokenOfAnotherParticipantIs403AndTheProvidersOwnTokenIs201() throws Exception {
        Provider p = provider("owner");
        String vp = p.offeringVp("analytics");

        HttpResponse<String> other = submit(as("did:web:someone-else.example.org", "Ro-SD-A"), "application/vp+jwt", vp);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        JsonObject error = Http.json(other);
        assertThat(error.getString("code")).isEqualTo("forbidden_error");
        assertThat(error.getString("message")).contains(p.did()).contains("did:web:someone-else.example.org");

        HttpResponse<String> none = submit(as(null, "Ro-SD-A"), "application/vp+jwt", vp);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(Http.json(none).getString("message")).contains("participant_id");

        assertThat(Http.json(anonymous().get("/self-descriptions?ids=" + encode(p.offeringSubject("analytics")))).getInt("totalCount"))
                .isZero();

        HttpResponse<String> own = submit(as(p.did(), "Ro-SD-A"), "application/vp+jwt", vp);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        HttpResponse<String> participantAdmin = submit(as(p.did(), "Ro-MU-A"), "application/vp+jwt", p.offeringVp("analytics-2"));
        assertThat(participantAdmin.statusCode()).as(participantAdmin.body()).isEqualTo(201);
    }

    @Test
    void aTokenWithoutASubmittingRoleIs403BySecurity() throws Exception {
        Provider p = provider("userAdmin");
        HttpResponse<String> r = submit(as(p.did(), "Ro-PA-A"), "application/vp+jwt", p.offeringVp("x"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.json(r).getString("type")).isEqualTo("/problems/forbidden");
    }
}
