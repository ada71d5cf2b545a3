package eu.federator.dataspace.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30) // a lost wake-up would otherwise wait for the hour-long recheck
class ProcessChangesTest {
    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void aSettledProcessIsAnsweredWithoutWaiting() throws Exception {
        ProcessChanges changes = new ProcessChanges(4, LONG);
        ProcessChanges.Awaited<String> a = changes.await("p1", () -> Optional.of("FINALIZED"), "FINALIZED"::equals, LONG);
        assertThat(a.current()).hasValue("FINALIZED");
        assertThat(a.waited()).isTrue();
        assertThat(changes.watched()).isZero();
    }

    @Test
    void aWaiterIsWokenByTheChangeOfItsProcessOnly() throws Exception {
        ProcessChanges changes = new ProcessChanges(4, LONG);
        AtomicReference<String> state = new AtomicReference<>("REQUESTED");
        AtomicInteger reads = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ProcessChanges.Awaited<String>> waiter = threads.submit(() -> changes.await("p1", () -> {
                String read = state.get();
                reads.incrementAndGet(); // counted once read, so the count says which state that read saw
                return Optional.of(read);
            }, "FINALIZED"::equals, LONG));
            awaitWatched(changes, 1);
            changes.changed("p2"); // another process: p1's waiter keeps waiting
            state.set("AGREED");
            changes.changed("p1"); // a change, but not yet the state asked for
            awaitReads(reads, 2);
            state.set("FINALIZED");
            changes.changed("p1");
            ProcessChanges.Awaited<String> a = waiter.get();
            assertThat(a.current()).hasValue("FINALIZED");
            assertThat(a.waited()).isTrue();
            assertThat(reads.get()).isEqualTo(3);
        }
        assertThat(changes.watched()).isZero();
    }

    @Test
    void aChangeNobodyHereWasToldAboutIsSeenAtTheNextRecheck() throws Exception {
        ProcessChanges changes = new ProcessChanges(4, Duration.ofMillis(20));
        AtomicReference<String> state = new AtomicReference<>("REQUESTED");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ProcessChanges.Awaited<String>> waiter = threads.submit(() -> changes.await("p1", () -> Optional.of(state.get()),
                    "FINALIZED"::equals, LONG));
            awaitWatched(changes, 1);
            state.set("FINALIZED"); // as another replica would: no changed() here
            assertThat(waiter.get().current()).hasValue("FINALIZED");
        }
    }

    @Test
    void aWaitEndsWithWhatItReadLastWhenTheTimeIsUpOrTheProcessIsGone() throws Exception {
        ProcessChanges changes = new ProcessChanges(4, Duration.ofMillis(20));
        ProcessChanges.Awaited<String> timedOut = changes.await("p1", () -> Optional.of("REQUESTED"), "FINALIZED"::equals, Duration.ofMillis(100));
        assertThat(timedOut.current()).hasValue("REQUESTED");
        assertThat(timedOut.waited()).isTrue();

        ProcessChanges.Awaited<String> gone = changes.await("p2", Optional::empty, "FINALIZED"::equals, LONG);
        assertThat(gone.current()).isEmpty();
        assertThat(changes.watched()).isZero();
    }

    @Test
    void beyondTheLimitOfWaitersTheAnswerComesAtOnce() throws Exception {
        ProcessChanges changes = new ProcessChanges(1, LONG);
        AtomicReference<String> state = new AtomicReference<>("REQUESTED");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ProcessChanges.Awaited<String>> first = threads.submit(() -> changes.await("p1", () -> Optional.of(state.get()),
                    "FINALIZED"::equals, LONG));
            awaitWatched(changes, 1);
            ProcessChanges.Awaited<String> second = changes.await("p1", () -> Optional.of(state.get()), "FINALIZED"::equals, LONG);
            assertThat(second.waited()).isFalse();
            assertThat(second.current()).hasValue("REQUESTED");
            state.set("FINALIZED");
            changes.changed("p1");
            assertThat(first.get().waited()).isTrue();
        }
        assertThat(new ProcessChanges(0, LONG).await("p1", () -> Optional.of("x"), "y"::equals, LONG).waited()).isFalse();
    }

    @Test
    void everyWaiterOfAProcessIsWokenByOneChange() throws Exception {
        ProcessChanges changes = new ProcessChanges(64, LONG);
        AtomicReference<String> state = new AtomicReference<>("REQUESTED");
        CountDownLatch started = new CountDownLatch(20);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProcessChanges.Awaited<String>>> waiters = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiters.add(threads.submit(() -> {
                    started.countDown();
                    return changes.await("p1", () -> Optional.of(state.get()), "FINALIZED"::equals, LONG);
                }));
            }
            started.await();
            awaitWatched(changes, 1);
            state.set("FINALIZED");
            // waiters may still be registering: each one reads after registering, so none can miss this
            changes.changed("p1");
            for (Future<ProcessChanges.Awaited<String>> w : waiters) {
                assertThat(w.get().current()).hasValue("FINALIZED");
            }
        }
        assertThat(changes.watched()).isZero();
    }

    private static void awaitWatched(ProcessChanges changes, int n) throws InterruptedException {
        while (changes.watched() < n) {
            Thread.sleep(1);
        }
    }

    private static void awaitReads(AtomicInteger reads, int n) throws InterruptedException {
        while (reads.get() < n) {
            Thread.sleep(1);
        }
    }
}
