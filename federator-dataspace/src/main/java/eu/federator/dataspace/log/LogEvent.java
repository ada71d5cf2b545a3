package eu.federator.dataspace.log;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One negotiation or transfer event to log. The time is truncated to microseconds, the precision PostgreSQL keeps, so
 * the hash computed on append is the hash recomputed from the stored row.
 *
 * @param agreementId   the contract agreement id, or null before there is one
 * @param payloadDigest SHA-256 (lower-case hex) of the message bytes, see {@link ExchangeChain#digest(byte[])}
 */
public record LogEvent(String processId, ProcessKind processKind, String eventType, String counterPartyId, String agreementId,
                       String payloadDigest, Instant time) {
    public LogEvent {
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(processKind, "processKind");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(counterPartyId, "counterPartyId");
        Objects.requireNonNull(time, "time");
        if (payloadDigest == null || !ExchangeChain.isHash(payloadDigest)) {
            throw new IllegalArgumentException("payloadDigest must be a SHA-256 as 64 lower-case hex digits, got " + payloadDigest
                    + "; compute it with ExchangeChain.digest(messageBytes)");
        }
        time = time.truncatedTo(ChronoUnit.MICROS);
    }
}
