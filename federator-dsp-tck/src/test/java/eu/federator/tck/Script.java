package eu.federator.tck;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Result;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * What Federator does in one TCK test, as the TCK's own mock connector would: a list of steps, each a decision made
 * once the process rests in a state (its last message acknowledged, nothing of this side in flight). A player runs the
 * steps one after the other and makes each through the service's {@code decide}, after a short pause: the TCK
 * registers its handler for a message only once it has seen the state before it, and a message that arrives earlier
 * is answered 404 (which the dispatcher gives up on). The TCK's mock pauses the same way between its steps.
 */
record Script<S extends Enum<S>, D>(List<Step<S, D>> steps) {
    private static final Logger LOG = Logger.getLogger(Script.class.getName());
    /** Longer than the TCK's 100 ms poll before it registers the handler for the next message. */
    static final long PAUSE_MILLIS = 300;
    /** How often a player looks at its process, and how long at most it waits for a state. */
    static final long POLL_MILLIS = 25;
    static final long PATIENCE_MILLIS = 60_000;
    private static final ExecutorService PLAYERS = Executors.newVirtualThreadPerTaskExecutor();

    record Step<S extends Enum<S>, D>(S when, D decision) {
    }

    Script {
        steps = List.copyOf(steps);
    }

    static <S extends Enum<S>, D> Script<S, D> none() {
        return new Script<>(List.of());
    }

    /**
     * Plays the script for process {@code pid} in the background.
     *
     * @param position where the process stands now (empty until its creation is committed)
     * @param terminal the states after which nothing can follow
     * @param decide   the service's decision by hand
     */
    void play(String pid, Function<String, Optional<Position<S>>> position, Predicate<S> terminal, BiFunction<String, D, Result<?>> decide) {
        if (steps.isEmpty()) {
            return;
        }
        PLAYERS.submit(() -> {
            try {
                run(pid, position, terminal, decide);
            } catch (RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING, "TCK script: " + pid + " failed", e);
            }
            return null;
        });
    }

    private void run(String pid, Function<String, Optional<Position<S>>> position, Predicate<S> terminal,
                     BiFunction<String, D, Result<?>> decide) throws InterruptedException {
        for (Step<S, D> step : steps) {
            if (!await(pid, step.when(), position, terminal)) {
                LOG.warning(() -> "TCK script: " + pid + " never rested in " + step.when() + "; its script stops");
                return;
            }
            Thread.sleep(PAUSE_MILLIS);
            Result<?> decided = decide.apply(pid, step.decision());
            if (!decided.succeeded()) {
                LOG.warning(() -> "TCK script: " + pid + " could not " + step.decision() + ": " + decided.problems());
                return;
            }
        }
    }

    private boolean await(String pid, S state, Function<String, Optional<Position<S>>> position, Predicate<S> terminal)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<Position<S>> now = position.apply(pid);
            if (now.isPresent() && now.get().pending() == null && now.get().state() != null) {
                if (now.get().state() == state) {
                    return true;
                }
                if (terminal.test(now.get().state())) {
                    return false;
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }
}
