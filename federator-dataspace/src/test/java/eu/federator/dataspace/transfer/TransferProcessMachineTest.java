package eu.federator.dataspace.transfer;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.protocol.TransferProcessState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.federator.dataspace.protocol.TransferProcessState.REQUESTED;
import static eu.federator.dataspace.protocol.TransferProcessState.STARTED;
import static eu.federator.dataspace.protocol.TransferProcessState.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

/** Every state x message x sender against the DSP 2025-1 transfer table, for both roles. */
class TransferProcessMachineTest {

    /** transfer.process.protocol.md, written out independently of the machine: from sender message to. */
    private static final List<String> SPEC = List.of(
            "- C REQUEST REQUESTED",
            "REQUESTED P START STARTED",
            "REQUESTED C TERMINATION TERMINATED", "REQUESTED P TERMINATION TERMINATED",
            "STARTED C COMPLETION COMPLETED", "STARTED P COMPLETION COMPLETED",
            "STARTED C SUSPENSION SUSPENDED", "STARTED P SUSPENSION SUSPENDED",
            "STARTED C TERMINATION TERMINATED", "STARTED P TERMINATION TERMINATED",
            "SUSPENDED C START STARTED", "SUSPENDED P START STARTED",
            "SUSPENDED C TERMINATION TERMINATED", "SUSPENDED P TERMINATION TERMINATED");

    private static final Map<String, TransferProcessState> EXPECTED = new HashMap<>();

    static {
        for (String row : SPEC) {
            String[] f = row.split(" ");
            EXPECTED.put(f[0] + " " + f[1] + " " + f[2], TransferProcessState.valueOf(f[3]));
        }
    }

    private static TransferProcessState expected(TransferProcessState from, Role sender, TransferMessage m) {
        return EXPECTED.get((from == null ? "-" : from.name()) + " " + (sender == Role.CONSUMER ? "C" : "P") + " " + m.name());
    }

    @Test
    void everyStateMessageAndSenderFollowsTheSpecTable() {
        List<TransferProcessState> from = new ArrayList<>();
        from.add(null);
        from.addAll(List.of(TransferProcessState.values()));
        int accepted = 0;
        for (TransferProcessState s : from) {
            for (TransferMessage m : TransferMessage.values()) {
                for (Role sender : Role.values()) {
                    TransferProcessState to = expected(s, sender, m);
                    Result<Position<TransferProcessState>> received = TransferProcessMachine.receive(new Position<>(s, null),
                            sender.counterParty(), m);
                    Result<Position<TransferProcessState>> decided = TransferProcessMachine.decide(new Position<>(s, null), sender, m);
                    String what = sender + " sends " + m + " in " + s;
                    if (to == null) {
                        assertThat(received.succeeded()).as(what).isFalse();
                        assertThat(decided.succeeded()).as(what).isFalse();
                    } else {
                        accepted++;
                        assertThat(received.value()).as(what).isEqualTo(Position.at(to));
                        assertThat(decided.value()).as(what).isEqualTo(new Position<>(s, to));
                        assertThat(TransferProcessMachine.acknowledge(decided.value()).value()).as(what).isEqualTo(Position.at(to));
                    }
                }
            }
        }
        assertThat(accepted).isEqualTo(SPEC.size());
    }

    @Test
    void aStartArrivingWhileTheRequestIsStillBeingSentIsAccepted() {
        Position<TransferProcessState> requesting = TransferProcessMachine.decide(Position.initial(), Role.CONSUMER, TransferMessage.REQUEST).value();
        assertThat(TransferProcessMachine.receive(requesting, Role.CONSUMER, TransferMessage.START).value()).isEqualTo(Position.at(STARTED));
    }

    @Test
    void onlyTheProviderStartsARequestedTransferButEitherSideResumes() {
        assertThat(TransferProcessMachine.decide(Position.at(REQUESTED), Role.CONSUMER, TransferMessage.START).problems())
                .map(Problem::message).containsExactly("a consumer cannot send start in state REQUESTED");
        assertThat(TransferProcessMachine.decide(Position.at(SUSPENDED), Role.CONSUMER, TransferMessage.START).value())
                .isEqualTo(new Position<>(SUSPENDED, STARTED));
        assertThat(TransferProcessMachine.receive(Position.at(REQUESTED), Role.PROVIDER, TransferMessage.START).problems())
                .map(Problem::message).containsExactly("start from the consumer is not valid in state REQUESTED; expected [termination]");
    }
}
