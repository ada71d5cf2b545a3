package eu.federator.dataspace.outbox;

import java.time.Instant;

/**
 * A claimed outbox row.
 *
 * @param processKind {@code negotiation} or {@code transfer}
 * @param attempts    failed attempts so far
 */
public record OutboxMessage(long id, String processKind, String processId, OutboxEntry entry, int attempts, Instant nextAttempt,
                            String lastError) {
}
