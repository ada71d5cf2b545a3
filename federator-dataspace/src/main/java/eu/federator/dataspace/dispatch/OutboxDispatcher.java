package eu.federator.dataspace.dispatch;

import eu.federator.dataspace.internal.WakeableLoop;
import eu.federator.dataspace.outbox.Outbox;
import eu.federator.dataspace.outbox.OutboxMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox. {@link #runOnce()} claims a batch of due messages, sends them concurrently, records each outcome
 * through the claim (delivered: removed; retryable: attempt counted, next try after the back-off, dead once exhausted;
 * rejected: given up at once) and, after the commit, tells {@link Delivered}.
 * <p>
 * Replicas share the work through the claim ({@code FOR UPDATE SKIP LOCKED}): a message is claimed by one dispatcher at
 * a time and leaves the outbox in the transaction that claimed it, so two dispatchers never send it twice. Delivery is
 * nevertheless <em>at least once</em>: a crash (or a failed commit) after the counter-party acknowledged but before the
 * claim committed leaves the row pending, and it is sent again. That is safe because DSP messages are idempotent by
 * process id and state: a repeated message for a state the counter-party already reached is acknowledged again.
 * <p>
 * The claim holds its row locks (and a database connection) while it sends, so a batch lasts at most the sender's time
 * limit; keep batches modest. In the background ({@link #start}) up to {@code rounds} rounds run at once: a round
 * waiting on a slow or unresponsive counter-party does not hold up messages written after it claimed.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxDispatcher.class.getName());

    private final Outbox outbox;
    private final MessageSender sender;
    private final Delivered delivered;
    private final Clock clock;
    private final int batchSize;

    private final WakeableLoop loop;
    private final Semaphore rounds;
    /** A wake-up came while every round was busy: the next round to end looks again. */
    private final AtomicBoolean missed = new AtomicBoolean();
    private final ExecutorService roundThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dsp-outbox-round-", 1).factory());

    /** One round at a time. */
    public OutboxDispatcher(Outbox outbox, MessageSender sender, Delivered delivered, Clock clock, int batchSize) {
        this(outbox, sender, delivered, clock, batchSize, 1);
    }

    /** @param rounds how many rounds may run at once in the background (each holds a database connection while it sends) */
    public OutboxDispatcher(Outbox outbox, MessageSender sender, Delivered delivered, Clock clock, int batchSize, int rounds) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        this.rounds = new Semaphore(rounds);
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.delivered = Objects.requireNonNull(delivered, "delivered");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batchSize = batchSize;
        this.loop = new WakeableLoop("dsp-outbox", this::launch);
    }

    /** Starts a round in the background if one may run; the loop then waits for the next wake-up. */
    private boolean launch() {
        if (!rounds.tryAcquire()) {
            missed.set(true);
            return false;
        }
        try {
            roundThreads.execute(() -> {
                boolean full = false;
                try {
                    full = runOnce().claimed() == batchSize;
                } catch (RuntimeException e) {
                    // e.g. the database is away: the messages stay where they are, the next round takes them
                    LOG.log(System.Logger.Level.WARNING, "outbox round failed, retrying at the next wake-up or poll", e);
                } finally {
                    rounds.release();
                    if (full || missed.getAndSet(false)) {
                        loop.wake(); // more may be waiting
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            rounds.release(); // closing
        }
        return false;
    }

    /** What one {@link #runOnce()} did. */
    public record Round(int claimed, int sent, int retried, int dead) {
    }

    /** Claims, sends and records one batch of due messages. */
    public Round runOnce() {
        List<OutboxMessage> sent = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        List<OutboxMessage> given = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int claimed;
        int retried = 0;
        int dead = 0;
        try (Outbox.Claim claim = outbox.claim(batchSize, clock.instant())) {
            List<OutboxMessage> messages = claim.messages();
            claimed = messages.size();
            if (claimed == 0) {
                return new Round(0, 0, 0, 0);
            }
            List<SendResult> results = sendAll(messages);
            for (int i = 0; i < claimed; i++) {
                OutboxMessage m = messages.get(i);
                switch (results.get(i)) {
                    case SendResult.Sent ok -> {
                        claim.sent(m.id());
                        sent.add(m);
                        answers.add(ok.body());
                    }
                    case SendResult.RetryLater r -> {
                        if (claim.failed(m.id(), r.reason(), clock.instant())) {
                            dead++;
                            given.add(m);
                            reasons.add(r.reason());
                            LOG.log(System.Logger.Level.WARNING, "outbox message {0} ({1} of {2} {3}) given up after {4} attempts: {5}",
                                    m.id(), m.entry().messageType(), m.processKind(), m.processId(), m.attempts() + 1, r.reason());
                        } else {
                            retried++;
                        }
                    }
                    case SendResult.Rejected r -> {
                        claim.dead(m.id(), r.reason());
                        dead++;
                        given.add(m);
                        reasons.add(r.reason());
                        LOG.log(System.Logger.Level.WARNING, "outbox message {0} ({1} of {2} {3}) refused, given up: {4}", m.id(),
                                m.entry().messageType(), m.processKind(), m.processId(), r.reason());
                    }
                }
            }
            claim.commit();
        }
        for (int i = 0; i < sent.size(); i++) {
            OutboxMessage m = sent.get(i);
            try {
                delivered.delivered(m, answers.get(i));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "outbox message " + m.id() + " was delivered but acknowledging "
                        + m.processKind() + " " + m.processId() + " failed", e);
            }
        }
        for (int i = 0; i < given.size(); i++) {
            OutboxMessage m = given.get(i);
            try {
                delivered.undeliverable(m, reasons.get(i));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "outbox message " + m.id() + " was given up but telling "
                        + m.processKind() + " " + m.processId() + " failed", e);
            }
        }
        return new Round(claimed, sent.size(), retried, dead);
    }

    private List<SendResult> sendAll(List<OutboxMessage> messages) {
        if (messages.size() == 1) {
            return List.of(sendOne(messages.getFirst()));
        }
        // one virtual thread per message: a slow counter-party does not hold up the others in the batch
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SendResult>> futures = new ArrayList<>(messages.size());
            for (OutboxMessage m : messages) {
                futures.add(threads.submit(() -> sendOne(m)));
            }
            List<SendResult> results = new ArrayList<>(messages.size());
            for (Future<SendResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("outbox dispatcher interrupted while sending; the claim is released untouched", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("outbox dispatcher: " + e.getCause(), e.getCause());
        }
    }

    private SendResult sendOne(OutboxMessage m) {
        try {
            return sender.send(m);
        } catch (RuntimeException e) {
            return new SendResult.RetryLater("sending failed: " + e);
        }
    }

    /**
     * Runs in the background: a round whenever {@link #wake()} is called or {@code pollInterval} passed, while fewer than
     * {@code rounds} are running, and another one whenever a round comes back full.
     */
    public void start(Duration pollInterval) {
        loop.start(pollInterval);
    }

    /** Asks the background loop for a round now, e.g. after a handler wrote a message. */
    public void wake() {
        loop.wake();
    }

    /** Stops the background loop and waits (up to 1 min) for the rounds in progress to finish. */
    @Override
    public void close() {
        loop.close();
        roundThreads.shutdown();
        try {
            if (!roundThreads.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.log(System.Logger.Level.WARNING, "outbox rounds still running after 1 min; their claims roll back when they end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
