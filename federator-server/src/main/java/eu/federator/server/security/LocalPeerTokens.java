package eu.federator.server.security;

import eu.federator.server.config.ConfigurationError;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local mode: the static bearer tokens of peer catalogues ({@code federator.catalogue.federation.peer-tokens}), each
 * granting only {@link Role#FEDERATION_PEER}. As with the admin token, only SHA-256 digests are kept, compared in
 * constant time, and no token is ever logged.
 */
final class LocalPeerTokens {
    static final String PROPERTY = "federator.catalogue.federation.peer-tokens";

    private final List<byte[]> digests;

    private LocalPeerTokens(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * @throws ConfigurationError when a token is too short or is the admin token
     */
    static LocalPeerTokens of(List<String> tokens, LocalAdminToken admin) {
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i) == null ? "" : tokens.get(i).strip();
            if (token.length() < LocalAdminToken.MIN_LENGTH) {
                throw new ConfigurationError(PROPERTY + "[" + i + "] is shorter than " + LocalAdminToken.MIN_LENGTH + " characters",
                        "Give each peer catalogue a long random token, e.g. the output of 'openssl rand -base64 32'.");
            }
            if (admin != null && admin.matches(token)) {
                throw new ConfigurationError(PROPERTY + "[" + i + "] is the admin token",
                        "A peer token grants only the peer role; give peers their own tokens, never the admin token.");
            }
            digests.add(LocalAdminToken.sha256(token));
        }
        return new LocalPeerTokens(digests);
    }

    int size() {
        return digests.size();
    }

    /** The number (1-based) of the peer token presented, if it is one. Every digest is compared (constant time). */
    Optional<Integer> match(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = LocalAdminToken.sha256(presented);
        int found = 0;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), digest) && found == 0) {
                found = i + 1;
            }
        }
        return found == 0 ? Optional.empty() : Optional.of(found);
    }

    @Override
    public String toString() {
        return "LocalPeerTokens[" + digests.size() + "]";
    }
}
