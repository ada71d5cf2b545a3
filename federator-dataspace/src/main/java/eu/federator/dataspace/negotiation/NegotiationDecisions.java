package eu.federator.dataspace.negotiation;

import eu.federator.dataspace.policy.Requester;

import java.util.Optional;

/**
 * Decides what this side does next in a negotiation. Called after every change of a negotiation that leaves nothing of
 * this side in flight, inside the same unit of work, so the decision is stored (and its message queued) with the change.
 * The default decides automatically (the provider agrees to a request its contract policy allows and finalizes after
 * verification; the consumer accepts offers and verifies agreements); tests and operators may plug in others.
 */
@FunctionalInterface
public interface NegotiationDecisions {

    /**
     * @param counterParty the counter-party as it authenticated on the message that caused this change; empty when the
     *                     change was an acknowledgement of this side's own message
     * @return the message to send now, or empty to wait (for the counter-party, or for a user through the API)
     */
    Optional<NegotiationDecision> next(Negotiation negotiation, Optional<Requester> counterParty);
}
