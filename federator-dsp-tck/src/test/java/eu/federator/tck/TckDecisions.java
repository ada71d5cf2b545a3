package eu.federator.tck;

import eu.federator.dataspace.Role;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.negotiation.NegotiationDecision;
import eu.federator.dataspace.negotiation.NegotiationDecisions;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.TransferProcessState;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferDecision;
import eu.federator.dataspace.transfer.TransferDecisions;
import eu.federator.dataspace.transfer.TransferProcessStore;
import eu.federator.dataspace.transfer.TransferService;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decisions of the connector under test, scripted per TCK test ({@link TckScripts}): a process whose dataset or
 * agreement has a script gets a player that makes the script's decisions; the automatic decisions of the production
 * build stay out of it. Processes without a script are decided as in production.
 */
final class TckDecisions implements NegotiationDecisions, TransferDecisions {
    private final NegotiationDecisions negotiationDefaults;
    private final TransferDecisions transferDefaults;
    private final ContractNegotiationStore negotiationStore;
    private final TransferProcessStore transferStore;
    // the services depend on these decisions, so they are looked up when first needed
    private final ObjectProvider<NegotiationService> negotiations;
    private final ObjectProvider<TransferService> transfers;
    private final Set<String> playing = ConcurrentHashMap.newKeySet();

    TckDecisions(NegotiationDecisions negotiationDefaults, TransferDecisions transferDefaults, ContractNegotiationStore negotiationStore,
                 TransferProcessStore transferStore, ObjectProvider<NegotiationService> negotiations, ObjectProvider<TransferService> transfers) {
        this.negotiationDefaults = negotiationDefaults;
        this.transferDefaults = transferDefaults;
        this.negotiationStore = negotiationStore;
        this.transferStore = transferStore;
        this.negotiations = negotiations;
        this.transfers = transfers;
    }

    @Override
    public Optional<NegotiationDecision> next(Negotiation negotiation, Optional<Requester> counterParty) {
        Optional<Script<ContractNegotiationState, NegotiationDecision>> script = script(negotiation);
        if (script.isEmpty()) {
            return negotiationDefaults.next(negotiation, counterParty);
        }
        follow(negotiation);
        return Optional.empty();
    }

    @Override
    public Optional<TransferDecision> next(Transfer transfer, Optional<Requester> counterParty) {
        Optional<Script<TransferProcessState, TransferDecision>> script = script(transfer);
        if (script.isEmpty()) {
            return transferDefaults.next(transfer, counterParty);
        }
        follow(transfer);
        return Optional.empty();
    }

    /** Plays the negotiation's script, unless it is already being played. */
    void follow(Negotiation negotiation) {
        script(negotiation).filter(s -> playing.add(negotiation.id())).ifPresent(s -> s.play(negotiation.id(),
                pid -> negotiationStore.find(pid).map(Negotiation::position), ContractNegotiationState::terminal,
                (pid, decision) -> negotiations.getObject().decide(pid, decision)));
    }

    /** Plays the transfer's script, unless it is already being played. */
    void follow(Transfer transfer) {
        script(transfer).filter(s -> playing.add(transfer.id())).ifPresent(s -> s.play(transfer.id(),
                pid -> transferStore.find(pid).map(Transfer::position),
                state -> state == TransferProcessState.COMPLETED || state == TransferProcessState.TERMINATED,
                (pid, decision) -> transfers.getObject().decide(pid, decision)));
    }

    private static Optional<Script<ContractNegotiationState, NegotiationDecision>> script(Negotiation negotiation) {
        String dataset = negotiation.offer() == null ? null : NegotiationService.stored(negotiation.offer()).getString("target", null);
        return negotiation.role() == Role.PROVIDER ? TckScripts.providerNegotiation(dataset) : TckScripts.consumerNegotiation(dataset);
    }

    private static Optional<Script<TransferProcessState, TransferDecision>> script(Transfer transfer) {
        return transfer.role() == Role.PROVIDER ? TckScripts.providerTransfer(transfer.agreementId())
                : TckScripts.consumerTransfer(transfer.agreementId());
    }
}
