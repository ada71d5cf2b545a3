package eu.federator.credentials.proof;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JWS algorithms Federator accepts, and raw sign/verify over a signing input: signing with the JDK's providers,
 * Ed25519 and ECDSA verification with BouncyCastle (faster, see below). Raw because JsonWebSignature2020 signs an
 * unencoded binary payload that Nimbus's JWSObject mangles (nimbus-jose-jwt issue 500).
 */
public final class JwsAlgorithms {
    private JwsAlgorithms() {
    }

    private static final Map<String, String> JCA = Map.ofEntries(
            Map.entry("RS256", "SHA256withRSA"),
            Map.entry("RS384", "SHA384withRSA"),
            Map.entry("RS512", "SHA512withRSA"),
            Map.entry("PS256", "RSASSA-PSS"),
            Map.entry("PS384", "RSASSA-PSS"),
            Map.entry("PS512", "RSASSA-PSS"),
            Map.entry("ES256", "SHA256withECDSAinP1363Format"),
            Map.entry("ES384", "SHA384withECDSAinP1363Format"),
            Map.entry("ES512", "SHA512withECDSAinP1363Format"),
            Map.entry("EdDSA", "Ed25519"),
            Map.entry("Ed25519", "Ed25519"));

    // DER prefix of an X.509 SubjectPublicKeyInfo / PKCS#8 PrivateKeyInfo for Ed25519, followed by the 32 raw bytes.
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    /**
     * @return empty when the algorithm is acceptable, otherwise why not ("none" and HMAC are never accepted:
     * a symmetric key cannot prove who signed)
     */
    public static Optional<String> rejection(String alg) {
        if (alg == null || alg.isBlank()) {
            return Optional.of("the JWS header has no \"alg\"");
        }
        if (alg.equalsIgnoreCase("none")) {
            return Optional.of("alg \"none\" means unsigned and is rejected");
        }
        if (alg.startsWith("HS")) {
            return Optional.of("HMAC algorithm " + alg + " is rejected: a shared secret cannot identify an issuer");
        }
        if (!JCA.containsKey(alg)) {
            return Optional.of("unsupported JWS algorithm " + alg + "; accepted: PS256, RS256, ES256, ES384, EdDSA (and PS/RS/ES 384/512)");
        }
        return Optional.empty();
    }

    /** @return empty when the key can be used with the algorithm, otherwise why not */
    public static Optional<String> keyMismatch(String alg, JWK key) {
        boolean fits = switch (alg) {
            case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" -> key instanceof RSAKey;
            case "ES256" -> key instanceof ECKey ec && "P-256".equals(ec.getCurve().getName());
            case "ES384" -> key instanceof ECKey ec && "P-384".equals(ec.getCurve().getName());
            case "ES512" -> key instanceof ECKey ec && "P-521".equals(ec.getCurve().getName());
            case "EdDSA", "Ed25519" -> key instanceof OctetKeyPair okp && "Ed25519".equals(okp.getCurve().getName());
            default -> false;
        };
        return fits ? Optional.empty()
                : Optional.of("the key (" + describe(key) + ") cannot verify " + alg + " signatures");
    }

    public static boolean verify(String alg, JWK key, byte[] signingInput, Base64URL signature) throws GeneralSecurityException {
        if (isEd25519(alg) && key instanceof OctetKeyPair okp) {
            return ed25519Verify(okp, signingInput, signature.decode());
        }
        if (alg.startsWith("ES") && key instanceof ECKey ec) {
            return ecdsaVerify(alg, ec, signingInput, signature.decode());
        }
        Signature verifier = instance(alg);
        verifier.initVerify(publicKey(key));
        verifier.update(signingInput);
        return verifier.verify(signature.decode());
    }

    public static Base64URL sign(String alg, JWK privateKey, byte[] signingInput) throws GeneralSecurityException {
        if (isEd25519(alg) && privateKey instanceof OctetKeyPair okp && okp.isPrivate()) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, new Ed25519PrivateKeyParameters(okp.getD().decode()));
            signer.update(signingInput, 0, signingInput.length);
            return Base64URL.encode(signer.generateSignature());
        }
        Signature signer = instance(alg);
        signer.initSign(privateKey(privateKey));
        signer.update(signingInput);
        return Base64URL.encode(signer.sign());
    }

    /** The default algorithm for a key: PS256 for RSA (what Gaia-X uses), ES256/ES384 by curve, EdDSA for Ed25519. */
    public static JWSAlgorithm defaultAlgorithm(JWK key) {
        if (key.getAlgorithm() != null && rejection(key.getAlgorithm().getName()).isEmpty()) {
            return JWSAlgorithm.parse(key.getAlgorithm().getName());
        }
        if (key instanceof RSAKey) {
            return JWSAlgorithm.PS256;
        }
        if (key instanceof ECKey ec) {
            return switch (ec.getCurve().getName()) {
                case "P-384" -> JWSAlgorithm.ES384;
                case "P-521" -> JWSAlgorithm.ES512;
                default -> JWSAlgorithm.ES256;
            };
        }
        if (key instanceof OctetKeyPair) {
            return JWSAlgorithm.EdDSA;
        }
        throw new IllegalArgumentException("no JWS algorithm for " + describe(key));
    }

    public static PublicKey publicKey(JWK key) throws GeneralSecurityException {
        try {
            if (key instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (key instanceof ECKey ec) {
                return ec.toECPublicKey();
            }
        } catch (JOSEException e) {
            throw new GeneralSecurityException("invalid " + describe(key) + ": " + e.getMessage(), e);
        }
        if (key instanceof OctetKeyPair okp && "Ed25519".equals(okp.getCurve().getName())) {
            byte[] raw = okp.getX().decode();
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, raw)));
        }
        throw new GeneralSecurityException("unsupported key type " + describe(key));
    }

    public static PrivateKey privateKey(JWK key) throws GeneralSecurityException {
        if (!key.isPrivate()) {
            throw new GeneralSecurityException("the key " + describe(key) + " has no private part");
        }
        try {
            if (key instanceof RSAKey rsa) {
                return rsa.toRSAPrivateKey();
            }
            if (key instanceof ECKey ec) {
                return ec.toECPrivateKey();
            }
        } catch (JOSEException e) {
            throw new GeneralSecurityException("invalid " + describe(key) + ": " + e.getMessage(), e);
        }
        if (key instanceof OctetKeyPair okp && "Ed25519".equals(okp.getCurve().getName())) {
            byte[] raw = okp.getD().decode();
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, raw)));
        }
        throw new GeneralSecurityException("unsupported key type " + describe(key));
    }

    private static boolean isEd25519(String alg) {
        return "EdDSA".equals(alg) || "Ed25519".equals(alg);
    }

    // BouncyCastle's Ed25519 verifies about four times faster than the JDK's pure-Java implementation (measured:
    // docs/benchmarks.md), and VC-JWTs in the field are mostly EdDSA.
    private static boolean ed25519Verify(OctetKeyPair key, byte[] message, byte[] signature) throws GeneralSecurityException {
        byte[] raw = key.getX().decode();
        if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new GeneralSecurityException("an Ed25519 public key has 32 bytes, this one " + raw.length);
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(raw));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    // ECDSA verification through BouncyCastle: about five times faster than the JDK's on P-256 (docs/benchmarks.md,
    // DSP negotiations, "Third session"), mostly because the point's precomputation is kept with the cached key. Verification only
    // handles public data, so variable-time arithmetic leaks nothing; signing stays with the JDK.
    private static final int MAX_CACHED_KEYS = 1024;
    private static final Map<String, ECPublicKeyParameters> EC_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, String> ECDSA_DIGESTS = Map.of("ES256", "SHA-256", "ES384", "SHA-384", "ES512", "SHA-512");

    private static boolean ecdsaVerify(String alg, ECKey key, byte[] signingInput, byte[] signature) throws GeneralSecurityException {
        String digest = ECDSA_DIGESTS.get(alg);
        if (digest == null) {
            throw new GeneralSecurityException(rejection(alg).orElse("unsupported algorithm " + alg));
        }
        ECPublicKeyParameters q = ecPublicKey(key);
        int half = (q.getParameters().getCurve().getFieldSize() + 7) / 8;
        if (signature.length != 2 * half) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, q);
        return verifier.verifySignature(MessageDigest.getInstance(digest).digest(signingInput),
                new BigInteger(1, Arrays.copyOfRange(signature, 0, half)), new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length)));
    }

    private static ECPublicKeyParameters ecPublicKey(ECKey key) throws GeneralSecurityException {
        String id = key.getCurve().getName() + ":" + key.getX() + ":" + key.getY();
        ECPublicKeyParameters cached = EC_KEYS.get(id);
        if (cached != null) {
            return cached;
        }
        X9ECParameters curve = CustomNamedCurves.getByName(key.getCurve().getName());
        if (curve == null) {
            throw new GeneralSecurityException("unsupported curve " + key.getCurve());
        }
        ECPublicKeyParameters q;
        try {
            ECDomainParameters domain = new ECDomainParameters(curve);
            q = new ECPublicKeyParameters(domain.getCurve().validatePoint(key.getX().decodeToBigInteger(), key.getY().decodeToBigInteger()),
                    domain);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("invalid " + describe(key) + ": " + e.getMessage(), e);
        }
        if (EC_KEYS.size() >= MAX_CACHED_KEYS) {
            EC_KEYS.clear(); // a crude bound: keys in use are cached again at their next signature
        }
        EC_KEYS.put(id, q);
        return q;
    }

    private static Signature instance(String alg) throws GeneralSecurityException {
        String jca = JCA.get(alg);
        if (jca == null) {
            throw new GeneralSecurityException(rejection(alg).orElse("unsupported algorithm " + alg));
        }
        Signature signature = Signature.getInstance(jca);
        if (alg.startsWith("PS")) {
            int bits = Integer.parseInt(alg.substring(2));
            String digest = "SHA-" + bits;
            signature.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), bits / 8, 1));
        }
        return signature;
    }

    static String describe(JWK key) {
        String curve = key instanceof ECKey ec ? " " + ec.getCurve() : key instanceof OctetKeyPair okp ? " " + okp.getCurve() : "";
        return key.getKeyType() + curve + (key.getKeyID() != null ? " kid " + key.getKeyID() : "");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
