package eu.federator.credentials.did;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DidWebTest {

    @ParameterizedTest
    @CsvSource({
            "did:web:w3c-ccg.github.io, https://w3c-ccg.github.io/.well-known/did.json",
            "did:web:w3c-ccg.github.io:user:alice, https://w3c-ccg.github.io/user/alice/did.json",
            "did:web:example.com%3A3000:user:alice, https://example.com:3000/user/alice/did.json",
            "did:web:example.com%3a8443, https://example.com:8443/.well-known/did.json",
            "did:web:did-server, https://did-server/.well-known/did.json",
            "did:web:compliance.lab.gaia-x.eu, https://compliance.lab.gaia-x.eu/.well-known/did.json",
            "did:web:Example.COM:a_b:c.d:e-f:x%20y, https://example.com/a_b/c.d/e-f/x%20y/did.json"})
    void mapsDidsToDocumentUrls(String did, String url) {
        assertThat(DidWeb.documentUri(did)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"did:web:", "did:web:example.com:", "did:web:example.com::a", "did:web:exa mple.com",
            "did:web:example.com%3A", "did:web:example.com%3A99999", "did:web:example.com%3Aab", "did:web:127.0.0.1",
            "did:web:-bad.example", "did:web:example.com#key-1", "did:web:example.com/path", "did:web:example.com:..",
            "did:web:example.com:%2E%2E", "did:web:example.com:a%2Fb", "did:web:ex%41mple.com", "did:key:z6Mk", "did:web:a..b",
            "did:web:example.com:a/b"})
    void rejectsMalformedIds(String did) {
        assertThatThrownBy(() -> DidWeb.documentUri(did)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void messagesSayWhatIsWrong() {
        assertThatThrownBy(() -> DidWeb.documentUri("did:web:127.0.0.1"))
                .hasMessage("did:web requires a domain name, not an IP address: did:web:127.0.0.1");
        assertThatThrownBy(() -> DidWeb.documentUri("did:web:example.com%3A0"))
                .hasMessage("invalid port \"0\" in did:web:example.com%3A0");
        assertThatThrownBy(() -> DidWeb.documentUri("did:web:example.com::x")).hasMessage("empty path segment in did:web:example.com::x");
    }
}
