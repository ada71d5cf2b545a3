package eu.federator.dataspace.policy;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.internal.Node;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.policy.Requester.HeldCredential;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy matrix: credential-based constraints allow and deny, with every reason. */
class PolicyEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String ACME = "did:web:acme.example";

    /** Loire: a legal person in Germany, with a compliance label and a membership credential. */
    private static final Requester LOIRE = new Requester(ACME, List.of(
            held("""
                    {"type":["VerifiableCredential","gx:LegalPerson"],"issuer":"did:web:acme.example",
                     "credentialSubject":{"id":"did:web:acme.example#legal-person","gx:legalAddress":{"type":"gx:Address","gx:countryCode":"DE"}}}"""),
            held("""
                    {"type":["VerifiableCredential","gx:LabelCredential"],"issuer":"did:web:compliance.example",
                     "credentialSubject":{"id":"urn:uuid:label-1","gx:labelLevel":"SC"}}"""),
            held("""
                    {"type":["VerifiableCredential","MembershipCredential"],"issuer":"did:web:authority.example",
                     "credentialSubject":{"id":"did:web:acme.example","memberOf":"catena"}}""")));

    /** Tagus: a legal participant whose address has only a subdivision code; no label. */
    private static final Requester TAGUS = new Requester("did:web:old.example", List.of(held("""
            {"type":["VerifiableCredential"],"issuer":"did:web:old.example",
             "credentialSubject":{"id":"did:web:old.example","type":"gx:LegalParticipant","gx:legalAddress":{"gx:countrySubdivisionCode":"FR-75"}}}""")));

    /** Nobody vouched for anything. */
    private static final Requester BARE = new Requester("did:web:nobody.example", List.of());

    /** A membership credential about someone else does not make the requester a member. */
    private static final Requester BORROWED = new Requester("did:web:thief.example", List.of(held("""
            {"type":["VerifiableCredential","MembershipCredential"],"issuer":"did:web:authority.example",
             "credentialSubject":{"id":"did:web:acme.example"}}""")));

    private final PolicyEvaluator evaluator = new PolicyEvaluator(LeftOperands.defaults());

    static Stream<Arguments> matrix() {
        return Stream.of(
                // compliance label
                allow(LOIRE, perm(atomic("gx:compliance", "eq", "\"true\""))),
                deny(BARE, perm(atomic("gx:compliance", "eq", "\"true\"")),
                        "/permission/0/constraint/0: gx:compliance is false, required eq true"),
                allow(LOIRE, perm(atomic("gx:labelLevel", "isAnyOf", "[\"SC\",\"L1\"]"))),
                deny(BARE, perm(atomic("gx:labelLevel", "isAllOf", "[\"SC\"]")),
                        "/permission/0/constraint/0: gx:labelLevel is (none), required isAllOf [SC]"),
                // country of registration
                allow(LOIRE, perm(atomic("gx:countryCode", "eq", "\"DE\""))),
                allow(LOIRE, perm(atomic("gx:countryCode", "isAnyOf", "[\"DE\",\"FR\"]"))),
                allow(TAGUS, perm(atomic("gx:countryCode", "in", "[\"FR\"]"))),
                deny(LOIRE, perm(atomic("gx:countryCode", "eq", "\"FR\"")),
                        "/permission/0/constraint/0: gx:countryCode is DE, required eq FR"),
                deny(LOIRE, perm(atomic("gx:countryCode", "isNoneOf", "[\"DE\",\"AT\"]")),
                        "/permission/0/constraint/0: gx:countryCode is DE, required isNoneOf [DE, AT]"),
                // an unknown country is not "not in the list"
                deny(BARE, perm(atomic("gx:countryCode", "isNoneOf", "[\"RU\"]")),
                        "/permission/0/constraint/0: the country of did:web:nobody.example is unknown: it presented no verified "
                                + "legal-person credential about itself with a legal address (gx:legalAddress with gx:countryCode)"),
                // membership
                allow(LOIRE, perm(atomic("credentialType", "eq", "\"MembershipCredential\""))),
                allow(LOIRE, perm(atomic("credentialType", "isAllOf", "[\"MembershipCredential\",\"gx:LegalPerson\"]"))),
                deny(BORROWED, perm(atomic("credentialType", "eq", "\"MembershipCredential\"")),
                        "/permission/0/constraint/0: credentialType is (none), required eq MembershipCredential"),
                allow(LOIRE, perm(atomic("participantId", "eq", "\"" + ACME + "\""))),
                deny(LOIRE, perm(atomic("participantId", "neq", "\"" + ACME + "\"")),
                        "/permission/0/constraint/0: participantId is did:web:acme.example, required neq did:web:acme.example"),
                // time
                allow(LOIRE, perm(atomic("dateTime", "lteq", "{\"@value\":\"2030-01-01T00:00:00Z\",\"@type\":\"xsd:dateTime\"}"))),
                deny(LOIRE, perm(atomic("dateTime", "gt", "\"2030-01-01T00:00Z\"")),
                        "/permission/0/constraint/0: dateTime is 2026-03-01T12:00:00Z, required gt 2030-01-01T00:00Z"),
                deny(LOIRE, perm(atomic("dateTime", "gt", "\"soon\"")),
                        "/permission/0/constraint/0: cannot compare dateTime value \"2026-03-01T12:00:00Z\" with \"soon\": both must be "
                                + "numbers or both date-times with a time zone"),
                // what cannot be evaluated denies, wherever it is
                deny(LOIRE, perm(atomic("partner", "eq", "\"gold\"")),
                        "/permission/0/constraint/0: unknown left operand \"partner\": this evaluator knows [dateTime, participantId, "
                                + "gx:compliance, gx:labelLevel, gx:countryCode, credentialType]"),
                deny(LOIRE, perm(atomic("gx:countryCode", "approximately", "\"DE\"")),
                        "/permission/0/constraint/0: unknown operator \"approximately\": supported are [eq, neq, gt, gteq, lt, lteq, in, "
                                + "isAnyOf, isAllOf, isNoneOf]"),
                deny(LOIRE, perm(atomic("credentialType", "isA", "\"MembershipCredential\"")),
                        "/permission/0/constraint/0: operator \"isA\" is not supported by this evaluator: supported are [eq, neq, gt, "
                                + "gteq, lt, lteq, in, isAnyOf, isAllOf, isNoneOf]"),
                deny(LOIRE, perm(atomic("gx:countryCode", "eq", "[\"DE\",\"FR\"]")),
                        "/permission/0/constraint/0: operator eq needs a single right operand, not a list"),
                deny(LOIRE, perm("{\"or\":[" + atomic("partner", "eq", "\"gold\"") + "," + atomic("gx:countryCode", "eq", "\"DE\"") + "]}"),
                        "/permission/0/constraint/0/or/0: unknown left operand \"partner\": this evaluator knows [dateTime, "
                                + "participantId, gx:compliance, gx:labelLevel, gx:countryCode, credentialType]"),
                deny(LOIRE, "{\"@id\":\"urn:o\",\"@type\":\"Offer\",\"prohibition\":[{\"action\":\"use\",\"constraint\":["
                                + atomic("partner", "eq", "\"gold\"") + "]}]}",
                        "/prohibition/0/constraint/0: unknown left operand \"partner\": this evaluator knows [dateTime, participantId, "
                                + "gx:compliance, gx:labelLevel, gx:countryCode, credentialType]"),
                // logical constraints
                allow(LOIRE, perm("{\"or\":[" + atomic("gx:countryCode", "eq", "\"FR\"") + "," + atomic("gx:compliance", "eq", "\"true\"") + "]}")),
                deny(BARE, perm("{\"or\":[" + atomic("participantId", "eq", "\"did:web:x\"") + "," + atomic("gx:compliance", "eq", "\"true\"") + "]}"),
                        "/permission/0/constraint/0: none of the 2 alternatives (or) holds",
                        "/permission/0/constraint/0/or/0: participantId is did:web:nobody.example, required eq did:web:x",
                        "/permission/0/constraint/0/or/1: gx:compliance is false, required eq true"),
                allow(LOIRE, perm("{\"xone\":[" + atomic("gx:countryCode", "eq", "\"FR\"") + "," + atomic("gx:compliance", "eq", "\"true\"") + "]}")),
                deny(LOIRE, perm("{\"xone\":[" + atomic("gx:countryCode", "eq", "\"DE\"") + "," + atomic("gx:compliance", "eq", "\"true\"") + "]}"),
                        "/permission/0/constraint/0: 2 of the 2 alternatives (xone) hold, exactly one must"),
                allow(LOIRE, perm("{\"and\":[" + atomic("gx:countryCode", "eq", "\"DE\"") + "," + atomic("gx:compliance", "eq", "\"true\"") + "]}")),
                deny(TAGUS, perm("{\"andSequence\":[" + atomic("gx:countryCode", "eq", "\"FR\"") + "," + atomic("gx:compliance", "eq", "\"true\"") + "]}"),
                        "/permission/0/constraint/0/andSequence/1: gx:compliance is false, required eq true"),
                // prohibitions
                allow(LOIRE, "{\"@id\":\"urn:o\",\"@type\":\"Offer\",\"prohibition\":[{\"action\":\"use\",\"constraint\":["
                        + atomic("gx:countryCode", "eq", "\"RU\"") + "]}]}"),
                deny(TAGUS, "{\"@id\":\"urn:o\",\"@type\":\"Offer\",\"prohibition\":[{\"action\":\"use\",\"constraint\":["
                        + atomic("gx:countryCode", "eq", "\"FR\"") + "]}]}", "/prohibition/0: prohibited: use, because all its constraints hold"),
                deny(LOIRE, "{\"@id\":\"urn:o\",\"@type\":\"Offer\",\"prohibition\":[{\"action\":\"distribute\"}]}",
                        "/prohibition/0: prohibited: distribute (unconditionally)"),
                // every reason, not the first
                deny(BARE, "{\"@id\":\"urn:o\",\"@type\":\"Offer\",\"permission\":[{\"action\":\"use\",\"constraint\":["
                                + atomic("gx:compliance", "eq", "\"true\"") + "," + atomic("credentialType", "isAnyOf", "[\"MembershipCredential\"]")
                                + "],\"duty\":[{\"action\":\"delete\",\"constraint\":[" + atomic("dateTime", "lt", "\"2020-01-01T00:00:00Z\"") + "]}]}],"
                                + "\"obligation\":[{\"action\":\"notify\",\"constraint\":[" + atomic("participantId", "eq", "\"did:web:x\"") + "]}]}",
                        "/permission/0/constraint/0: gx:compliance is false, required eq true",
                        "/permission/0/constraint/1: credentialType is (none), required isAnyOf [MembershipCredential]",
                        "/permission/0/duty/0/constraint/0: dateTime is 2026-03-01T12:00:00Z, required lt 2020-01-01T00:00:00Z",
                        "/obligation/0/constraint/0: participantId is did:web:nobody.example, required eq did:web:x"),
                allow(BARE, "{\"@id\":\"urn:o\",\"@type\":\"Offer\",\"permission\":[{\"action\":\"use\"}]}"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("matrix")
    void decides(Requester requester, String policy, String expected, List<String> reasons) {
        PolicyDecision decision = evaluator.evaluate(offer(policy), new PolicyContext(requester, NOW));
        assertThat(decision.allowed()).as(policy).isEqualTo(expected.startsWith("allow"));
        assertThat(decision.reasons()).map(Problem::toString).containsExactlyElementsOf(reasons);
    }

    @Test
    void anEvaluatorWithoutOperandsDeniesEveryConstraintAndAnAddedOperandIsUsed() {
        String policy = perm(atomic("partner", "eq", "\"gold\""));
        assertThat(new PolicyEvaluator(LeftOperands.none()).evaluate(offer(policy), new PolicyContext(LOIRE, NOW)).allowed()).isFalse();
        PolicyEvaluator withPartner = new PolicyEvaluator(LeftOperands.none().with("partner", c -> eu.federator.dataspace.Result.success(
                List.of(c.requester().participantId().equals(ACME) ? "gold" : "silver"))));
        assertThat(withPartner.evaluate(offer(policy), new PolicyContext(LOIRE, NOW)).allowed()).isTrue();
        assertThat(withPartner.evaluate(offer(policy), new PolicyContext(BARE, NOW)).reasons()).map(Problem::toString)
                .containsExactly("/permission/0/constraint/0: partner is silver, required eq gold");
    }

    @Test
    void onlyValidCredentialsOfAVerificationReachPolicies() {
        JsonObject member = json("{\"type\":[\"VerifiableCredential\",\"MembershipCredential\"],\"credentialSubject\":{\"id\":\"" + ACME + "\"}}");
        JsonObject forged = json("{\"type\":[\"VerifiableCredential\",\"gx:LabelCredential\"],\"credentialSubject\":{\"id\":\"urn:l\"}}");
        VerificationResult verified = new VerificationResult("vp+jwt", List.of(
                new CredentialReport("urn:vp", ACME, "VerifiablePresentation", "vp+jwt", null, null,
                        List.of(Check.passed("signature", "ok")), json("{\"type\":\"VerifiablePresentation\"}"), null),
                new CredentialReport("urn:m", "did:web:authority", "VerifiableCredential", "vc+jwt", null, null,
                        List.of(Check.passed("signature", "ok")), member, null),
                new CredentialReport("urn:f", "did:web:forger", "VerifiableCredential", "vc+jwt", null, null,
                        List.of(new Check("signature", Check.Outcome.FAILED, "bad signature")), forged, null)), List.of());
        Requester requester = Requester.of(ACME, verified);
        assertThat(requester.credentials()).hasSize(1);
        assertThat(evaluator.evaluate(offer(perm(atomic("credentialType", "eq", "\"MembershipCredential\""))),
                new PolicyContext(requester, NOW)).allowed()).isTrue();
        assertThat(evaluator.evaluate(offer(perm(atomic("gx:compliance", "eq", "\"true\""))),
                new PolicyContext(requester, NOW)).allowed()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Arguments allow(Requester r, String policy) {
        return Arguments.of(r, policy, "allow " + r.participantId() + " " + policy, List.of());
    }

    private static Arguments deny(Requester r, String policy, String... reasons) {
        return Arguments.of(r, policy, "deny " + r.participantId() + " " + policy, List.of(reasons));
    }

    private static String perm(String constraint) {
        return "{\"@id\":\"urn:o\",\"@type\":\"Offer\",\"permission\":[{\"action\":\"use\",\"constraint\":[" + constraint + "]}]}";
    }

    private static String atomic(String left, String operator, String right) {
        return "{\"leftOperand\":\"" + left + "\",\"operator\":\"" + operator + "\",\"rightOperand\":" + right + "}";
    }

    static Offer offer(String json) {
        List<Problem> problems = new ArrayList<>();
        Offer offer = Odrl.readOffer(new Node(json(json), "", problems), Odrl.OfferPlace.CATALOG);
        assertThat(problems).as(json).isEmpty();
        return offer;
    }

    private static HeldCredential held(String json) {
        return HeldCredential.of(json(json));
    }

    static JsonObject json(String json) {
        try {
            return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
