package eu.federator.dataspace.log;

import eu.federator.credentials.issue.CredentialSigner.SigningKey;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves the events the process stores queued into the hash chain ({@link ExchangeLog#appendQueued}) and signs
 * checkpoints: one after every {@code checkpointEvery} entries (the log's setting) and at least every
 * {@code checkpointMaxAge} while entries come. {@link #wake()} after a commit asks for a round now; the poll interval
 * catches what a crashed replica or another replica queued. Several writers may run on one database: the log's head
 * lock makes them take turns, and each round chains whatever is queued at that moment.
 */
public final class ExchangeLogWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExchangeLogWriter.class.getName());

    private final ExchangeLog log;
    private final SigningKey signer;
    private final int batchSize;
    private final Duration checkpointMaxAge;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private boolean running;
    private Future<?> loop;

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
        Objects.requireNonNull(pollInterval, "pollInterval");
        lock.lock();
        try {
            if (running) {
                throw new IllegalStateException("the exchange log writer is already running");
            }
            running = true;
            FutureTask<Void> task = new FutureTask<>(() -> loop(pollInterval), null);
            Thread.ofPlatform().name("exchange-log-writer").daemon().start(task);
            loop = task;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the background loop for a round now; call it after committing a change that queued log events. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop(Duration pollInterval) {
        while (true) {
            lock.lock();
            try {
                long nanos = pollInterval.toNanos();
                while (running && !woken && nanos > 0) {
                    nanos = signal.awaitNanos(nanos);
                }
                if (!running) {
                    return;
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                drainNow();
            } catch (RuntimeException e) {
                // e.g. the database is away: the queue keeps the events, the next round chains them
                LOG.log(System.Logger.Level.WARNING, "exchange log round failed, retrying at the next poll", e);
            }
        }
    }

    /** Stops the background loop and waits (up to 1 min) for the round in progress. */
    @Override
    public void close() {
        Future<?> current;
        lock.lock();
        try {
            running = false;
            signal.signalAll();
            current = loop;
            loop = null;
        } finally {
            lock.unlock();
        }
        if (current != null) {
            try {
                current.get(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "exchange log writer did not stop cleanly", e);
            }
        }
    }
}
