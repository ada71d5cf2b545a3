package eu.federator.dataspace.transfer;

import eu.federator.dataspace.policy.Requester;

import java.util.Optional;

/**
 * Decides what this side does next in a transfer process; called like
 * {@link eu.federator.dataspace.negotiation.NegotiationDecisions}. The default: a provider starts a requested transfer
 * whose agreement is finalized and whose policy still allows it, and terminates it otherwise; a consumer waits.
 */
@FunctionalInterface
public interface TransferDecisions {

    /** @return the message to send now, or empty to wait */
    Optional<TransferDecision> next(Transfer transfer, Optional<Requester> counterParty);
}
