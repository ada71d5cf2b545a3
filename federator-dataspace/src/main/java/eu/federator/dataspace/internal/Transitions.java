package eu.federator.dataspace.internal;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A protocol state machine as data: the spec's transition table, and the three things that move a process on one
 * side. Pure: no I/O, no clock. Not part of the module's API (each protocol has its facade).
 */
public final class Transitions<S extends Enum<S>, M extends Enum<M>> {

    /** {@code from} = null: the message starts a process. */
    public record Row<S, M>(S from, M message, Set<Role> senders, S to) {
    }

    private final String process;
    private final List<Row<S, M>> rows;
    private final Set<S> terminal;
    private final M termination;

    public Transitions(String process, List<Row<S, M>> rows, Set<S> terminal, M termination) {
        this.process = process;
        this.rows = List.copyOf(rows);
        this.terminal = Set.copyOf(terminal);
        this.termination = termination;
    }

    public List<Row<S, M>> rows() {
        return rows;
    }

    /** The table's answer: the new state when {@code sender} sends {@code message} in {@code from}, or null. */
    public S next(S from, M message, Role sender) {
        for (Row<S, M> row : rows) {
            if (row.from() == from && row.message() == message && row.senders().contains(sender)) {
                return row.to();
            }
        }
        return null;
    }

    private boolean sends(M message, Role sender) {
        return rows.stream().anyMatch(r -> r.message() == message && r.senders().contains(sender));
    }

    /**
     * A message from the counter-party arrived. While one of this side's messages is in flight, the counter-party may
     * already have acted on it (an agreement arriving while the request is still being sent): the incoming message is
     * then checked against the pending state, which it implicitly acknowledges. Otherwise it is checked against the
     * shared state, and what this side was sending is overtaken.
     */
    public Result<Position<S>> receive(Position<S> at, Role self, M message) {
        Role sender = self.counterParty();
        if (!sends(message, sender)) {
            return Result.failure("a " + name(sender) + " never sends " + name(message) + " in a " + process);
        }
        if (at.state() != null && terminal.contains(at.state())) {
            return Result.failure("the " + process + " is " + at.state().name() + ": no message is accepted after a final state");
        }
        if (at.pending() != null && terminal.contains(at.pending()) && message != termination) {
            return Result.failure("the " + process + " is being ended here (" + at.pending().name() + " is being sent): only a "
                    + name(termination) + " is accepted");
        }
        if (at.pending() != null) {
            S early = next(at.pending(), message, sender);
            if (early != null) {
                return Result.success(Position.at(early));
            }
        }
        S next = next(at.state(), message, sender);
        if (next == null) {
            return Result.failure(name(message) + " from the " + name(sender) + " is not valid in state " + describe(at)
                    + (expected(at, sender).isEmpty() ? "" : "; expected " + expected(at, sender)));
        }
        return Result.success(Position.at(next));
    }

    /**
     * This side decided to send a message: the process is pending until the counter-party acknowledges it. A
     * termination may be decided while another message is in flight (it replaces it); anything else waits.
     */
    public Result<Position<S>> decide(Position<S> at, Role self, M message) {
        if (!sends(message, self)) {
            return Result.failure("a " + name(self) + " never sends " + name(message) + " in a " + process);
        }
        if (at.state() != null && terminal.contains(at.state())) {
            return Result.failure("the " + process + " is " + at.state().name() + ": nothing can be sent after a final state");
        }
        if (at.pending() != null && message != termination) {
            return Result.failure("a message is in flight (" + at.pending().name() + "): wait until the counter-party "
                    + "acknowledges it before sending " + name(message));
        }
        if (at.pending() != null && terminal.contains(at.pending())) {
            return Result.failure("the " + process + " is already being ended (" + at.pending().name() + " is being sent)");
        }
        S next = next(at.state(), message, self);
        if (next == null) {
            return Result.failure("a " + name(self) + " cannot send " + name(message) + " in state " + describe(at));
        }
        return Result.success(new Position<>(at.state(), next));
    }

    /** The counter-party acknowledged the message in flight (HTTP 2xx): its state becomes the shared state. */
    public Result<Position<S>> acknowledge(Position<S> at) {
        if (at.pending() == null) {
            return Result.failure("nothing is in flight in state " + describe(at) + ": there is nothing to acknowledge");
        }
        return Result.success(Position.at(at.pending()));
    }

    private List<String> expected(Position<S> at, Role sender) {
        return rows.stream().filter(r -> r.from() == at.state() && r.senders().contains(sender)).map(r -> name(r.message()))
                .distinct().toList();
    }

    private String describe(Position<S> at) {
        return at.state() == null ? "(none: the " + process + " has not started)" : at.state().name();
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
