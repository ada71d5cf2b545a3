package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.proof.JwsAlgorithms;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between JCA / PKCS#8 key material and Nimbus {@link JWK}s. The private key alone is enough:
 * the public part is derived (RSA from the CRT fields, EC by scalar multiplication, Ed25519 from the seed).
 */
public final class Jwks {
    private Jwks() {
    }

    public static JWK fromKeyPair(KeyPair pair) throws KeyMaterialException {
        return fromPrivateKey(pair.getPrivate());
    }

    public static JWK fromPrivateKey(PrivateKey key) throws KeyMaterialException {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new KeyMaterialException("the " + key.getAlgorithm() + " private key cannot be exported (hardware or non-extractable key)");
        }
        return fromPrivateKeyInfo(PrivateKeyInfo.getInstance(encoded));
    }

    /** Converts a PKCS#8 PrivateKeyInfo (RSA, EC P-256/P-384/P-521, Ed25519) to a private JWK. */
    public static JWK fromPrivateKeyInfo(PrivateKeyInfo info) throws KeyMaterialException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm) || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(algorithm)) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
                return new RSAKey.Builder(b64(rsa.getModulus()), b64(rsa.getPublicExponent()))
                        .privateExponent(b64(rsa.getPrivateExponent()))
                        .firstPrimeFactor(b64(rsa.getPrime1()))
                        .secondPrimeFactor(b64(rsa.getPrime2()))
                        .firstFactorCRTExponent(b64(rsa.getExponent1()))
                        .secondFactorCRTExponent(b64(rsa.getExponent2()))
                        .firstCRTCoefficient(b64(rsa.getCoefficient()))
                        .build();
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
                return ecKey(info);
            }
            if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
                byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                if (seed.length != 32) {
                    throw new KeyMaterialException("malformed Ed25519 private key: " + seed.length + " bytes instead of 32");
                }
                byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey)).d(Base64URL.encode(seed)).build();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyMaterialException("malformed private key (" + algorithm + "): " + e.getMessage(), e);
        }
        throw new KeyMaterialException("unsupported private key algorithm " + algorithm
                + "; supported: RSA, EC P-256/P-384/P-521, Ed25519");
    }

    private static JWK ecKey(PrivateKeyInfo info) throws IOException, KeyMaterialException {
        org.bouncycastle.asn1.ASN1Encodable parameters = info.getPrivateKeyAlgorithm().getParameters();
        org.bouncycastle.asn1.x9.X962Parameters x962 = parameters == null ? null : org.bouncycastle.asn1.x9.X962Parameters.getInstance(parameters);
        if (x962 == null) {
            throw new KeyMaterialException("EC private key without curve parameters: export it with its named curve (P-256, P-384)");
        }
        if (!x962.isNamedCurve()) {
            throw new KeyMaterialException("EC private key with explicit curve parameters is not supported; export it with its named curve (P-256, P-384)");
        }
        ASN1ObjectIdentifier curveOid = ASN1ObjectIdentifier.getInstance(x962.getParameters());
        Curve curve;
        if (SECObjectIdentifiers.secp256r1.equals(curveOid)) {
            curve = Curve.P_256;
        } else if (SECObjectIdentifiers.secp384r1.equals(curveOid)) {
            curve = Curve.P_384;
        } else if (SECObjectIdentifiers.secp521r1.equals(curveOid)) {
            curve = Curve.P_521;
        } else {
            throw new KeyMaterialException("unsupported EC curve " + curveOid + " (" + ECNamedCurveTable.getName(curveOid)
                    + "); supported: P-256, P-384, P-521");
        }
        X9ECParameters params = ECNamedCurveTable.getByOID(curveOid);
        BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
        ECPoint q = params.getG().multiply(d).normalize();
        int fieldSize = params.getCurve().getFieldSize();
        return new ECKey.Builder(curve,
                ECKey.encodeCoordinate(fieldSize, q.getAffineXCoord().toBigInteger()),
                ECKey.encodeCoordinate(fieldSize, q.getAffineYCoord().toBigInteger()))
                .d(ECKey.encodeCoordinate(fieldSize, d))
                .build();
    }

    /** The JWK with an {@code x5c} chain (leaf first) added. */
    public static JWK withCertificateChain(JWK key, List<X509Certificate> chain) throws KeyMaterialException {
        if (chain.isEmpty()) {
            return key;
        }
        List<Base64> x5c = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                x5c.add(Base64.encode(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new KeyMaterialException("cannot encode certificate " + c.getSubjectX500Principal() + ": " + e.getMessage(), e);
            }
        }
        try {
            return JWK.parse(withMember(key.toJSONObject(), "x5c", x5c.stream().map(Base64::toString).toList()));
        } catch (java.text.ParseException e) {
            throw new KeyMaterialException("cannot attach the certificate chain to the key: " + e.getMessage(), e);
        }
    }

    /** The JWK with an {@code x5u} URL added (the public JWK of a did:web document usually carries one). */
    /** The key without x5c, x5u, x5t and x5t#S256: where the chain travels separately (x5u in a DID document). */
    public static JWK withoutCertificates(JWK key) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(key.toJSONObject());
        for (String member : List.of("x5c", "x5u", "x5t", "x5t#S256")) {
            json.remove(member);
        }
        try {
            return JWK.parse(json);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a JWK without its certificate members does not parse: " + e.getMessage(), e);
        }
    }

    public static JWK withX5u(JWK key, java.net.URI x5u) {
        try {
            return JWK.parse(withMember(key.toJSONObject(), "x5u", x5u.toString()));
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("cannot set x5u " + x5u + ": " + e.getMessage(), e);
        }
    }

    /** The JWK with its {@code alg} set to the default JWS algorithm for the key (PS256, ES256, ES384, EdDSA). */
    public static JWK withDefaultAlgorithm(JWK key) {
        try {
            return JWK.parse(withMember(key.toJSONObject(), "alg", JwsAlgorithms.defaultAlgorithm(key).getName()));
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** JCA public key of a JWK (public or private). */
    public static PublicKey publicKey(JWK key) throws KeyMaterialException {
        try {
            return JwsAlgorithms.publicKey(key);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(e.getMessage(), e);
        }
    }

    /** JCA private key of a private JWK. */
    public static PrivateKey privateKey(JWK key) throws KeyMaterialException {
        try {
            return JwsAlgorithms.privateKey(key);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(e.getMessage(), e);
        }
    }

    private static java.util.Map<String, Object> withMember(java.util.Map<String, Object> json, String name, Object value) {
        java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>(json);
        copy.put(name, value);
        return copy;
    }

    private static Base64URL b64(BigInteger value) {
        return Base64URL.encode(value);
    }
}
