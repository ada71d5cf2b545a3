package eu.federator.dataspace.log;

import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.List;
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
     * A checkpoint when {@link #checkpointIfDue(SigningKey)} says so, or when entries came since the last checkpoint and
     * that one (with none yet: the first entry) is older than {@code maxAge}; so every entry is covered by a signed
     * checkpoint at most {@code maxAge} after it was appended (plus the caller's polling).
     */
    Optional<Checkpoint> checkpointIfDue(SigningKey signer, Duration maxAge);

    /** Where the chain stands: its head and the last checkpoint. */
    Status status();

    /** @param lastCheckpoint null when there is none yet */
    record Status(long head, String headHash, Checkpoint lastCheckpoint) {
    }

    /**
     * Up to {@code limit} entries from {@code fromSequence} on, in sequence order; only those of the process
     * {@code processId} and/or of the agreement {@code agreementId} when given (null: any).
     */
    List<LogEntry> entries(String processId, String agreementId, long fromSequence, int limit);

    /**
     * Entries {@code fromSequence..toSequence} (inclusive; {@code toSequence} is clipped to the head) and the checkpoints
     * on them, as {@code {"from","to","previousHash","entries":[..],"checkpoints":[..]}}.
     */
    JsonObject export(long fromSequence, long toSequence);
}
