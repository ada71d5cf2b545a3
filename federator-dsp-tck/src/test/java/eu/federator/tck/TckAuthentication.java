package eu.federator.tck;

import eu.federator.dataspace.policy.Requester;
import eu.federator.server.dataspace.DspAuthentication;
import eu.federator.server.dataspace.DspException;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The TCK's identity: it sends one configured literal {@code Authorization} value on every request, which stands for
 * the participant {@code TCK_PARTICIPANT}. Anything else is refused as the real profile refuses a bad token.
 */
final class TckAuthentication implements DspAuthentication {
    private final byte[] expected;

    TckAuthentication(String authorization) {
        this.expected = authorization.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Requester requester(String authorization) {
        if (authorization == null || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
            throw new DspException(HttpStatus.UNAUTHORIZED, "the TCK's Authorization value is required");
        }
        return new Requester(TckIds.PARTICIPANT, List.of());
    }
}
