package eu.federator.dataspace.negotiation;

/**
 * Told once a negotiation reached FINALIZED on this side (after the change committed), e.g. to issue the agreement as a
 * credential. Called on the thread that committed the change; an exception is logged and does not undo the negotiation.
 */
@FunctionalInterface
public interface FinalizedAgreements {

    /** @param negotiation the finalized negotiation; {@link Negotiation#agreement()} holds the agreement JSON */
    void finalized(Negotiation negotiation);
}
