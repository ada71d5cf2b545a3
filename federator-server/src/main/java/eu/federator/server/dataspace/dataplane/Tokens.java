package eu.federator.server.dataspace.dataplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;

/** The data plane's bearer tokens: 256 random bits, stored only as their SHA-256, compared in constant time. */
final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Whether {@code presented} hashes to one of {@code stored}; every candidate is compared, each in constant time. */
    static <T extends Hashed> T match(String presented, Collection<T> stored) {
        byte[] hash = hash(presented);
        T found = null;
        for (T candidate : stored) {
            if (MessageDigest.isEqual(hash, candidate.tokenHash()) && found == null) {
                found = candidate;
            }
        }
        return found;
    }

    /**
     * The token of an {@code Authorization} header: EDC sends the bare token (as its data address says), others
     * {@code Bearer <token>}; both are accepted.
     */
    static String fromHeader(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() ? null : value;
    }

    interface Hashed {
        byte[] tokenHash();
    }
}
