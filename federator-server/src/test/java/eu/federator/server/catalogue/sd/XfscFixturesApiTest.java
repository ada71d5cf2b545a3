package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XFSC fixtures ({@code ../shared/fixtures/xfsc}, see its SOURCES.md) submitted over HTTP to a catalogue with
 * Federator's defaults: every check on, nothing relaxed. Each row gives the exact set of failed checks, so a verdict
 * that changes for another reason fails the test.
 * <p>
 * XFSC accepts the "valid" classic fixtures, which a key of {@code did:web:compliance.lab.gaia-x.eu} signed on behalf
 * of other issuers and holders: Federator refuses them ({@code issuer.binding}, {@code holder.binding}) unless an
 * operator relaxes those checks ({@link XfscRelaxedFixturesApiTest}). The cat-integration JWTs are signed with an Ed25519
 * key whose DID document points (x5u) at a certificate of another, RSA key: {@code certificate.key-match}. The trust
 * anchors here include both fixture roots, so no fixture fails on its chain.
 */
class XfscFixturesApiTest extends CatalogueApiTestBase {

    static String contentType(String file) {
        if (file.endsWith(".jwt")) {
            return file.contains("vp") ? "application/vp+jwt" : "application/vc+jwt";
        }
        return file.endsWith(".jsonld") ? "application/ld+json" : "application/json";
    }

    static List<String> checks(HttpResponse<String> r) {
        return Http.json(r).getJsonArray("problems").stream().map(p -> p.asJsonObject().getString("check")).distinct().sorted().toList();
    }

    @ParameterizedTest(name = "{0}: Federator 422 {2}; XFSC {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # file                                                     | reason       | failed checks                                          | XFSC
            classic/mock-data/default-sd.json                          | verification | issuer.binding validity.period                         | 201 (issuanceDate 19:73:24 is no dateTime)
            classic/mock-data/default-sd-service-offering.json         | verification | issuer.binding validity.period                         | 201
            classic/mock-data/default_participant.json                 | verification | holder.binding issuer.binding                          | 201
            classic/mock-data/alternative_participant.json             | verification | holder.binding issuer.binding                          | 201
            classic/mock-data/unique_participant.json                  | verification | holder.binding issuer.binding                          | 201
            classic/mock-data/sd-without-issuer.json                   | verification | issuer.binding structure validity.period               | 422
            classic/mock-data/sd-without-credential-subject.json       | verification | issuer.binding structure validity.period               | 422 Semantic Errors
            classic/mock-data/participant_without_proofs.json          | verification | proof.present validity.period                          | 422
            classic/mock-data/new_participant.json                     | verification | key.resolved proof.algorithm proof.signature validity.period | not used
            classic/sign/valid_signature.json                          | verification | holder.binding issuer.binding                          | valid
            classic/sign/valid_complex_signature.json                  | verification | issuer.binding                                         | valid
            classic/sign/hasInvalidSignature.json                      | verification | issuer.binding proof.signature                         | 422 does not match with proof
            classic/sign/lacksSomeSignatures.json                      | verification | issuer.binding proof.present                           | 422 No proof found
            classic/sign/hasNoSignature1.json                          | verification | proof.present                                          | 422 No proof found
            classic/sign/hasInvalidSignatureType.json                  | verification | issuer.binding key.resolved proof.signature            | 422 Unknown Verification Method
            classic/sign/hasNoSignature2.json                          | verification | structure                                              | not a VP/VC
            loire/cat-integration/loire-valid/participant.loire.signed.jwt             | verification | certificate.key-match      | 201
            loire/cat-integration/loire-valid/participant.vc2.signed.jwt               | verification | certificate.key-match      | 201
            loire/cat-integration/loire-valid/participant-vp.loire.signed.jwt          | verification | certificate.key-match      | 201
            loire/cat-integration/loire-valid/participant.vp2.signed.jwt               | verification | certificate.key-match      | 201
            loire/cat-integration/loire-valid/service-offering.loire.signed.jwt        | verification | certificate.key-match      | 201
            loire/cat-integration/loire-valid/digital-service-offering.loire.signed.jwt | verification | certificate.key-match     | 201
            loire/cat-integration/enveloped-valid/participant.evc.jsonld               | verification | certificate.key-match      | 201
            loire/cat-integration/enveloped-valid/participant.evp.jsonld               | verification | certificate.key-match      | 201
            loire/cat-integration/vc20-invalid/bad-signature.vc2.jwt                   | verification | certificate.key-match proof.signature | 422 signature
            loire/cat-integration/vc20-invalid/bad-signature.vc2.jsonld                | verification | proof.present              | unsigned payload of the above
            loire/cat-integration/vc20-invalid/participant-expired.vc2.jwt             | verification | certificate.key-match validity.period | 422 expired
            loire/cat-integration/vc20-invalid/vp-iss-holder-mismatch.jwt              | verification | certificate.key-match holder.binding  | 422 holder is not iss
            """)
    void federatorsStrictVerdict(String file, String reason, String failedChecks, String xfsc) throws Exception {
        byte[] body = Files.readAllBytes(TestDirectories.fixtures().resolve("xfsc").resolve(file));

        for (String path : List.of("/self-descriptions", "/participants")) {
            HttpResponse<String> r = admin().post(path, contentType(file), body);

            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(422);
            JsonObject error = Http.json(r);
            assertThat(error.getString("code")).isEqualTo("verification_error");
            assertThat(error.getString("reason")).isEqualTo(reason);
            assertThat(checks(r)).as(path + " " + r.body()).isEqualTo(List.of(failedChecks.split(" ")));
        }
    }

    /**
     * sd_resource.json is the one classic fixture its issuer signed itself: accepted as it is, as in XFSC. Its subject's
     * own context maps the prefix "did" to https://www.w3.org/TR/did-core/#, so the subject is that IRI, not the text
     * of its id: the catalogue names subjects as their claims do.
     */
    @org.junit.jupiter.api.Test
    void theSelfSignedResourceFixtureIsAcceptedAsAResource() throws Exception {
        HttpResponse<String> r = admin().post("/self-descriptions", "application/json",
                Files.readAllBytes(TestDirectories.fixtures().resolve("xfsc/classic/mock-data/sd_resource.json")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject sd = Http.json(r);
        assertThat(sd.getString("kind")).isEqualTo("resource");
        assertThat(sd.getString("id")).isEqualTo("https://www.w3.org/TR/did-core/#example:fad49ec6-d488-4bf9-bae5-d0ffa62a9bd2");
        assertThat(sd.getString("issuer")).isEqualTo("did:web:compliance.lab.gaia-x.eu");
    }
}
