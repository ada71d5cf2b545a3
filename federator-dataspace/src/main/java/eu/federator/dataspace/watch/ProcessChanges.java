package eu.federator.dataspace.watch;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets a caller wait for a process to reach a state instead of polling for it. The stores of this replica call
 * {@link #changed} after every committed change; a waiter reads the process again when told, and also every
 * {@code recheck} for changes another replica committed, which nobody here is told about.
 * <p>
 * Each waiter holds its thread, so at most {@code maxWaiting} wait at once; the others are answered at once (they
 * fall back to polling) rather than starving the server of threads.
 */
public final class ProcessChanges {
    private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();
    private final Semaphore waiting;
    private final Duration recheck;

    /** Waiters of one process share one signal, completed (and dropped) at its next change. */
    private static final class Signal {
        final CompletableFuture<Void> fired = new CompletableFuture<>();
        int waiters;
    }

    /** What {@link #await} saw last, and whether it waited for it (false: too many waiters, answered at once). */
    public record Awaited<T>(Optional<T> current, boolean waited) {
    }

    public ProcessChanges(int maxWaiting, Duration recheck) {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must not be negative, was " + maxWaiting);
        }
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("recheck must be positive, was " + recheck);
        }
        this.waiting = new Semaphore(maxWaiting);
        this.recheck = recheck;
    }

    /** The process {@code id} changed (called after the change committed). */
    public void changed(String id) {
        Signal s = signals.remove(id);
        if (s != null) {
            s.fired.complete(null);
        }
    }

    /**
     * Reads the process until {@code settled} holds for it, it is gone, or {@code max} passed, and returns what it read
     * last. Reads once without waiting when {@code max} is zero or too many callers wait already.
     */
    public <T> Awaited<T> await(String id, Supplier<Optional<T>> read, Predicate<T> settled, Duration max) throws InterruptedException {
        Objects.requireNonNull(id, "id");
        if (max.isNegative() || max.isZero() || !waiting.tryAcquire()) {
            return new Awaited<>(read.get(), false);
        }
        try {
            long deadline = System.nanoTime() + max.toNanos();
            while (true) {
                // registered before reading: a change committed after the read fires this signal
                Signal signal = register(id);
                try {
                    Optional<T> current = read.get();
                    long left = deadline - System.nanoTime();
                    if (current.isEmpty() || settled.test(current.get()) || left <= 0) {
                        return new Awaited<>(current, true);
                    }
                    signal.fired.get(Math.min(left, recheck.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // read again: another replica may have changed it
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } finally {
                    release(id, signal);
                }
            }
        } finally {
            waiting.release();
        }
    }

    /** Processes someone waits for right now (for metrics and tests). */
    public int watched() {
        return signals.size();
    }

    private Signal register(String id) {
        return signals.compute(id, (k, s) -> {
            Signal mine = s == null ? new Signal() : s;
            mine.waiters++;
            return mine;
        });
    }

    private void release(String id, Signal signal) {
        signals.computeIfPresent(id, (k, s) -> s == signal && --s.waiters == 0 ? null : s);
    }
}
