package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.JWK;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DidWebTest {

    @Test
    void mapsDidsToDocumentUrlsAsTheSpecificationSays() {
        assertThat(DidWeb.documentUrl("did:web:w3c-ccg.github.io")).hasToString("https://w3c-ccg.github.io/.well-known/did.json");
        assertThat(DidWeb.documentUrl("did:web:w3c-ccg.github.io:user:alice")).hasToString("https://w3c-ccg.github.io/user/alice/did.json");
        assertThat(DidWeb.documentUrl("did:web:example.com%3A3000")).hasToString("https://example.com:3000/.well-known/did.json");
        assertThat(DidWeb.documentUrl("did:web:example.com%3A3000:a:b")).hasToString("https://example.com:3000/a/b/did.json");
        assertThat(DidWeb.documentUrl("did:web:Example.COM#key-1")).hasToString("https://example.com/.well-known/did.json");
        assertThat(DidWeb.parse("did:web:example.com:u").directoryUrl()).hasToString("https://example.com/u/");
        assertThat(DidWeb.parse("did:web:example.com%3A8443").host()).isEqualTo("example.com");
    }

    @Test
    void rejectsWhatIsNotADidWeb() {
        assertThatThrownBy(() -> DidWeb.parse("did:key:z6Mk")).hasMessageContaining("not a did:web");
        assertThatThrownBy(() -> DidWeb.parse("did:web:")).hasMessageContaining("not a valid host");
        assertThatThrownBy(() -> DidWeb.parse("did:web:exa mple.com")).hasMessageContaining("not a valid host");
        // a numeric segment is a path segment, not a port (XFSC's DidUtils differs here)
        assertThat(DidWeb.documentUrl("did:web:example.com:3000")).hasToString("https://example.com/3000/did.json");
        assertThatThrownBy(() -> DidWeb.parse("did:web:example.com::x")).hasMessageContaining("path segment");
        assertThatThrownBy(() -> DidWeb.parse("did:web:example.com:..")).hasMessageContaining("path segment");
        assertThatThrownBy(() -> DidWeb.parse("did:web:example.com%3A99999")).hasMessageContaining("out of range");
    }

    @Test
    void documentHasOneJsonWebKey2020MethodForAssertionAndAuthentication() {
        JWK key = KeyType.EC_P256.generate();
        DidWeb did = DidWeb.parse("did:web:example.com");
        JsonObject doc = did.document(key, "key-1", URI.create("https://example.com/.well-known/x509CertificateChain.pem"));

        assertThat(doc.getJsonArray("@context").getString(0)).isEqualTo("https://www.w3.org/ns/did/v1");
        assertThat(doc.getJsonArray("@context").getString(1)).isEqualTo("https://w3id.org/security/suites/jws-2020/v1");
        assertThat(doc.getString("id")).isEqualTo("did:web:example.com");
        JsonObject vm = doc.getJsonArray("verificationMethod").getJsonObject(0);
        assertThat(vm.getString("id")).isEqualTo("did:web:example.com#key-1");
        assertThat(vm.getString("type")).isEqualTo("JsonWebKey2020");
        assertThat(vm.getString("controller")).isEqualTo("did:web:example.com");
        JsonObject jwk = vm.getJsonObject("publicKeyJwk");
        assertThat(jwk.getString("kty")).isEqualTo("EC");
        assertThat(jwk.getString("crv")).isEqualTo("P-256");
        assertThat(jwk.getString("alg")).isEqualTo("ES256");
        assertThat(jwk.getString("x5u")).isEqualTo("https://example.com/.well-known/x509CertificateChain.pem");
        assertThat(jwk.containsKey("d")).as("no private part in a DID document").isFalse();
        assertThat(doc.getJsonArray("assertionMethod").getString(0)).isEqualTo("did:web:example.com#key-1");
        assertThat(doc.getJsonArray("authentication").getString(0)).isEqualTo("did:web:example.com#key-1");
    }
}
