package eu.federator.dataspace.transfer;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.internal.Transitions;
import eu.federator.dataspace.internal.Transitions.Row;
import eu.federator.dataspace.protocol.TransferProcessState;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static eu.federator.dataspace.protocol.TransferProcessState.COMPLETED;
import static eu.federator.dataspace.protocol.TransferProcessState.REQUESTED;
import static eu.federator.dataspace.protocol.TransferProcessState.STARTED;
import static eu.federator.dataspace.protocol.TransferProcessState.SUSPENDED;
import static eu.federator.dataspace.protocol.TransferProcessState.TERMINATED;
import static eu.federator.dataspace.transfer.TransferMessage.COMPLETION;
import static eu.federator.dataspace.transfer.TransferMessage.REQUEST;
import static eu.federator.dataspace.transfer.TransferMessage.START;
import static eu.federator.dataspace.transfer.TransferMessage.SUSPENSION;
import static eu.federator.dataspace.transfer.TransferMessage.TERMINATION;

/**
 * The transfer-process state machine of DSP 2025-1 for both roles, as pure functions. Only the provider starts a
 * requested transfer; either side resumes a suspended one (the consumer by sending start), suspends, completes or
 * terminates.
 */
public final class TransferProcessMachine {
    private static final Set<Role> CONSUMER = EnumSet.of(Role.CONSUMER);
    private static final Set<Role> PROVIDER = EnumSet.of(Role.PROVIDER);
    private static final Set<Role> EITHER = EnumSet.allOf(Role.class);

    private static final Transitions<TransferProcessState, TransferMessage> TABLE = new Transitions<>("transfer process", List.of(
            new Row<>(null, REQUEST, CONSUMER, REQUESTED),
            new Row<>(REQUESTED, START, PROVIDER, STARTED),
            new Row<>(REQUESTED, TERMINATION, EITHER, TERMINATED),
            new Row<>(STARTED, COMPLETION, EITHER, COMPLETED),
            new Row<>(STARTED, SUSPENSION, EITHER, SUSPENDED),
            new Row<>(STARTED, TERMINATION, EITHER, TERMINATED),
            new Row<>(SUSPENDED, START, EITHER, STARTED),
            new Row<>(SUSPENDED, TERMINATION, EITHER, TERMINATED)),
            EnumSet.of(COMPLETED, TERMINATED), TERMINATION);

    private TransferProcessMachine() {
    }

    public static Result<Position<TransferProcessState>> receive(Position<TransferProcessState> at, Role self, TransferMessage message) {
        return TABLE.receive(at, self, message);
    }

    public static Result<Position<TransferProcessState>> decide(Position<TransferProcessState> at, Role self, TransferMessage message) {
        return TABLE.decide(at, self, message);
    }

    public static Result<Position<TransferProcessState>> acknowledge(Position<TransferProcessState> at) {
        return TABLE.acknowledge(at);
    }
}
