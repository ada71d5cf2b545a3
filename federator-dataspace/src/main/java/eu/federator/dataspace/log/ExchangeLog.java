package eu.federator.dataspace.log;

import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import jakarta.json.JsonObject;

import java.util.Optional;

/**
 * The tamper-evident exchange log: an append-only hash chain of negotiation and transfer events with signed checkpoints.
 * An exported range is checked with {@link ExchangeLogVerifier}.
 */
public interface ExchangeLog {

    /** Appends the event as the next entry of the chain; concurrent appenders never fork it. */
    LogEntry append(LogEvent event);

    /**
     * Chains up to {@code limit} events the process stores queued with their changes (oldest first), in one transaction;
     * returns how many. Called by a background writer until it returns less than {@code limit}.
     */
    int appendQueued(int limit);

    /**
     * Signs the current head and stores the checkpoint (if the head already has one, returns that).
     *
     * @throws IllegalStateException when the log is empty
     */
    Checkpoint checkpoint(SigningKey signer);

    /** A checkpoint when at least {@code checkpointEvery} entries were appended since the last one; for a scheduler. */
    Optional<Checkpoint> checkpointIfDue(SigningKey signer);

    /**
     * Entries {@code fromSequence..toSequence} (inclusive; {@code toSequence} is clipped to the head) and the checkpoints
     * on them, as {@code {"from","to","previousHash","entries":[..],"checkpoints":[..]}}.
     */
    JsonObject export(long fromSequence, long toSequence);
}
