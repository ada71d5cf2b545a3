package eu.federator.dataspace.dataplane;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;

import java.util.Optional;
import java.util.Set;

/**
 * The provider's data plane, as the transfer process drives it. The control plane calls it when a transfer starts,
 * resumes, is suspended, completes or terminates; the data plane tells a {@link DataFlowListener} when a push finished.
 */
public interface DataPlane {

    /** The formats this data plane can serve, e.g. {@code HttpData-PULL}, {@code HttpData-PUSH}. */
    Set<String> formats();

    /**
     * Starts (or resumes) a flow. Pull: returns the address the consumer pulls from (endpoint and a short-lived token),
     * sent in the TransferStartMessage. Push: returns empty and starts pushing to {@link DataFlow#destination()} in the
     * background, reporting the outcome to the listener. A failure (unknown dataset, no source, unsupported format) is a
     * reason to terminate the transfer.
     */
    Result<Optional<DataAddress>> start(DataFlow flow);

    /** Stops serving the flow for now (its tokens stop working) until it is started again. */
    void suspend(String transferId);

    /** Ends the flow for good (completion or termination): its tokens stop working. */
    void end(String transferId);

    /**
     * As consumer: the transfer {@code transferId} (this side's consumerPid) completed or terminated. A push sink this
     * data plane opened for it takes nothing more; what arrived stays. Nothing to do for a data plane without sinks.
     */
    default void consumerEnded(String transferId) {
    }
}
