package eu.federator.dataspace.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A background round of work on a daemon thread of its own: run when {@link #wake()} is called or the poll interval
 * passed, and again at once while a round says more is waiting. The outbox dispatcher and the exchange-log writer run on
 * it. A failing round is logged and retried at the next wake-up or poll.
 */
public final class WakeableLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WakeableLoop.class.getName());

    private final String name;
    private final BooleanSupplier round;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private boolean running;
    private FutureTask<Void> loop;

    /** @param round one round; returns true when more work is waiting (another round follows at once) */
    public WakeableLoop(String name, BooleanSupplier round) {
        this.name = Objects.requireNonNull(name, "name");
        this.round = Objects.requireNonNull(round, "round");
    }

    public void start(Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        lock.lock();
        try {
            if (running) {
                throw new IllegalStateException(name + " is already running");
            }
            running = true;
            loop = new FutureTask<>(() -> run(pollInterval), null);
            Thread.ofPlatform().name(name).daemon().start(loop);
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a round now. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void run(Duration pollInterval) {
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
                boolean more;
                do {
                    more = round.getAsBoolean();
                } while (more && running());
            } catch (RuntimeException e) {
                // e.g. the database is away: the work stays where it is, the next round takes it
                LOG.log(System.Logger.Level.WARNING, name + ": round failed, retrying at the next poll", e);
            }
        }
    }

    /** Stops the loop and waits (up to 1 min) for the round in progress. */
    @Override
    public void close() {
        FutureTask<Void> current;
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
                LOG.log(System.Logger.Level.WARNING, name + " did not stop cleanly", e);
            }
        }
    }
}
