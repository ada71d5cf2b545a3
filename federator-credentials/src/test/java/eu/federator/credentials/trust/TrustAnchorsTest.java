package eu.federator.credentials.trust;

import eu.federator.credentials.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustAnchorsTest {

    static Path fixtures() {
        return Path.of(System.getProperty("federator.fixtures"));
    }

    @Test
    void loadsTheXfscSelfSignedCertificate() throws Exception {
        TrustAnchors anchors = TrustAnchors.fromPem(fixtures().resolve("xfsc/classic/keys/cert.ss.pem"));
        assertThat(anchors.isEmpty()).isFalse();
        assertThat(anchors.anchors()).hasSize(1);
        assertThat(anchors.certificates().get(0).getSubjectX500Principal().getName()).contains("O=Internet Widgits Pty Ltd");
    }

    @Test
    void loadsBundles() throws Exception {
        TrustAnchors anchors = TrustAnchors.fromPem(fixtures().resolve("xfsc/web/did-server/certs/chain.pem"));
        assertThat(anchors.anchors()).hasSize(2);
        assertThat(TrustAnchors.none().isEmpty()).isTrue();
        assertThat(TrustAnchors.none().anchors()).isEmpty();
    }

    @Test
    void badPemGivesPreciseMessages(@TempDir Path dir) throws Exception {
        String good = TestPki.pem(TestPki.rootCa("Anchor").certificate());
        assertThatThrownBy(() -> TrustAnchors.fromPem(write(dir, "empty.pem", "")))
                .isInstanceOf(IOException.class)
                .hasMessage("trust anchor bundle " + dir.resolve("empty.pem") + " contains no PEM certificate (no \"-----BEGIN CERTIFICATE-----\" block)");
        assertThatThrownBy(() -> TrustAnchors.fromPem(write(dir, "base64.pem",
                good + "-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----\n")))
                .hasMessage("trust anchor bundle " + dir.resolve("base64.pem") + ": certificate #2 (line "
                        + (good.split("\n").length + 1) + ") is not valid base64: Illegal base64 character 2a");
        assertThatThrownBy(() -> TrustAnchors.fromPem(write(dir, "der.pem",
                "-----BEGIN CERTIFICATE-----\nAAECAwQ=\n-----END CERTIFICATE-----\n")))
                .hasMessageStartingWith("trust anchor bundle " + dir.resolve("der.pem") + ": certificate #1 (line 1) is not a valid X.509 certificate");
        assertThatThrownBy(() -> TrustAnchors.fromPem(write(dir, "open.pem", good.substring(0, good.indexOf("-----END")))))
                .hasMessageEndingWith("the CERTIFICATE block that begins on line 1 has no END line");
        assertThatThrownBy(() -> TrustAnchors.fromPem(write(dir, "key.pem", good + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")))
                .hasMessageContaining("begins a PRIVATE KEY block; a certificate bundle must not contain private keys");
        assertThatThrownBy(() -> TrustAnchors.fromPem(dir.resolve("missing.pem"))).isInstanceOf(IOException.class);
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
