package eu.federator.dataspace.protocol;

/** The states of a transfer process, shared by both parties (DSP 2025-1). */
public enum TransferProcessState {
    REQUESTED, STARTED, SUSPENDED, COMPLETED, TERMINATED;

    public boolean terminal() {
        return this == COMPLETED || this == TERMINATED;
    }
}
