package eu.federator.dataspace.protocol;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.policy.Constraint;
import eu.federator.dataspace.protocol.DspMessage.Catalog;
import eu.federator.dataspace.protocol.DspMessage.ContractAgreementMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferStartMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DspJsonTest {
    private static final String CTX = "\"@context\":[\"https://w3id.org/dspace/2025/1/context.jsonld\"],";
    private static final String OFFER = "{\"@id\":\"urn:uuid:offer-1\",\"@type\":\"Offer\",\"target\":\"urn:uuid:dataset-1\","
            + "\"permission\":[{\"action\":\"use\",\"constraint\":[{\"leftOperand\":\"gx:countryCode\",\"operator\":\"isAnyOf\","
            + "\"rightOperand\":[\"DE\",\"FR\"]}]}]}";
    private static final String AGREEMENT = "{\"@id\":\"urn:uuid:agreement-1\",\"@type\":\"Agreement\",\"target\":\"urn:uuid:dataset-1\","
            + "\"assigner\":\"did:web:provider.example\",\"assignee\":\"did:web:consumer.example\",\"timestamp\":\"2026-01-31T12:00:00Z\","
            + "\"permission\":[{\"action\":\"use\",\"constraint\":[{\"or\":[{\"leftOperand\":\"dateTime\",\"operator\":\"lteq\","
            + "\"rightOperand\":\"2027-01-01T00:00:00Z\"},{\"leftOperand\":\"gx:compliance\",\"operator\":\"eq\",\"rightOperand\":\"true\"}]}],"
            + "\"duty\":[{\"action\":\"delete\"}]}],\"prohibition\":[{\"action\":\"distribute\"}]}";
    private static final String ADDRESS = "{\"@type\":\"DataAddress\",\"endpointType\":\"https://w3id.org/idsa/v4.1/HTTP\","
            + "\"endpoint\":\"https://provider.example/data\",\"endpointProperties\":[{\"@type\":\"EndpointProperty\",\"name\":\"authorization\","
            + "\"value\":\"TOKEN-1\"},{\"@type\":\"EndpointProperty\",\"name\":\"authType\",\"value\":\"bearer\"}]}";

    /** One example of every message, in the form the spec shows; each is read and written back unchanged. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{" + CTX + "\"@type\":\"CatalogRequestMessage\",\"filter\":[]}",
            "{" + CTX + "\"@type\":\"CatalogRequestMessage\",\"filter\":[{\"q\":\"x\"}],\"ext:page\":2}",
            "{" + CTX + "\"@type\":\"DatasetRequestMessage\",\"dataset\":\"urn:uuid:dataset-1\"}",
            "{" + CTX + "\"@type\":\"Catalog\",\"@id\":\"urn:uuid:catalog-1\",\"participantId\":\"did:web:provider.example\","
                    + "\"service\":[{\"@id\":\"urn:uuid:service-1\",\"@type\":\"DataService\",\"endpointURL\":\"https://provider.example/dsp\"}],"
                    + "\"dataset\":[{\"@type\":\"Dataset\",\"@id\":\"urn:uuid:dataset-1\",\"hasPolicy\":[{\"@id\":\"urn:uuid:offer-1\",\"@type\":\"Offer\","
                    + "\"permission\":[{\"action\":\"use\"}]}],\"distribution\":[{\"@type\":\"Distribution\",\"format\":\"HttpData-PULL\","
                    + "\"accessService\":\"urn:uuid:service-1\"}],\"title\":\"Weather\"}],"
                    + "\"catalog\":[{\"@type\":\"Catalog\",\"@id\":\"urn:uuid:catalog-2\",\"service\":[],\"dataset\":[]}]}",
            "{" + CTX + "\"@type\":\"Dataset\",\"@id\":\"urn:uuid:dataset-1\",\"hasPolicy\":[{\"@id\":\"urn:uuid:offer-1\",\"@type\":\"Offer\","
                    + "\"prohibition\":[{\"action\":\"distribute\"}]}],\"distribution\":[{\"@type\":\"Distribution\",\"format\":\"HttpData-PUSH\","
                    + "\"accessService\":{\"@id\":\"urn:uuid:service-1\",\"@type\":\"DataService\",\"endpointURL\":\"https://provider.example/dsp\"}}]}",
            "{" + CTX + "\"@type\":\"CatalogError\",\"code\":\"400\",\"reason\":[\"unsupported filter\"]}",
            "{" + CTX + "\"@type\":\"ContractRequestMessage\",\"consumerPid\":\"urn:uuid:c1\",\"offer\":" + OFFER
                    + ",\"callbackAddress\":\"https://consumer.example/callback\"}",
            "{" + CTX + "\"@type\":\"ContractRequestMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"offer\":" + OFFER + "}",
            "{" + CTX + "\"@type\":\"ContractOfferMessage\",\"providerPid\":\"urn:uuid:p1\",\"offer\":" + OFFER
                    + ",\"callbackAddress\":\"https://provider.example/dsp\"}",
            "{" + CTX + "\"@type\":\"ContractAgreementMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"agreement\":"
                    + AGREEMENT + ",\"callbackAddress\":\"https://provider.example/dsp\"}",
            "{" + CTX + "\"@type\":\"ContractAgreementVerificationMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\"}",
            "{" + CTX + "\"@type\":\"ContractNegotiationEventMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"eventType\":\"ACCEPTED\"}",
            "{" + CTX + "\"@type\":\"ContractNegotiationEventMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"eventType\":\"FINALIZED\"}",
            "{" + CTX + "\"@type\":\"ContractNegotiationTerminationMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\","
                    + "\"code\":\"policy\",\"reason\":[\"denied\",{\"detail\":\"country\"}]}",
            "{" + CTX + "\"@type\":\"ContractNegotiation\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"state\":\"VERIFIED\"}",
            "{" + CTX + "\"@type\":\"ContractNegotiationError\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"code\":\"400\","
                    + "\"reason\":[\"invalid transition\"]}",
            "{" + CTX + "\"@type\":\"TransferRequestMessage\",\"consumerPid\":\"urn:uuid:c1\",\"agreementId\":\"urn:uuid:agreement-1\","
                    + "\"format\":\"HttpData-PUSH\",\"dataAddress\":" + ADDRESS + ",\"callbackAddress\":\"https://consumer.example/callback\"}",
            "{" + CTX + "\"@type\":\"TransferStartMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"dataAddress\":" + ADDRESS + "}",
            "{" + CTX + "\"@type\":\"TransferSuspensionMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"code\":\"maintenance\","
                    + "\"reason\":[\"back soon\"]}",
            "{" + CTX + "\"@type\":\"TransferCompletionMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\"}",
            "{" + CTX + "\"@type\":\"TransferTerminationMessage\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\"}",
            "{" + CTX + "\"@type\":\"TransferProcess\",\"providerPid\":\"urn:uuid:p1\",\"consumerPid\":\"urn:uuid:c1\",\"state\":\"SUSPENDED\"}",
            "{" + CTX + "\"@type\":\"TransferError\",\"consumerPid\":\"urn:uuid:c1\",\"code\":\"404\",\"reason\":[\"unknown agreement\"]}"})
    void everyMessageIsReadAndWrittenBackUnchanged(String json) {
        Result<DspMessage> read = DspJson.read(bytes(json));
        assertThat(read.problems()).isEmpty();
        assertThat(DspJson.write(read.value())).isEqualTo(parse(json));
        assertThat(DspJson.read(DspJson.bytes(read.value())).value()).isEqualTo(read.value());
    }

    @Test
    void theModelCarriesWhatTheMessageSays() {
        ContractAgreementMessage m = DspJson.read(bytes("{" + CTX + "\"@type\":\"ContractAgreementMessage\",\"providerPid\":\"urn:uuid:p1\","
                + "\"consumerPid\":\"urn:uuid:c1\",\"agreement\":" + AGREEMENT + "}"), ContractAgreementMessage.class).value();
        assertThat(m.agreement().target()).isEqualTo("urn:uuid:dataset-1");
        assertThat(m.agreement().assignee()).isEqualTo("did:web:consumer.example");
        assertThat(m.agreement().timestamp()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(m.agreement().permissions().getFirst().constraints().getFirst())
                .isInstanceOf(Constraint.Logical.class);
        assertThat(m.agreement().permissions().getFirst().duties()).hasSize(1);
        TransferStartMessage start = DspJson.read(bytes("{" + CTX + "\"@type\":\"TransferStartMessage\",\"providerPid\":\"urn:uuid:p1\","
                + "\"consumerPid\":\"urn:uuid:c1\",\"dataAddress\":" + ADDRESS + "}"), TransferStartMessage.class).value();
        assertThat(start.dataAddress().endpointProperties()).extracting(DspMessage.EndpointProperty::name)
                .containsExactly("authorization", "authType");
    }

    @Test
    void aSingleValueWhereASetIsExpectedIsReadAndWrittenAsAnArray() {
        Catalog c = DspJson.read(bytes("{" + CTX + "\"@type\":\"Catalog\",\"@id\":\"urn:c\",\"participantId\":\"did:web:p\","
                + "\"service\":{\"@id\":\"urn:s\",\"@type\":\"DataService\",\"endpointURL\":\"https://p/dsp\"}}"), Catalog.class).value();
        JsonObject written = DspJson.write(c);
        assertThat(written.get("service")).isInstanceOf(JsonArray.class);
        assertThat(written.getJsonArray("dataset")).isEmpty();
    }

    @Test
    void malformedMessagesAreProblemsWithTheirPlace() {
        assertThat(problems("{" + CTX + "\"@type\":\"ContractRequestMessage\",\"offer\":{\"@id\":\"urn:o\",\"@type\":\"Offer\","
                + "\"permission\":[{\"action\":\"use\",\"constraint\":[{\"leftOperand\":\"dateTime\",\"operator\":\"lt\","
                + "\"rightOperand\":\"2027-01-01T00:00:00Z\",\"unit\":\"days\"}]}]}}")).containsExactly(
                "/consumerPid: missing: a string is required",
                "/offer/target: missing: an offer in a contract message must name its dataset as target",
                "/offer/permission/0/constraint/0/unit: unknown property: policies are read strictly, an ignored term could loosen the policy",
                "/callbackAddress: missing: an initial request (without providerPid) must say where replies go");
        assertThat(problems("{" + CTX + "\"@type\":\"Dataset\",\"@id\":\"urn:d\",\"hasPolicy\":[{\"@id\":\"urn:o\",\"@type\":\"Offer\","
                + "\"target\":\"urn:d\",\"permission\":[{\"action\":\"use\"}]}]}")).containsExactly(
                "/hasPolicy/0/target: an offer inside a catalog must not carry a target: the enclosing dataset is the target",
                "/distribution: missing: a dataset has at least one distribution");
        assertThat(problems("{" + CTX + "\"@type\":\"ContractAgreementMessage\",\"providerPid\":\"urn:p\",\"consumerPid\":42,"
                + "\"agreement\":{\"@id\":\"urn:a\",\"@type\":\"Agreement\",\"target\":\"urn:d\",\"assigner\":\"did:web:p\","
                + "\"timestamp\":\"yesterday\",\"permission\":[{\"action\":{\"@id\":\"use\"}}]}}")).containsExactly(
                "/consumerPid: is a number, expected a string",
                "/agreement/assignee: missing: a string is required",
                "/agreement/timestamp: \"yesterday\" is not an xsd:dateTime with a time zone, e.g. 2025-01-31T12:00:00Z",
                "/agreement/permission/0/action: is an object (an action with a refinement), which this profile does not support: use a "
                        + "string such as \"use\" and constraints on the rule");
        assertThat(problems("{" + CTX + "\"@type\":\"ContractNegotiation\",\"providerPid\":\"urn:p\",\"consumerPid\":\"urn:c\",\"state\":\"DONE\"}"))
                .containsExactly("/state: is \"DONE\", expected one of [REQUESTED, OFFERED, ACCEPTED, AGREED, VERIFIED, FINALIZED, TERMINATED]");
        assertThat(problems("{\"@type\":\"ContractNegotiationEventMessage\",\"providerPid\":\"urn:p\",\"consumerPid\":\"urn:c\",\"eventType\":\"ACCEPTED\"}"))
                .containsExactly("/@context: missing: DSP 2025-1 messages carry \"@context\": [\"https://w3id.org/dspace/2025/1/context.jsonld\"] "
                        + "and use its compacted terms");
        assertThat(problems("{\"@context\":\"https://w3id.org/dspace/2024/1/context.json\",\"@type\":\"dspace:ContractRequestMessage\"}"))
                .hasSize(2).allMatch(p -> p.startsWith("/@context: does not include") || p.startsWith("/@type: is \"dspace:ContractRequestMessage\", not a DSP"));
        assertThat(problems("{" + CTX + "\"@type\":\"TransferStartMessage\",\"providerPid\":\"urn:p\",\"consumerPid\":\"urn:c\","
                + "\"dataAddress\":{\"@type\":\"DataAddress\",\"endpoint\":\"https://x\",\"token\":\"t\",\"endpointProperties\":[{\"name\":\"a\"}]}}"))
                .containsExactly("/dataAddress/endpointType: missing: a string is required",
                        "/dataAddress/endpointProperties/0/value: missing: a string is required",
                        "/dataAddress/token: unknown property: a data address has endpointType, endpoint and endpointProperties; put "
                                + "anything else in an endpoint property");
    }

    @Test
    void inputThatIsNotAJsonObjectWithinTheLimitsIsAProblemNotAnException() {
        assertThat(problems("{\"@type\": ")).singleElement().asString().startsWith("the body is not an acceptable JSON object: ");
        assertThat(problems("[1]")).containsExactly("the body is not an acceptable JSON object: expected a JSON object, found array");
        assertThat(DspJson.read(new byte[]{(byte) 0xff, '{', '}'}).problems()).map(Problem::toString)
                .containsExactly("the body is not an acceptable JSON object: invalid UTF-8 at byte offset 0 (1 malformed byte(s))");
        String deep = "{" + CTX + "\"@type\":\"CatalogRequestMessage\",\"filter\":[" + "[".repeat(80) + "]".repeat(80) + "]}";
        assertThat(problems(deep)).singleElement().asString().contains("nesting deeper than 64 levels");
        assertThat(DspJson.read(bytes("{" + CTX + "\"@type\":\"CatalogRequestMessage\"}"), new JsonLimits(10, 5)).problems())
                .map(Problem::toString).containsExactly("the body is not an acceptable JSON object: input is 94 bytes, limit is 10 bytes");
        assertThat(DspJson.read(bytes("{" + CTX + "\"@type\":\"CatalogRequestMessage\"}"), ContractRequestMessage.class).problems())
                .map(Problem::toString).containsExactly("/@type: is \"CatalogRequestMessage\", expected \"ContractRequestMessage\" here");
    }

    /** The bundled context is valid JSON-LD 1.1 and gives the compacted terms the protocol's IRIs. */
    @Test
    void theBundledContextExpandsMessagesToTheProtocolsIris() throws JsonLdError {
        JsonLdOptions options = new JsonLdOptions((url, o) -> {
            String resource = url.toString().equals(DspJson.CONTEXT) ? DspJson.CONTEXT_RESOURCE
                    : url.toString().equals(DspJson.ODRL_PROFILE) ? DspJson.ODRL_PROFILE_RESOURCE : null;
            if (resource == null) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "not bundled: " + url);
            }
            try (InputStream in = DspJson.class.getResourceAsStream(resource)) {
                JsonDocument d = JsonDocument.of(MediaType.JSON_LD, in);
                d.setDocumentUrl(URI.create(url.toString()));
                return d;
            } catch (java.io.IOException e) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, e.getMessage());
            }
        });
        JsonObject request = parse("{" + CTX + "\"@type\":\"ContractRequestMessage\",\"consumerPid\":\"urn:uuid:c1\",\"offer\":" + OFFER
                + ",\"callbackAddress\":\"https://consumer.example/callback\"}");
        String expanded = Json.write(JsonLd.expand(JsonDocument.of(request)).options(options).get());
        assertThat(expanded).contains("\"@type\":[\"https://w3id.org/dspace/2025/1/ContractRequestMessage\"]",
                "\"https://w3id.org/dspace/2025/1/consumerPid\":[{\"@id\":\"urn:uuid:c1\"}]",
                "\"http://www.w3.org/ns/odrl/2/target\":[{\"@id\":\"urn:uuid:dataset-1\"}]",
                "\"http://www.w3.org/ns/odrl/2/action\":[{\"@id\":\"http://www.w3.org/ns/odrl/2/use\"}]",
                "\"http://www.w3.org/ns/odrl/2/operator\":[{\"@id\":\"http://www.w3.org/ns/odrl/2/isAnyOf\"}]");
        JsonObject negotiation = parse("{" + CTX + "\"@type\":\"ContractNegotiation\",\"providerPid\":\"urn:p\",\"consumerPid\":\"urn:c\","
                + "\"state\":\"AGREED\"}");
        assertThat(Json.write(JsonLd.expand(JsonDocument.of(negotiation)).options(options).get()))
                .contains("\"https://w3id.org/dspace/2025/1/state\":[{\"@id\":\"https://w3id.org/dspace/2025/1/AGREED\"}]");
    }

    private static java.util.List<String> problems(String json) {
        Result<DspMessage> r = DspJson.read(bytes(json));
        assertThat(r.succeeded()).as(json).isFalse();
        return r.problems().stream().map(Problem::toString).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject parse(String s) {
        try {
            return Json.parseObject(bytes(s));
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

}
