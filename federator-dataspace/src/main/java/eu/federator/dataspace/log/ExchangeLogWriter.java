package eu.federator.dataspace.log;

import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.dataspace.internal.WakeableLoop;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves the events the process stores queued into the hash chain ({@link ExchangeLog#appendQueued}) and signs
 * checkpoints: one after every {@code checkpointEvery} entries (the log's setting) and at least every
 * {@code checkpointMaxAge} while entries come. {@link #wake()} after a commit asks for a round now; the poll interval
 * catches what a crashed replica or another replica queued. Several writers may run on one database: the log's head
 * lock makes them take turns, and each round chains whatever is queued at that moment.
 */
public final class ExchangeLogWriter implements AutoCloseable {
    private final ExchangeLog log;
    private final SigningKey signer;
    private final int batchSize;
    private final Duration checkpointMaxAge;

    private final WakeableLoop loop = new WakeableLoop("exchange-log-writer", () -> {
        drainNow();
        return false;
    });

    public ExchangeLogWriter(ExchangeLog log, SigningKey signer, int batchSize, Duration checkpointMaxAge) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (checkpointMaxAge.isNegative() || checkpointMaxAge.isZero()) {
            throw new IllegalArgumentException("checkpointMaxAge must be positive, was " + checkpointMaxAge);
        }
        this.log = Objects.requireNonNull(log, "log");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.batchSize = batchSize;
        this.checkpointMaxAge = checkpointMaxAge;
    }

    /** What one round did: entries appended, and the checkpoint signed, if any. */
    public record Round(int appended, Optional<Checkpoint> checkpoint) {
    }

    /** Chains everything queued now (in batches) and signs a checkpoint if one is due; on the caller's thread. */
    public Round drainNow() {
        int appended = 0;
        int batch;
        do {
            batch = log.appendQueued(batchSize);
            appended += batch;
        } while (batch == batchSize);
        return new Round(appended, log.checkpointIfDue(signer, checkpointMaxAge));
    }

    /** Runs rounds on a daemon thread of its own: after {@link #wake()}, and every {@code pollInterval}. */
    public void start(Duration pollInterval) {
        loop.start(pollInterval);
    }

    /** Asks the background loop for a round now; call it after committing a change that queued log events. */
    public void wake() {
        loop.wake();
    }

    /** Stops the background loop and waits (up to 1 min) for the round in progress. */
    @Override
    public void close() {
        loop.close();
    }
}
