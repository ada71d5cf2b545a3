package eu.federator.server.portal.onboarding;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.KeyType;
import eu.federator.server.config.ConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyCustodyTest {
    static final String DID = "did:web:localhost%3A8080:dids:acme";

    @TempDir
    Path dir;

    @Test
    void aSealedKeyOpensToTheSameKeyAndDoesNotContainItsPrivatePart() {
        KeyCustody custody = KeyCustody.load(null, dir);
        JWK key = KeyType.EC_P256.generate();
        byte[] sealed = custody.seal(key, DID);

        assertThat(custody.open(sealed, DID)).isEqualTo(key);
        String d = key.toJSONObject().get("d").toString();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(d).doesNotContain("\"d\"");
        assertThat(custody.seal(key, DID)).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void aTamperedCiphertextAnotherIdentityOrAnotherKeyIsRefused() {
        KeyCustody custody = KeyCustody.load(null, dir);
        byte[] sealed = custody.seal(KeyType.ED25519.generate(), DID);

        byte[] tampered = sealed.clone();
        tampered[tampered.length - 20] ^= 1;
        assertThatThrownBy(() -> custody.open(tampered, DID)).isInstanceOf(OnboardingException.class)
                .hasMessageContaining("cannot be decrypted: it was altered");
        assertThatThrownBy(() -> custody.open(sealed, "did:web:localhost%3A8080:dids:other"))
                .hasMessageContaining("belongs to another identity");
        KeyCustody other = KeyCustody.load(Base64.getEncoder().encodeToString(new byte[32]), dir);
        assertThatThrownBy(() -> other.open(sealed, DID)).hasMessageContaining("the key-encryption key changed");
        assertThatThrownBy(() -> custody.open(new byte[5], DID)).hasMessageContaining("not in the expected format");
    }

    @Test
    void theGeneratedKeyIsWrittenOnceOwnerOnlyAndReused() throws Exception {
        KeyCustody first = KeyCustody.load(null, dir);
        Path file = dir.resolve(KeyCustody.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        byte[] sealed = first.seal(KeyType.EC_P256.generate(), DID);
        assertThat(KeyCustody.load(null, dir).open(sealed, DID)).isNotNull();
        assertThat(first.toString()).doesNotContain(Files.readString(file).strip());
    }

    @Test
    void aConfiguredKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> KeyCustody.load("not base64!", dir)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("federator.portal.key-encryption-key is not base64");
        assertThatThrownBy(() -> KeyCustody.load(Base64.getEncoder().encodeToString(new byte[16]), dir))
                .hasMessageContaining("holds 16 bytes, but the key-encryption key must be 32 bytes");
        assertThat(Files.exists(dir.resolve(KeyCustody.KEY_FILE))).isFalse();
    }
}
