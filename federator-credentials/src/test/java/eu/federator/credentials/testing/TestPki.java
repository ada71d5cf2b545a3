package eu.federator.credentials.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Generates keys, certificates, CRLs and TLS contexts for tests (BouncyCastle). */
public final class TestPki {
    private TestPki() {
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    public static KeyPair rsa() {
        return generate("RSA", 2048);
    }

    public static KeyPair ec() {
        return ec("secp256r1");
    }

    /** @param curve a JCA curve name: secp256r1, secp384r1, secp521r1 */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String alg, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair as a private JWK (RSA, EC P-256/384/521 or Ed25519 OKP). */
    public static com.nimbusds.jose.jwk.JWK jwk(KeyPair kp) {
        if (kp.getPublic() instanceof java.security.interfaces.RSAPublicKey rsa) {
            return new com.nimbusds.jose.jwk.RSAKey.Builder(rsa).privateKey(kp.getPrivate()).build();
        }
        if (kp.getPublic() instanceof java.security.interfaces.ECPublicKey ec) {
            return new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec)
                    .privateKey(kp.getPrivate()).build();
        }
        byte[] spki = kp.getPublic().getEncoded();
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        return new com.nimbusds.jose.jwk.OctetKeyPair.Builder(com.nimbusds.jose.jwk.Curve.Ed25519,
                com.nimbusds.jose.util.Base64URL.encode(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                .d(com.nimbusds.jose.util.Base64URL.encode(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)))
                .build();
    }

    /** Validity one year back to one year ahead of now. */
    public static Instant from() {
        return Instant.now().minus(Duration.ofDays(365));
    }

    public static Instant to() {
        return Instant.now().plus(Duration.ofDays(365));
    }

    public static Issued rootCa(String cn) {
        return rootCa(cn, from(), to());
    }

    public static Issued rootCa(String cn, Instant from, Instant to) {
        KeyPair kp = rsa();
        return new Issued(build(cn, kp, cn, kp.getPrivate(), null, from, to, true, null, List.of()), kp.getPrivate());
    }

    public static Issued intermediate(String cn, Issued issuer, String crlUrl) {
        KeyPair kp = rsa();
        return new Issued(build(cn, kp, null, issuer.key(), issuer.certificate(), from(), to(), true, crlUrl, List.of()), kp.getPrivate());
    }

    public static Issued leaf(String cn, KeyPair kp, Issued issuer, Instant from, Instant to, String crlUrl) {
        return new Issued(build(cn, kp, null, issuer.key(), issuer.certificate(), from, to, false, crlUrl, List.of()), kp.getPrivate());
    }

    /** A CA or end-entity certificate naming a CRL and/or an OCSP responder (Authority Information Access); either may be null. */
    public static Issued issued(String cn, KeyPair kp, Issued issuer, boolean ca, String crlUrl, String ocspUrl) {
        return new Issued(build(cn, kp, null, issuer.key(), issuer.certificate(), from(), to(), ca, crlUrl, List.of(),
                ocspUrl, null), kp.getPrivate());
    }

    /**
     * A delegated OCSP responder certificate (RFC 6960 4.2.2.2) issued by {@code issuer}.
     *
     * @param ocspSigningEku whether it carries the id-kp-OCSPSigning extended key usage
     */
    public static Issued ocspSigner(String cn, Issued issuer, boolean ocspSigningEku, Instant from, Instant to) {
        KeyPair kp = rsa();
        KeyPurposeId eku = ocspSigningEku ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_serverAuth;
        return new Issued(build(cn, kp, null, issuer.key(), issuer.certificate(), from, to, false, null, List.of(), null, eku),
                kp.getPrivate());
    }

    public static Issued selfSigned(String cn, KeyPair kp, List<GeneralName> sans) {
        return new Issued(build(cn, kp, cn, kp.getPrivate(), null, from(), to(), false, null, sans), kp.getPrivate());
    }

    private static X509Certificate build(String cn, KeyPair subject, String selfIssuer, PrivateKey signerKey,
                                         X509Certificate issuer, Instant from, Instant to, boolean ca, String crlUrl,
                                         List<GeneralName> sans) {
        return build(cn, subject, selfIssuer, signerKey, issuer, from, to, ca, crlUrl, sans, null, null);
    }

    private static X509Certificate build(String cn, KeyPair subject, String selfIssuer, PrivateKey signerKey,
                                         X509Certificate issuer, Instant from, Instant to, boolean ca, String crlUrl,
                                         List<GeneralName> sans, String ocspUrl, KeyPurposeId eku) {
        try {
            X500Name subjectName = new X500Name("CN=" + cn);
            X500Name issuerName = issuer == null ? new X500Name("CN=" + selfIssuer)
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from), Date.from(to), subjectName, subject.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subject.getPublic()));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (crlUrl != null) {
                DistributionPoint dp = new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null);
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{dp}));
            }
            if (ocspUrl != null) {
                b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
            }
            if (eku != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            }
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(signerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509CRL crl(Issued issuer, Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate c : revoked) {
                b.addCRLEntry(c.getSerialNumber(), Date.from(thisUpdate.minusSeconds(60)), CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().getCRL(b.build(signer(issuer.key())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> "SHA256withRSA";
        };
        return new JcaContentSignerBuilder(alg).build(key);
    }

    public static String pem(X509Certificate... certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** A TLS server context presenting the certificate, and a client context trusting exactly it. */
    public static SSLContext serverContext(Issued identity) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", identity.key(), "pw".toCharArray(), new X509Certificate[]{identity.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLContext clientContextTrusting(X509Certificate... certificates) {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            List<X509Certificate> list = new ArrayList<>(List.of(certificates));
            for (int i = 0; i < list.size(); i++) {
                ts.setCertificateEntry("t" + i, list.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
