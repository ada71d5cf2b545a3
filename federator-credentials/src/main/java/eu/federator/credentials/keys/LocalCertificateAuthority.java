package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A throw-away certificate authority for local and lab use: a self-signed root that issues leaf certificates
 * binding a signing key (the JWK in a DID document) to a host name. Production keys need certificates from a
 * Gaia-X accepted trust anchor instead; this CA only makes the full verification path (JWK = leaf key, PKIX
 * path to a configured anchor) testable without one.
 */
public final class LocalCertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JWK caKey;
    private final X509Certificate certificate;

    private LocalCertificateAuthority(JWK caKey, X509Certificate certificate) {
        this.caKey = caKey;
        this.certificate = certificate;
    }

    /** Creates a new root with a fresh key of the given type, valid from now (minus a minute) for {@code validity}. */
    public static LocalCertificateAuthority create(String commonName, KeyType keyType, Instant now, Duration validity) throws KeyMaterialException {
        JWK key = keyType.generate();
        X500Name name = name(commonName, "Federator local CA");
        PublicKey publicKey = Jwks.publicKey(key);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(validity)), name, publicKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new KeyMaterialException("cannot build the CA certificate: " + e.getMessage(), e);
        }
        return new LocalCertificateAuthority(key, sign(builder, key));
    }

    /** Uses an existing CA key and certificate (e.g. loaded from files) to issue further leaves. */
    public static LocalCertificateAuthority of(JWK caPrivateKey, X509Certificate caCertificate) {
        return new LocalCertificateAuthority(caPrivateKey, caCertificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public JWK privateKey() {
        return caKey;
    }

    /**
     * Issues an end-entity certificate for the public part of {@code subjectKey}: CN = host, DNS SAN = host,
     * key usage digitalSignature, not a CA.
     */
    public X509Certificate issueLeaf(JWK subjectKey, String host, Instant now, Duration validity) throws KeyMaterialException {
        PublicKey publicKey = Jwks.publicKey(subjectKey);
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(now.minusSeconds(60)),
                Date.from(notAfter), name(host, "Federator"), publicKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
        } catch (CertIOException | NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new KeyMaterialException("cannot build the certificate for " + host + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new KeyMaterialException("'" + host + "' cannot be a certificate DNS name: " + e.getMessage(), e);
        }
        return sign(builder, caKey);
    }

    /** The chain to publish at the x5u URL: leaf first, then this CA. */
    public List<X509Certificate> chain(X509Certificate leaf) {
        return List.of(leaf, certificate);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, JWK key) throws KeyMaterialException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(key)).build(Jwks.privateKey(key));
            return Certificates.toX509(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new KeyMaterialException("cannot sign the certificate: " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithm(JWK key) {
        if (key instanceof RSAKey) {
            return "SHA256withRSA";
        }
        if (key instanceof ECKey ec) {
            return switch (ec.getCurve().getName()) {
                case "P-384" -> "SHA384withECDSA";
                case "P-521" -> "SHA512withECDSA";
                default -> "SHA256withECDSA";
            };
        }
        if (key instanceof OctetKeyPair) {
            return "Ed25519";
        }
        throw new IllegalArgumentException("unsupported CA key " + key.getKeyType());
    }

    private static X500Name name(String commonName, String organisation) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).addRDN(BCStyle.O, organisation).build();
    }

    private static BigInteger serial() {
        return new BigInteger(159, RANDOM).add(BigInteger.ONE);
    }
}
