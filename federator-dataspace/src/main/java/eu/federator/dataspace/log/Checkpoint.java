package eu.federator.dataspace.log;

import java.time.Instant;

/**
 * A signed statement "the log's head was entry {@code sequence} with {@code hash} at {@code time}".
 *
 * @param jws compact JWS (header {@code alg}, {@code kid} = verificationMethod) over JCS of {sequence, hash, time}
 */
public record Checkpoint(long sequence, String hash, Instant time, String verificationMethod, String jws) {
}
