package eu.federator.dataspace.dataplane;

import eu.federator.dataspace.protocol.DspMessage.DataAddress;

import java.util.Objects;

/**
 * One transfer as the data plane sees it.
 *
 * @param transferId  the provider's process id (providerPid)
 * @param agreementId the contract agreement the transfer runs under
 * @param datasetId   the agreement's target: which data
 * @param consumerId  the consumer's participant id (DID)
 * @param format      the distribution format, e.g. {@code HttpData-PULL} or {@code HttpData-PUSH}
 * @param destination for push: where the consumer wants the data (from its TransferRequestMessage); null for pull
 */
public record DataFlow(String transferId, String agreementId, String datasetId, String consumerId, String format,
                       DataAddress destination) {
    public DataFlow {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(format, "format");
    }
}
