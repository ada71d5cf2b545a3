package eu.federator.dataspace.protocol;

/** The states of a contract negotiation, shared by both parties (DSP 2025-1). */
public enum ContractNegotiationState {
    REQUESTED, OFFERED, ACCEPTED, AGREED, VERIFIED, FINALIZED, TERMINATED;

    public boolean terminal() {
        return this == FINALIZED || this == TERMINATED;
    }
}
