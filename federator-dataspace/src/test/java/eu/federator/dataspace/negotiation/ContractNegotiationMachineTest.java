package eu.federator.dataspace.negotiation;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.federator.dataspace.protocol.ContractNegotiationState.ACCEPTED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.AGREED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.FINALIZED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.OFFERED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.REQUESTED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.TERMINATED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

/** Every state x message x sender against the DSP 2025-1 table, for both roles, then the early messages. */
class ContractNegotiationMachineTest {

    /** The spec's table (contract.negotiation.protocol.md), written out independently of the machine: from sender message to. */
    private static final List<String> SPEC = List.of(
            "- C REQUEST REQUESTED",
            "- P OFFER OFFERED",
            "REQUESTED P OFFER OFFERED",
            "REQUESTED P AGREEMENT AGREED",
            "OFFERED C REQUEST REQUESTED",
            "OFFERED C ACCEPTED ACCEPTED",
            "ACCEPTED P AGREEMENT AGREED",
            "AGREED C VERIFICATION VERIFIED",
            "VERIFIED P FINALIZED FINALIZED",
            // termination: either party, any non-terminal state
            "REQUESTED C TERMINATION TERMINATED", "REQUESTED P TERMINATION TERMINATED",
            "OFFERED C TERMINATION TERMINATED", "OFFERED P TERMINATION TERMINATED",
            "ACCEPTED C TERMINATION TERMINATED", "ACCEPTED P TERMINATION TERMINATED",
            "AGREED C TERMINATION TERMINATED", "AGREED P TERMINATION TERMINATED",
            "VERIFIED C TERMINATION TERMINATED", "VERIFIED P TERMINATION TERMINATED");

    private static final Map<String, ContractNegotiationState> EXPECTED = new HashMap<>();

    static {
        for (String row : SPEC) {
            String[] f = row.split(" ");
            EXPECTED.put(f[0] + " " + f[1] + " " + f[2], ContractNegotiationState.valueOf(f[3]));
        }
    }

    private static ContractNegotiationState expected(ContractNegotiationState from, Role sender, NegotiationMessage m) {
        return EXPECTED.get((from == null ? "-" : from.name()) + " " + (sender == Role.CONSUMER ? "C" : "P") + " " + m.name());
    }

    private static List<ContractNegotiationState> fromStates() {
        List<ContractNegotiationState> from = new ArrayList<>();
        from.add(null);
        from.addAll(List.of(ContractNegotiationState.values()));
        return from;
    }

    @Test
    void receivingFollowsTheSpecTableForEveryStateMessageAndSender() {
        int accepted = 0;
        int rejected = 0;
        for (ContractNegotiationState from : fromStates()) {
            for (NegotiationMessage m : NegotiationMessage.values()) {
                for (Role sender : Role.values()) {
                    Result<Position<ContractNegotiationState>> r = ContractNegotiationMachine.receive(new Position<>(from, null),
                            sender.counterParty(), m);
                    ContractNegotiationState to = expected(from, sender, m);
                    String what = sender + " sends " + m + " in " + from;
                    if (to == null) {
                        assertThat(r.succeeded()).as(what).isFalse();
                        assertThat(r.problems()).as(what).hasSize(1);
                        rejected++;
                    } else {
                        assertThat(r.problems()).as(what).isEmpty();
                        assertThat(r.value()).as(what).isEqualTo(Position.at(to));
                        accepted++;
                    }
                }
            }
        }
        assertThat(accepted).isEqualTo(SPEC.size());
        assertThat(accepted + rejected).isEqualTo(8 * 7 * 2);
    }

    @Test
    void decidingFollowsTheSameTableAndTheAcknowledgementMakesItShared() {
        for (ContractNegotiationState from : fromStates()) {
            for (NegotiationMessage m : NegotiationMessage.values()) {
                for (Role self : Role.values()) {
                    Result<Position<ContractNegotiationState>> r = ContractNegotiationMachine.decide(new Position<>(from, null), self, m);
                    ContractNegotiationState to = expected(from, self, m);
                    String what = self + " decides " + m + " in " + from;
                    if (to == null) {
                        assertThat(r.succeeded()).as(what).isFalse();
                    } else {
                        assertThat(r.value()).as(what).isEqualTo(new Position<>(from, to));
                        assertThat(ContractNegotiationMachine.acknowledge(r.value()).value()).as(what).isEqualTo(Position.at(to));
                    }
                }
            }
        }
    }

    @Test
    void whileAMessageIsInFlightTheCounterPartyMayAlreadyAnswerIt() {
        for (ContractNegotiationState from : fromStates()) {
            for (NegotiationMessage sent : NegotiationMessage.values()) {
                for (Role self : Role.values()) {
                    Result<Position<ContractNegotiationState>> decided = ContractNegotiationMachine.decide(new Position<>(from, null), self, sent);
                    if (!decided.succeeded() || decided.value().pending() == TERMINATED) {
                        continue;
                    }
                    ContractNegotiationState pending = decided.value().pending();
                    for (NegotiationMessage m : NegotiationMessage.values()) {
                        ContractNegotiationState to = expected(pending, self.counterParty(), m);
                        if (to == null) {
                            to = expected(from, self.counterParty(), m);
                        }
                        var r = ContractNegotiationMachine.receive(decided.value(), self, m);
                        String what = self + " sending " + sent + " from " + from + " receives " + m;
                        if (to == null) {
                            assertThat(r.succeeded()).as(what).isFalse();
                        } else {
                            assertThat(r.value()).as(what).isEqualTo(Position.at(to));
                        }
                    }
                }
            }
        }
    }

    @Test
    void anAgreementArrivingWhileTheInitialRequestIsStillBeingSentIsAccepted() {
        Position<ContractNegotiationState> requesting = ContractNegotiationMachine.decide(Position.initial(), Role.CONSUMER,
                NegotiationMessage.REQUEST).value();
        assertThat(requesting).isEqualTo(new Position<>(null, REQUESTED));
        assertThat(ContractNegotiationMachine.receive(requesting, Role.CONSUMER, NegotiationMessage.AGREEMENT).value())
                .isEqualTo(Position.at(AGREED));
        assertThat(ContractNegotiationMachine.receive(requesting, Role.CONSUMER, NegotiationMessage.OFFER).value())
                .isEqualTo(Position.at(OFFERED));
        // the late acknowledgement finds nothing in flight: the dispatcher drops it
        assertThat(ContractNegotiationMachine.acknowledge(Position.at(AGREED)).problems()).map(Problem::message)
                .containsExactly("nothing is in flight in state AGREED: there is nothing to acknowledge");
    }

    @Test
    void aFinalizationDuringVerificationIsAccepted() {
        Position<ContractNegotiationState> verifying = ContractNegotiationMachine.decide(Position.at(AGREED), Role.CONSUMER,
                NegotiationMessage.VERIFICATION).value();
        assertThat(ContractNegotiationMachine.receive(verifying, Role.CONSUMER, NegotiationMessage.FINALIZED).value())
                .isEqualTo(Position.at(FINALIZED));
        // and on the provider: a verification while its agreement is still being sent
        Position<ContractNegotiationState> agreeing = ContractNegotiationMachine.decide(Position.at(ACCEPTED), Role.PROVIDER,
                NegotiationMessage.AGREEMENT).value();
        assertThat(ContractNegotiationMachine.receive(agreeing, Role.PROVIDER, NegotiationMessage.VERIFICATION).value())
                .isEqualTo(Position.at(VERIFIED));
    }

    @Test
    void terminationOvertakesAMessageInFlightAndThenOnlyATerminationIsAccepted() {
        Position<ContractNegotiationState> agreeing = new Position<>(REQUESTED, AGREED);
        Position<ContractNegotiationState> terminating = ContractNegotiationMachine.decide(agreeing, Role.PROVIDER,
                NegotiationMessage.TERMINATION).value();
        assertThat(terminating).isEqualTo(new Position<>(REQUESTED, TERMINATED));
        assertThat(ContractNegotiationMachine.receive(terminating, Role.PROVIDER, NegotiationMessage.VERIFICATION).problems())
                .map(Problem::message).containsExactly("the contract negotiation is being ended here (TERMINATED is being sent): "
                        + "only a termination is accepted");
        assertThat(ContractNegotiationMachine.receive(terminating, Role.PROVIDER, NegotiationMessage.TERMINATION).value())
                .isEqualTo(Position.at(TERMINATED));
        assertThat(ContractNegotiationMachine.decide(terminating, Role.PROVIDER, NegotiationMessage.TERMINATION).succeeded()).isFalse();
        assertThat(ContractNegotiationMachine.decide(agreeing, Role.PROVIDER, NegotiationMessage.OFFER).problems()).map(Problem::message)
                .containsExactly("a message is in flight (AGREED): wait until the counter-party acknowledges it before sending offer");
    }

    @Test
    void rejectionsSayWhatWasExpected() {
        assertThat(ContractNegotiationMachine.receive(Position.at(OFFERED), Role.PROVIDER, NegotiationMessage.VERIFICATION).problems())
                .map(Problem::message).containsExactly("verification from the consumer is not valid in state OFFERED; expected "
                        + "[request, accepted, termination]");
        assertThat(ContractNegotiationMachine.receive(Position.at(VERIFIED), Role.PROVIDER, NegotiationMessage.FINALIZED).problems())
                .map(Problem::message).containsExactly("a consumer never sends finalized in a contract negotiation");
        assertThat(ContractNegotiationMachine.receive(Position.at(FINALIZED), Role.CONSUMER, NegotiationMessage.TERMINATION).problems())
                .map(Problem::message).containsExactly("the contract negotiation is FINALIZED: no message is accepted after a final state");
    }
}
