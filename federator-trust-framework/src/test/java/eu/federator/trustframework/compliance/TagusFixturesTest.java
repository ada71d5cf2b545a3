package eu.federator.trustframework.compliance;

import eu.federator.credentials.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GXDCH v1 test fixtures (fixtures/gaiax/tagus-2210).
 *
 * <p>How their signatures are evaluated: the issuers' DIDs (did:web:wizard.lab.gaia-x.eu:..., the Lab notary) no
 * longer resolve, so their keys cannot be fetched. The engine runs against a web mirror that holds no document for the
 * signing DIDs: rules {@code tagus.signature} and {@code tagus.certificate-chain} must then fail with "cannot resolve"
 * and NOTHING else may fail — proof presence and every structural and business rule pass. The cryptographic
 * correctness of these very signatures is tested by the trust core against the DID keys recovered from the fixtures
 * (federator-credentials, jws2020 vectors), independently of compliance.
 *
 * <p>CPR-08 (every did:web in a participant subject resolves) is evaluated for real: the test publishes a DID
 * document for each did:web string that occurs in a credential subject into the mirror (and only those: the issuers'
 * DIDs stay unresolvable, as they are today). One fixture (service-offering-and-resources-vp.json) names its provider
 * by a Lab-wizard did:web whose opaque path segment is longer than a file name may be, so it cannot be published in a
 * web mirror: there CPR-08 reports exactly that DID as unresolvable, which the test asserts.
 */
class TagusFixturesTest {

    static Path fixtures = Path.of(System.getProperty("federator.fixtures")).resolve("gaiax/tagus-2210");
    static Set<String> SIGNATURE_RULES = Set.of(RuleIds.TAGUS_SIGNATURE, RuleIds.TAGUS_CERTIFICATE);

    @TempDir
    static Path dir;
    static ComplianceWorld world;
    static ComplianceEngine engine;

    @BeforeAll
    static void world() throws IOException {
        world = new ComplianceWorld(dir);
        try (var files = Files.list(fixtures.resolve("vp"))) {
            for (Path file : files.toList()) {
                JsonObject vp = Json.parseObject(Files.readAllBytes(file));
                for (JsonValue vc : vp.getJsonArray("verifiableCredential")) {
                    Set<String> dids = new LinkedHashSet<>();
                    collect(vc.asJsonObject().get("credentialSubject"), dids);
                    for (String did : dids) {
                        if (publishable(did)) {
                            world.publishDid(did);
                        }
                    }
                }
            }
        } catch (eu.federator.credentials.json.JsonSyntaxException e) {
            throw new IllegalStateException(e);
        }
        engine = world.engine();
    }

    /** A web-mirror file path segment must fit a file name (255 bytes); the Lab wizard's opaque DIDs do not. */
    static boolean publishable(String did) {
        return java.util.Arrays.stream(did.split(":")).allMatch(segment -> segment.length() < 255);
    }

    private static void collect(JsonValue value, Set<String> dids) {
        if (value instanceof JsonString s && s.getString().startsWith("did:web:")) {
            dids.add(s.getString().split("[#?]")[0]);
        } else if (value instanceof JsonObject o) {
            o.values().forEach(v -> collect(v, dids));
        } else if (value instanceof JsonArray a) {
            a.forEach(v -> collect(v, dids));
        }
    }

    static ComplianceReport evaluate(String file) throws IOException {
        return engine.evaluate(Files.readAllBytes(fixtures.resolve(file)), null, ComplianceOptions.at(ComplianceWorld.NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"participant-vp.json", "service-offering-vp.json", "service-offering-and-resources-vp.json",
            "terms-and-conditions-vp.json", "service-offering-label-level-1.json"})
    void signedFixturesPassEveryStructuralAndBusinessRule(String file) throws IOException {
        ComplianceReport report = evaluate("vp/" + file);
        assertThat(report.version()).isEqualTo("22.10");
        List<RuleResult> others = report.failures().stream().filter(r -> !SIGNATURE_RULES.contains(r.id()))
                .filter(r -> !(r.id().equals(RuleIds.TAGUS_DID_RESOLVABLE) && unpublishableOnly(r.message()))).toList();
        assertThat(others).as("failures other than the unverifiable signatures").isEmpty();
        assertThat(report.rules()).filteredOn(r -> r.id().equals(RuleIds.TAGUS_PROOF)).isNotEmpty().allMatch(RuleResult::ok);
        assertThat(report.rules()).filteredOn(r -> r.id().equals(RuleIds.TAGUS_SHACL)).isNotEmpty().allMatch(RuleResult::ok);
        // the signatures are unverifiable only because the issuers' DIDs do not resolve
        assertThat(report.failures()).filteredOn(r -> r.id().equals(RuleIds.TAGUS_SIGNATURE)).isNotEmpty()
                .allMatch(r -> r.message().contains("key.resolved"), "fails at key resolution");
    }

    /** The CPR-08 failure names only DIDs that a web mirror cannot hold (see the class comment). */
    static boolean unpublishableOnly(String message) {
        var m = java.util.regex.Pattern.compile("did:web:[^ ,\\]\\[(]+").matcher(message);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (publishable(m.group())) {
                return false;
            }
        }
        return any;
    }

    @Test
    void participantPassesTheBusinessRulesOneByOne() throws IOException {
        ComplianceReport report = evaluate("vp/participant-vp.json");
        for (String rule : List.of(RuleIds.TAGUS_SHAPES_REGISTERED, RuleIds.TAGUS_TERMS_PER_ISSUER, RuleIds.TAGUS_LEGAL_ADDRESS,
                RuleIds.TAGUS_DID_RESOLVABLE, RuleIds.TAGUS_REGISTRATION_NUMBER, RuleIds.TAGUS_REGISTRATION_NOTARY)) {
            assertThat(report.rules()).as(rule).filteredOn(r -> r.id().equals(rule)).isNotEmpty().allMatch(RuleResult::ok);
        }
    }

    @Test
    void faultyParticipantFailsTheShapes() throws IOException {
        // "gx:headqarterAddress" (sic): the required gx:headquarterAddress is missing
        ComplianceReport report = evaluate("vp-negative/participant-vp-faulty.json");
        assertThat(report.failures()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(RuleIds.TAGUS_SHACL);
            assertThat(r.message()).contains("headquarterAddress");
        });
    }

    @Test
    void missingProofIsNamed() throws IOException {
        ComplianceReport report = evaluate("vp-negative/participant-vp-faulty-missing-proof.json");
        assertThat(report.failures()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(RuleIds.TAGUS_PROOF);
            assertThat(r.message()).contains("proof not found");
            assertThat(r.focus()).isEqualTo("did:web:raw.githubusercontent.com:egavard:payload-sign:master");
        });
    }

    @Test
    void absentProviderFailsShapesAndIssuerMatch() throws IOException {
        ComplianceReport report = evaluate("vp-negative/service-offering-vp-providedBy-absent.json");
        assertThat(report.failures()).extracting(RuleResult::id).contains(RuleIds.TAGUS_PROVIDER_ISSUER);
        assertThat(report.failures()).extracting(RuleResult::id).contains(RuleIds.TAGUS_SHACL);
    }

    @Test
    void invalidStructureFailsTheShapes() throws IOException {
        ComplianceReport report = evaluate("vp-negative/service-offering-vp-structure-invalid.json");
        assertThat(report.failures()).extracting(RuleResult::id).contains(RuleIds.TAGUS_SHACL);
    }

    @Test
    void labelLevelOneWithDeniedCriteriaFails() throws IOException {
        ComplianceReport report = evaluate("vp-negative/service-offering-label-level-1-invalid.json");
        assertThat(report.failures()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(RuleIds.TAGUS_LABEL_LEVEL_1);
            assertThat(r.message()).contains("P1.1.2=[Deny]", "P1.2.2=[Not applicable]", "P2.3.2=[Deny]", "P3.1.20=[Deny]");
        });
    }
}
