package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.proof.JwsAlgorithms;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeysTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void generatedKeysRoundTripThroughPkcs8PemAndStillSign(KeyType type) throws Exception {
        JWK key = type.generate();
        assertThat(key.isPrivate()).isTrue();

        Path file = dir.resolve("key.pem");
        PrivateKeys.writePem(key, file);
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        JWK loaded = PrivateKeys.load(file, null, null);
        assertThat(loaded.computeThumbprint()).isEqualTo(key.computeThumbprint());
        assertThat(loaded.toJSONObject()).isEqualTo(key.toJSONObject());
        assertSignsAndVerifies(loaded);
    }

    @Test
    void keyTypesHaveTheExpectedShape() {
        assertThat(((RSAKey) KeyType.RSA_2048.generate()).size()).isEqualTo(2048);
        assertThat(((RSAKey) KeyType.RSA_3072.generate()).size()).isEqualTo(3072);
        assertThat(((ECKey) KeyType.EC_P256.generate()).getCurve().getName()).isEqualTo("P-256");
        assertThat(((ECKey) KeyType.EC_P384.generate()).getCurve().getName()).isEqualTo("P-384");
        assertThat(((OctetKeyPair) KeyType.ED25519.generate()).getCurve().getName()).isEqualTo("Ed25519");
        assertThat(KeyType.fromLabel("ec-p256")).isEqualTo(KeyType.EC_P256);
        assertThat(KeyType.fromLabel("RSA")).isEqualTo(KeyType.RSA_2048);
        assertThatThrownBy(() -> KeyType.fromLabel("dsa")).hasMessageContaining("ed25519");
    }

    @Test
    void readsPkcs1RsaAndSec1EcPem() throws Exception {
        for (KeyType type : new KeyType[]{KeyType.RSA_2048, KeyType.EC_P256, KeyType.EC_P384}) {
            JWK key = type.generate();
            String pem = traditionalPem(key);
            assertThat(pem).containsAnyOf("BEGIN RSA PRIVATE KEY", "BEGIN EC PRIVATE KEY");
            JWK loaded = PrivateKeys.readPem(pem, null);
            assertThat(loaded.computeThumbprint()).isEqualTo(key.computeThumbprint());
            assertSignsAndVerifies(loaded);
        }
    }

    @Test
    void readsEncryptedPkcs8WithThePasswordAndExplainsAWrongOne() throws Exception {
        JWK key = KeyType.EC_P256.generate();
        Path file = dir.resolve("enc.pem");
        Files.writeString(file, PrivateKeys.toEncryptedPem(key, "s3cret".toCharArray()));
        assertThat(Files.readString(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertThat(PrivateKeys.load(file, "s3cret".toCharArray(), null).computeThumbprint()).isEqualTo(key.computeThumbprint());
        assertThatThrownBy(() -> PrivateKeys.load(file, "wrong".toCharArray(), null))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("wrong password");
        assertThatThrownBy(() -> PrivateKeys.load(file, null, null))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("encrypted: give its password");
    }

    @Test
    void readsLegacyOpenSslEncryptedPem() throws Exception {
        JWK key = KeyType.RSA_2048.generate();
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(Jwks.privateKey(key), new JcePEMEncryptorBuilder("AES-256-CBC")
                    .setProvider(new BouncyCastleProvider()).build("pw".toCharArray()));
        }
        assertThat(out.toString()).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(PrivateKeys.readPem(out.toString(), "pw".toCharArray()).computeThumbprint()).isEqualTo(key.computeThumbprint());
        assertThatThrownBy(() -> PrivateKeys.readPem(out.toString(), "nope".toCharArray())).hasMessageContaining("wrong password");
    }

    @Test
    void readsPkcs12ByAliasWithItsChainAndExplainsMistakes() throws Exception {
        JWK first = KeyType.RSA_2048.generate();
        JWK second = KeyType.ED25519.generate();
        Instant now = Instant.now();
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("Test CA", KeyType.EC_P256, now, Duration.ofDays(30));
        X509Certificate leaf1 = ca.issueLeaf(first, "one.example", now, Duration.ofDays(10));
        X509Certificate leaf2 = ca.issueLeaf(second, "two.example", now, Duration.ofDays(10));

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] pw = "changeit".toCharArray();
        store.setKeyEntry("first", Jwks.privateKey(first), pw, new Certificate[]{leaf1, ca.certificate()});
        store.setKeyEntry("second", Jwks.privateKey(second), pw, new Certificate[]{leaf2, ca.certificate()});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, pw);
        Path file = dir.resolve("keys.p12");
        Files.write(file, bytes.toByteArray());

        JWK loaded = PrivateKeys.load(file, pw, "second");
        assertThat(loaded.computeThumbprint()).isEqualTo(second.computeThumbprint());
        assertThat(loaded.getX509CertChain()).hasSize(2);
        assertSignsAndVerifies(loaded);

        assertThatThrownBy(() -> PrivateKeys.load(file, pw, null)).hasMessageContaining("choose one by alias").hasMessageContaining("first");
        assertThatThrownBy(() -> PrivateKeys.load(file, pw, "third")).hasMessageContaining("no private key with alias 'third'");
        assertThatThrownBy(() -> PrivateKeys.load(file, "bad".toCharArray(), "first")).hasMessageContaining("wrong password");
    }

    @Test
    void pemWithCertificatesGivesX5c() throws Exception {
        JWK key = KeyType.EC_P384.generate();
        Instant now = Instant.now();
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("CA", KeyType.EC_P384, now, Duration.ofDays(2));
        X509Certificate leaf = ca.issueLeaf(key, "example.org", now, Duration.ofDays(1));
        String pem = PrivateKeys.toPem(key) + Certificates.toPem(ca.chain(leaf));
        JWK loaded = PrivateKeys.readPem(pem, null);
        assertThat(loaded.getX509CertChain()).hasSize(2);
        assertThat(loaded.getParsedX509CertChain().getFirst()).isEqualTo(leaf);
    }

    @Test
    void clearErrorsForFilesThatHoldNoPrivateKey() throws Exception {
        JWK key = KeyType.EC_P256.generate();
        String publicPem = PrivateKeys.pem("PUBLIC KEY", Jwks.publicKey(key).getEncoded());
        assertThatThrownBy(() -> PrivateKeys.readPem(publicPem, null)).hasMessageContaining("only a public key");
        assertThatThrownBy(() -> PrivateKeys.readPem("hello", null)).hasMessageContaining("no private key found");
        assertThatThrownBy(() -> PrivateKeys.load(dir.resolve("missing.pem"), null, null)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PrivateKeys.load(dir, null, null)).hasMessageContaining("is a directory");
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, "not a key".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> PrivateKeys.load(garbage, null, null)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("not a PEM file");
        String twoKeys = PrivateKeys.toPem(key) + PrivateKeys.toPem(KeyType.EC_P256.generate());
        assertThatThrownBy(() -> PrivateKeys.readPem(twoKeys, null)).hasMessageContaining("more than one private key");
    }

    /** PKCS#1 (RSA) or SEC1 with the named curve (EC), as OpenSSL writes them. */
    static String traditionalPem(JWK key) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(Jwks.privateKey(key).getEncoded());
        if (key instanceof RSAKey) {
            return PrivateKeys.pem("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
        }
        ECKey ec = (ECKey) key;
        var curveOid = ec.getCurve().getName().equals("P-256") ? SECObjectIdentifiers.secp256r1 : SECObjectIdentifiers.secp384r1;
        var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        // SEC1 with the curve OID in [0] and no public key (optional): the reader derives it
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getCurve().getName().equals("P-256") ? 256 : 384,
                inner.getKey(), new X962Parameters(curveOid));
        return PrivateKeys.pem("EC PRIVATE KEY", sec1.getEncoded());
    }

    static void assertSignsAndVerifies(JWK key) throws Exception {
        String alg = JwsAlgorithms.defaultAlgorithm(key).getName();
        byte[] input = "signing input".getBytes(StandardCharsets.UTF_8);
        Base64URL signature = JwsAlgorithms.sign(alg, key, input);
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), input, signature)).isTrue();
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), "other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }
}
