package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCertificateAuthorityTest {

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void leafChainsToTheCaWithPkixAndBindsTheKey(KeyType type) throws Exception {
        Instant now = Instant.now();
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("Federator local CA (example.com)", type, now, Duration.ofDays(3650));
        JWK key = type.generate();
        X509Certificate leaf = ca.issueLeaf(key, "example.com", now, Duration.ofDays(365));

        assertThat(leaf.getPublicKey()).isEqualTo(Jwks.publicKey(key));
        assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=example.com");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(leaf.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("example.com"));

        // the PEM chain written for x5u reads back in order, and PKIX validates it against the CA
        List<X509Certificate> chain = Certificates.readPem(Certificates.toPem(ca.chain(leaf)));
        assertThat(chain).containsExactly(leaf, ca.certificate());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(now.plusSeconds(3600)));
        var path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1));
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }
}
