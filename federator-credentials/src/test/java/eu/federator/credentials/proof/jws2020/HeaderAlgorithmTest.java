package eu.federator.credentials.proof.jws2020;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.proof.ProofFormatException;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderAlgorithmTest {

    static final String SIG = "c2lnbmF0dXJl";

    static JsonObject proof(String jws) {
        return Json.provider().createObjectBuilder().add("type", "JsonWebSignature2020").add("jws", jws).build();
    }

    static String header(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheGaiaXAndDanubetechHeaders() throws Exception {
        assertThat(JsonWebSignature2020.headerAlgorithm(proof("eyJhbGciOiJQUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.." + SIG))).isEqualTo("PS256");
        assertThat(JsonWebSignature2020.headerAlgorithm(proof("eyJiNjQiOmZhbHNlLCJjcml0IjpbImI2NCJdLCJhbGciOiJQUzI1NiJ9.." + SIG))).isEqualTo("PS256");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"alg\":\"none\",\"b64\":false,\"crit\":[\"b64\"]}|alg \"none\" means unsigned and is rejected",
            "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}|HMAC algorithm HS256 is rejected: a shared secret cannot identify an issuer",
            "{\"b64\":false,\"crit\":[\"b64\"]}|the JWS header has no \"alg\"",
            "{\"alg\":\"PS256\",\"b64\":true,\"crit\":[\"b64\"]}|the JWS header must have \"b64\": false (RFC 7797 unencoded payload), found \"b64\": true",
            "{\"alg\":\"PS256\"}|the JWS header must have \"b64\": false (RFC 7797 unencoded payload), found no \"b64\"",
            "{\"alg\":\"PS256\",\"b64\":false}|the JWS header must list \"b64\" in \"crit\" (RFC 7797 section 6)",
            "{\"alg\":\"PS256\",\"b64\":false,\"crit\":[\"b64\",\"exp\"]}|the JWS header's \"crit\" lists an unsupported extension \"exp\"",
            "[1]|the JWS header is not a JSON object: expected a JSON object, found array",
    })
    void rejectsHeaders(String headerJson, String message) {
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(proof(header(headerJson) + ".." + SIG)))
                .isInstanceOf(ProofFormatException.class).hasMessage(message);
    }

    @Test
    void rejectsMalformedJwsValues() {
        String good = header("{\"alg\":\"PS256\",\"b64\":false,\"crit\":[\"b64\"]}");
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(Json.provider().createObjectBuilder().build()))
                .hasMessage("the proof has no \"jws\"");
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(Json.provider().createObjectBuilder().add("jws", 5).build()))
                .hasMessage("the proof's \"jws\" is a number, not a string");
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(proof(good + ".cGF5bG9hZA." + SIG)))
                .hasMessage("the proof's \"jws\" is not detached: its payload part is not empty");
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(proof(good + "." + SIG)))
                .hasMessage("the proof's \"jws\" is not a compact JWS (header..signature)");
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(proof(good + "..")))
                .hasMessage("the proof's \"jws\" has no signature");
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(proof("ey+J/..." + SIG)))
                .isInstanceOf(ProofFormatException.class);
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(proof("eyJhbGc=.." + SIG)))
                .hasMessage("the JWS header is not base64url (RFC 4648 section 5, unpadded)");
        assertThatThrownBy(() -> JsonWebSignature2020.headerAlgorithm(proof(good + "..sig+nature")))
                .hasMessage("the JWS signature is not base64url (RFC 4648 section 5, unpadded)");
    }
}
