package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.JWK;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DidWebIdentityTest {

    @Test
    void mapsDidsToDocumentUrlsAsTheSpecificationSays() {
        assertThat(DidWebIdentity.parse("did:web:w3c-ccg.github.io").documentUrl()).hasToString("https://w3c-ccg.github.io/.well-known/did.json");
        assertThat(DidWebIdentity.parse("did:web:w3c-ccg.github.io:user:alice").documentUrl()).hasToString("https://w3c-ccg.github.io/user/alice/did.json");
        assertThat(DidWebIdentity.parse("did:web:example.com%3A3000").documentUrl()).hasToString("https://example.com:3000/.well-known/did.json");
        assertThat(DidWebIdentity.parse("did:web:example.com%3A3000:a:b").documentUrl()).hasToString("https://example.com:3000/a/b/did.json");
        // a numeric segment is a path segment, not a port (XFSC's DidUtils differs here)
        assertThat(DidWebIdentity.parse("did:web:example.com:3000").documentUrl()).hasToString("https://example.com/3000/did.json");
        assertThat(DidWebIdentity.parse("did:web:Example.COM#key-1").documentUrl()).hasToString("https://example.com/.well-known/did.json");
        assertThat(DidWebIdentity.parse("did:web:example.com#key-1").did()).isEqualTo("did:web:example.com");
    }

    @Test
    void directoryHostAndPath() {
        DidWebIdentity plain = DidWebIdentity.parse("did:web:example.com%3A8443");
        assertThat(plain.directoryUrl()).hasToString("https://example.com:8443/.well-known/");
        assertThat(plain.host()).isEqualTo("example.com");
        assertThat(plain.path()).isEmpty();
        DidWebIdentity nested = DidWebIdentity.parse("did:web:example.com:participants:acme");
        assertThat(nested.directoryUrl()).hasToString("https://example.com/participants/acme/");
        assertThat(nested.path()).containsExactly("participants", "acme");
    }

    @Test
    void rejectsWhatIsNotADidWeb() {
        assertThatThrownBy(() -> DidWebIdentity.parse("did:key:z6Mk")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did:web");
        assertThatThrownBy(() -> DidWebIdentity.parse("did:web:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DidWebIdentity.parse("did:web:exa mple.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DidWebIdentity.parse("did:web:example.com::x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DidWebIdentity.parse("did:web:example.com:..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DidWebIdentity.parse("did:web:example.com%3A99999")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void documentHasOneJsonWebKey2020MethodForAssertionAndAuthentication() {
        JWK key = KeyType.EC_P256.generate();
        DidWebIdentity did = DidWebIdentity.parse("did:web:example.com");
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
