package eu.federator.credentials.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signatures that verified, so that the same signature over the same bytes with the same key is not verified again:
 * providers present the same signed participant credentials with every offering, and a signature check is the most
 * expensive step of a verification. Verification is deterministic, so a hit is exactly as good as a new check; only the
 * signature is remembered, the time-dependent checks (validity, certificates, status) still run every time. Only
 * successes are kept (a flood of bad signatures cannot fill it) and at most {@value #MAX} of them.
 */
final class VerifiedSignatures {
    static final int MAX = 20_000;

    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    boolean contains(String alg, JWK key, byte[] signingInput, Base64URL signature) {
        String id = id(alg, key, signingInput, signature);
        return id != null && verified.contains(id);
    }

    void add(String alg, JWK key, byte[] signingInput, Base64URL signature) {
        String id = id(alg, key, signingInput, signature);
        if (id == null) {
            return;
        }
        if (verified.size() >= MAX) {
            verified.clear(); // cheaper than LRU bookkeeping on every hit; the working set refills at once
        }
        verified.add(id);
    }

    /** alg, the key's RFC 7638 thumbprint and SHA-256 over the signing input and the signature; null if no thumbprint. */
    private static String id(String alg, JWK key, byte[] signingInput, Base64URL signature) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(signingInput);
            sha.update((byte) 0);
            sha.update(signature.decode());
            return alg + ' ' + key.computeThumbprint() + ' ' + HexFormat.of().formatHex(sha.digest());
        } catch (JOSEException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
