package eu.federator.credentials.did;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * Multikey public keys: multibase base58btc ({@code z...}) over a multicodec varint prefix and the key bytes,
 * as used by did:key, {@code Multikey} and {@code Ed25519VerificationKey2020}. Converted to public JWKs.
 */
final class MultibaseKeys {
    private MultibaseKeys() {
    }

    static final int ED25519_PUB = 0xed;
    static final int SECP256K1_PUB = 0xe7;
    static final int P256_PUB = 0x1200;
    static final int P384_PUB = 0x1201;
    static final int P521_PUB = 0x1202;
    static final int RSA_PUB = 0x1205;

    /** Multicodec codes of private keys: finding one in a DID document means the document leaks a secret. */
    private static final Map<Integer, String> PRIVATE_CODECS = Map.of(
            0x1300, "ed25519-priv", 0x1301, "secp256k1-priv", 0x1302, "x25519-priv", 0x1305, "rsa-priv",
            0x1306, "p256-priv", 0x1307, "p384-priv", 0x1308, "p521-priv");

    /** Longest multibase key accepted (RSA-4096 is about 740 characters). */
    private static final int MAX_CHARS = 4096;

    /** A key that is not acceptable; {@code privateKey} marks private key material. */
    static final class KeyException extends Exception {
        final boolean privateKey;

        KeyException(String message, boolean privateKey) {
            super(message);
            this.privateKey = privateKey;
        }
    }

    /** @param multibase {@code z} followed by base58btc of varint(codec) || key bytes */
    static JWK toJwk(String multibase) throws KeyException {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw new KeyException("publicKeyMultibase must be base58btc (start with 'z')", false);
        }
        if (multibase.length() > MAX_CHARS) {
            throw new KeyException("publicKeyMultibase is longer than " + MAX_CHARS + " characters", false);
        }
        byte[] bytes;
        try {
            bytes = Base58.decode(multibase.substring(1));
        } catch (IllegalArgumentException e) {
            throw new KeyException("publicKeyMultibase is not valid base58btc: " + e.getMessage(), false);
        }
        int codec = 0;
        int shift = 0;
        int pos = 0;
        while (true) {
            if (pos >= bytes.length || pos >= 3) {
                throw new KeyException("publicKeyMultibase has no valid multicodec prefix", false);
            }
            int b = bytes[pos++] & 0xff;
            codec |= (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] key = Arrays.copyOfRange(bytes, pos, bytes.length);
        String privateName = PRIVATE_CODECS.get(codec);
        if (privateName != null) {
            throw new KeyException("the multibase key is a private key (multicodec 0x" + Integer.toHexString(codec)
                    + " " + privateName + ")", true);
        }
        return switch (codec) {
            case ED25519_PUB -> ed25519(key);
            case SECP256K1_PUB -> ec(Curve.SECP256K1, "secp256k1", key);
            case P256_PUB -> ec(Curve.P_256, "secp256r1", key);
            case P384_PUB -> ec(Curve.P_384, "secp384r1", key);
            case P521_PUB -> ec(Curve.P_521, "secp521r1", key);
            case RSA_PUB -> rsa(key);
            default -> throw new KeyException("unsupported multicodec key type 0x" + Integer.toHexString(codec)
                    + "; supported: ed25519-pub, p256-pub, p384-pub, p521-pub, secp256k1-pub, rsa-pub", false);
        };
    }

    static JWK ed25519(byte[] raw) throws KeyException {
        if (raw.length != 32) {
            throw new KeyException("an Ed25519 public key has 32 bytes, not " + raw.length, false);
        }
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).build();
    }

    private static JWK ec(Curve curve, String bcName, byte[] encoded) throws KeyException {
        X9ECParameters params = CustomNamedCurves.getByName(bcName);
        ECPoint point;
        try {
            point = params.getCurve().decodePoint(encoded).normalize();
        } catch (RuntimeException e) { // BouncyCastle signals bad encodings with several unchecked exceptions
            throw new KeyException("not a valid " + curve + " point: " + e.getMessage(), false);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new KeyException("not a valid " + curve + " point", false);
        }
        int size = (params.getCurve().getFieldSize() + 7) / 8;
        return new ECKey.Builder(curve, Base64URL.encode(unsigned(point.getAffineXCoord().toBigInteger(), size)),
                Base64URL.encode(unsigned(point.getAffineYCoord().toBigInteger(), size))).build();
    }

    private static JWK rsa(byte[] der) throws KeyException {
        try {
            RSAPublicKey key = RSAPublicKey.getInstance(der);
            return new RSAKey.Builder(Base64URL.encode(key.getModulus()), Base64URL.encode(key.getPublicExponent())).build();
        } catch (RuntimeException e) {
            throw new KeyException("not a DER RSAPublicKey: " + e.getMessage(), false);
        }
    }

    private static byte[] unsigned(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        if (raw.length == size) {
            return raw;
        }
        byte[] out = new byte[size];
        if (raw.length > size) {
            System.arraycopy(raw, raw.length - size, out, 0, size);
        } else {
            System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        }
        return out;
    }

    /** Encodes a public key multibase (for tests and for building did:key identifiers). */
    static String encode(int codec, byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int value = codec;
        while (value >= 0x80) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
        out.writeBytes(key);
        return "z" + Base58.encode(out.toByteArray());
    }
}
