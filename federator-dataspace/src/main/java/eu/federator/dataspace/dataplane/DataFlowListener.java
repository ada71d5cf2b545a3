package eu.federator.dataspace.dataplane;

/** Told by the data plane when a push it started has finished, so the transfer process completes or terminates. */
public interface DataFlowListener {

    void completed(String transferId);

    void failed(String transferId, String reason);
}
