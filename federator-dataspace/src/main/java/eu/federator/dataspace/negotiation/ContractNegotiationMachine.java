package eu.federator.dataspace.negotiation;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.internal.Transitions;
import eu.federator.dataspace.internal.Transitions.Row;
import eu.federator.dataspace.protocol.ContractNegotiationState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static eu.federator.dataspace.negotiation.NegotiationMessage.ACCEPTED;
import static eu.federator.dataspace.negotiation.NegotiationMessage.AGREEMENT;
import static eu.federator.dataspace.negotiation.NegotiationMessage.FINALIZED;
import static eu.federator.dataspace.negotiation.NegotiationMessage.OFFER;
import static eu.federator.dataspace.negotiation.NegotiationMessage.REQUEST;
import static eu.federator.dataspace.negotiation.NegotiationMessage.TERMINATION;
import static eu.federator.dataspace.negotiation.NegotiationMessage.VERIFICATION;

/**
 * The contract-negotiation state machine of DSP 2025-1 for both roles, as pure functions. A failure is an invalid
 * transition (HTTP 400 when it comes from the counter-party).
 *
 * <p>Termination: the protocol's figure lists it per state and sender, its text allows either party to terminate in any
 * non-terminal state; the text is followed, so a party is never stuck in a negotiation it wants to leave.
 */
public final class ContractNegotiationMachine {
    private static final Set<Role> CONSUMER = EnumSet.of(Role.CONSUMER);
    private static final Set<Role> PROVIDER = EnumSet.of(Role.PROVIDER);
    private static final Set<Role> EITHER = EnumSet.allOf(Role.class);

    private static final Transitions<ContractNegotiationState, NegotiationMessage> TABLE = new Transitions<>("contract negotiation",
            rows(), EnumSet.of(ContractNegotiationState.FINALIZED, ContractNegotiationState.TERMINATED), TERMINATION);

    private ContractNegotiationMachine() {
    }

    private static List<Row<ContractNegotiationState, NegotiationMessage>> rows() {
        List<Row<ContractNegotiationState, NegotiationMessage>> rows = new ArrayList<>(List.of(
                new Row<>(null, REQUEST, CONSUMER, ContractNegotiationState.REQUESTED),
                new Row<>(null, OFFER, PROVIDER, ContractNegotiationState.OFFERED),
                new Row<>(ContractNegotiationState.REQUESTED, OFFER, PROVIDER, ContractNegotiationState.OFFERED),
                new Row<>(ContractNegotiationState.REQUESTED, AGREEMENT, PROVIDER, ContractNegotiationState.AGREED),
                new Row<>(ContractNegotiationState.OFFERED, REQUEST, CONSUMER, ContractNegotiationState.REQUESTED),
                new Row<>(ContractNegotiationState.OFFERED, ACCEPTED, CONSUMER, ContractNegotiationState.ACCEPTED),
                new Row<>(ContractNegotiationState.ACCEPTED, AGREEMENT, PROVIDER, ContractNegotiationState.AGREED),
                new Row<>(ContractNegotiationState.AGREED, VERIFICATION, CONSUMER, ContractNegotiationState.VERIFIED),
                new Row<>(ContractNegotiationState.VERIFIED, FINALIZED, PROVIDER, ContractNegotiationState.FINALIZED)));
        for (ContractNegotiationState s : ContractNegotiationState.values()) {
            if (!s.terminal()) {
                rows.add(new Row<>(s, TERMINATION, EITHER, ContractNegotiationState.TERMINATED));
            }
        }
        return rows;
    }

    /** A message from the counter-party arrived (see {@link Transitions#receive} for early messages). */
    public static Result<Position<ContractNegotiationState>> receive(Position<ContractNegotiationState> at, Role self,
                                                                     NegotiationMessage message) {
        return TABLE.receive(at, self, message);
    }

    /** This side decided to send {@code message}; it is pending until acknowledged. */
    public static Result<Position<ContractNegotiationState>> decide(Position<ContractNegotiationState> at, Role self,
                                                                    NegotiationMessage message) {
        return TABLE.decide(at, self, message);
    }

    /** The counter-party acknowledged the pending message. */
    public static Result<Position<ContractNegotiationState>> acknowledge(Position<ContractNegotiationState> at) {
        return TABLE.acknowledge(at);
    }
}
