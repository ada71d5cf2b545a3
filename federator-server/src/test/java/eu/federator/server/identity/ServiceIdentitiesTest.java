package eu.federator.server.identity;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.server.config.ConfigurationError;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceIdentitiesTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    static IdentityProperties props(URI publicUrl, String did, Path key, Path chain) {
        return new IdentityProperties(publicUrl, did, key, null, null, chain, "ec-p256", null);
    }

    @Test
    void theDidIsDerivedFromThePublicUrlWithPortAndPath() {
        assertThat(ServiceIdentities.didFor(URI.create("https://federator.example.org"))).isEqualTo("did:web:federator.example.org");
        assertThat(ServiceIdentities.didFor(URI.create("https://federator.example.org/"))).isEqualTo("did:web:federator.example.org");
        assertThat(ServiceIdentities.didFor(URI.create("https://Fed.example.org:8443/gx/v2/"))).isEqualTo("did:web:fed.example.org%3A8443:gx:v2");
        assertThat(ServiceIdentities.did(IdentityProperties.defaults())).isEqualTo("did:web:localhost");
        assertThat(ServiceIdentities.did(props(URI.create("https://a.example"), "did:web:b.example", null, null))).isEqualTo("did:web:b.example");
        assertThatThrownBy(() -> ServiceIdentities.did(props(null, "did:web:b.example#key", null, null)))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("without fragment");
    }

    @Test
    void theChainUrlIsNextToTheDidDocument() {
        assertThat(ServiceIdentities.chainUrl("did:web:federator.example.org"))
                .hasToString("https://federator.example.org/.well-known/x509CertificateChain.pem");
        assertThat(ServiceIdentities.chainUrl("did:web:fed.example.org%3A8443:gx"))
                .hasToString("https://fed.example.org:8443/gx/x509CertificateChain.pem");
    }

    @Test
    void aLabIdentityIsGeneratedOnceAndReusedOnRestart() throws Exception {
        IdentityProperties p = props(URI.create("https://ch.example.org"), null, null, null);
        ServiceIdentity first = ServiceIdentities.load(p, dir, NOW);
        assertThat(first.did()).isEqualTo("did:web:ch.example.org");
        assertThat(first.verificationMethod()).isEqualTo("did:web:ch.example.org#X509-JWK2020");
        assertThat(first.chain()).hasSize(2);
        assertThat(ServiceIdentities.dnsNames(first.chain().getFirst())).containsExactly("ch.example.org");
        Path keyFile = dir.resolve("identity/private-key.pem");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(dir.resolve("identity/ca.pem")).exists();

        ServiceIdentity second = ServiceIdentities.load(p, dir, NOW.plusSeconds(3600));
        assertThat(second.privateKey().computeThumbprint()).isEqualTo(first.privateKey().computeThumbprint());
        assertThat(second.chain()).isEqualTo(first.chain());

        assertThatThrownBy(() -> ServiceIdentities.load(props(URI.create("https://other.example.org"), null, null, null), dir, NOW))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("was made for [ch.example.org]")
                .hasMessageContaining("did:web:other.example.org");
    }

    @Test
    void theDidDocumentHasOneJsonWebKey2020WithX5uInAssertionMethod() {
        ServiceIdentity identity = ServiceIdentities.load(props(URI.create("https://ch.example.org"), null, null, null), dir, NOW);
        JsonObject doc = ServiceIdentities.didDocument(identity);
        assertThat(doc.getString("id")).isEqualTo("did:web:ch.example.org");
        JsonObject vm = doc.getJsonArray("verificationMethod").getJsonObject(0);
        assertThat(vm.getString("id")).isEqualTo("did:web:ch.example.org#X509-JWK2020");
        assertThat(vm.getString("type")).isEqualTo("JsonWebKey2020");
        JsonObject jwk = vm.getJsonObject("publicKeyJwk");
        assertThat(jwk.getString("x5u")).isEqualTo("https://ch.example.org/.well-known/x509CertificateChain.pem");
        assertThat(jwk.getString("alg")).isEqualTo("ES256");
        assertThat(jwk).doesNotContainKeys("d", "x5c");
        assertThat(doc.getJsonArray("assertionMethod").getString(0)).isEqualTo(vm.getString("id"));
    }

    @Test
    void aConfiguredKeyAndChainAreUsed() throws Exception {
        JWK key = KeyType.EC_P256.generate();
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("CA", KeyType.EC_P256, NOW, Duration.ofDays(30));
        Path keyFile = dir.resolve("key.pem");
        Path chainFile = dir.resolve("chain.pem");
        PrivateKeys.writePem(key, keyFile);
        Files.writeString(chainFile, Certificates.toPem(ca.chain(ca.issueLeaf(key, "ch.example.org", NOW, Duration.ofDays(10)))));

        ServiceIdentity identity = ServiceIdentities.load(props(null, "did:web:ch.example.org", keyFile, chainFile), dir, NOW);
        assertThat(identity.privateKey().computeThumbprint()).isEqualTo(key.computeThumbprint());
        assertThat(identity.chain()).hasSize(2);
        assertThat(dir.resolve("identity")).doesNotExist();

        // a chain for another key is refused
        Path otherChain = dir.resolve("other.pem");
        Files.writeString(otherChain, Certificates.toPem(List.of(ca.issueLeaf(KeyType.EC_P256.generate(), "x.example", NOW, Duration.ofDays(1)))));
        assertThatThrownBy(() -> ServiceIdentities.load(props(null, "did:web:ch.example.org", keyFile, otherChain), dir, NOW))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("does not hold the public key");
        // no chain at all is refused
        assertThatThrownBy(() -> ServiceIdentities.load(props(null, "did:web:ch.example.org", keyFile, null), dir, NOW))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("carries no certificate");
        // a missing key file names the setting
        assertThatThrownBy(() -> ServiceIdentities.load(props(null, "did:web:ch.example.org", dir.resolve("nope.pem"), chainFile), dir, NOW))
                .isInstanceOf(ConfigurationError.class).hasMessageStartingWith("federator.identity.key:");
    }
}
