package eu.federator.dataspace.protocol;

import eu.federator.dataspace.policy.Policy.Agreement;
import eu.federator.dataspace.policy.Policy.Offer;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;

/**
 * The bodies DSP 2025-1 exchanges (catalog, contract negotiation, transfer process), as immutable records. Read and
 * written by {@link DspJson}. Every message keeps the properties this model does not name in {@code extensions}
 * (the protocol's schemas allow them; a profile may need them) and writes them back unchanged.
 */
public sealed interface DspMessage {

    /** The message's {@code @type}, e.g. {@code ContractRequestMessage}. */
    default String type() {
        return getClass().getSimpleName();
    }

    Map<String, JsonValue> extensions();

    // ============================================================================================ catalog protocol

    /** C → P, {@code POST <base>/catalog/request}. */
    record CatalogRequestMessage(List<JsonValue> filter, Map<String, JsonValue> extensions) implements DspMessage {
        public CatalogRequestMessage {
            filter = List.copyOf(filter);
            extensions = DspJson.keep(extensions);
        }
    }

    /** C → P, {@code GET <base>/catalog/datasets/:id}. */
    record DatasetRequestMessage(String dataset, Map<String, JsonValue> extensions) implements DspMessage {
        public DatasetRequestMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    /** A catalog: at least one data service; datasets may be none (filtered per requester). */
    record Catalog(String id, String participantId, List<DataService> service, List<Dataset> dataset, List<Catalog> catalog,
                   List<Distribution> distribution, Map<String, JsonValue> extensions) implements DspMessage {
        public Catalog {
            service = List.copyOf(service);
            dataset = List.copyOf(dataset);
            catalog = List.copyOf(catalog);
            distribution = List.copyOf(distribution);
            extensions = DspJson.keep(extensions);
        }
    }

    /** A dataset: at least one offer (without target) and one distribution. */
    record Dataset(String id, List<Offer> hasPolicy, List<Distribution> distribution, Map<String, JsonValue> extensions)
            implements DspMessage {
        public Dataset {
            hasPolicy = List.copyOf(hasPolicy);
            distribution = List.copyOf(distribution);
            extensions = DspJson.keep(extensions);
        }
    }

    record CatalogError(String code, List<JsonValue> reason, Map<String, JsonValue> extensions) implements DspMessage {
        public CatalogError {
            reason = List.copyOf(reason);
            extensions = DspJson.keep(extensions);
        }
    }

    /**
     * @param accessService the data service; only its {@code id} when the catalog referred to it by id
     */
    record Distribution(String format, DataService accessService, Map<String, JsonValue> extensions) {
        public Distribution {
            extensions = DspJson.keep(extensions);
        }
    }

    /** @param endpointURL null when only referred to by id */
    record DataService(String id, String endpointURL, String endpointDescription, Map<String, JsonValue> extensions) {
        public DataService {
            extensions = DspJson.keep(extensions);
        }

        public static DataService reference(String id) {
            return new DataService(id, null, null, Map.of());
        }

        public boolean isReference() {
            return endpointURL == null && endpointDescription == null && extensions.isEmpty();
        }
    }

    // ============================================================================================ contract negotiation

    /** C → P: initial (no providerPid; callbackAddress required) or counter-offer. The offer names its target. */
    record ContractRequestMessage(String consumerPid, String providerPid, Offer offer, String callbackAddress,
                                  Map<String, JsonValue> extensions) implements DspMessage {
        public ContractRequestMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    /** P → C: initial (no consumerPid; callbackAddress required) or counter-offer. */
    record ContractOfferMessage(String providerPid, String consumerPid, Offer offer, String callbackAddress,
                                Map<String, JsonValue> extensions) implements DspMessage {
        public ContractOfferMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    record ContractAgreementMessage(String providerPid, String consumerPid, Agreement agreement, String callbackAddress,
                                    Map<String, JsonValue> extensions) implements DspMessage {
        public ContractAgreementMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    record ContractAgreementVerificationMessage(String providerPid, String consumerPid, Map<String, JsonValue> extensions)
            implements DspMessage {
        public ContractAgreementVerificationMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    enum NegotiationEvent { ACCEPTED, FINALIZED }

    record ContractNegotiationEventMessage(String providerPid, String consumerPid, NegotiationEvent eventType,
                                           Map<String, JsonValue> extensions) implements DspMessage {
        public ContractNegotiationEventMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    record ContractNegotiationTerminationMessage(String providerPid, String consumerPid, String code, List<JsonValue> reason,
                                                 Map<String, JsonValue> extensions) implements DspMessage {
        public ContractNegotiationTerminationMessage {
            reason = List.copyOf(reason);
            extensions = DspJson.keep(extensions);
        }
    }

    record ContractNegotiation(String providerPid, String consumerPid, ContractNegotiationState state,
                               Map<String, JsonValue> extensions) implements DspMessage {
        public ContractNegotiation {
            extensions = DspJson.keep(extensions);
        }
    }

    record ContractNegotiationError(String providerPid, String consumerPid, String code, List<JsonValue> reason,
                                    Map<String, JsonValue> extensions) implements DspMessage {
        public ContractNegotiationError {
            reason = List.copyOf(reason);
            extensions = DspJson.keep(extensions);
        }
    }

    // ============================================================================================ transfer process

    /** C → P. {@code dataAddress} for push transfers (where the provider pushes to). */
    record TransferRequestMessage(String consumerPid, String agreementId, String format, DataAddress dataAddress,
                                  String callbackAddress, Map<String, JsonValue> extensions) implements DspMessage {
        public TransferRequestMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    /** {@code dataAddress} for pull transfers (where the consumer pulls from). */
    record TransferStartMessage(String providerPid, String consumerPid, DataAddress dataAddress, Map<String, JsonValue> extensions)
            implements DspMessage {
        public TransferStartMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    record TransferSuspensionMessage(String providerPid, String consumerPid, String code, List<JsonValue> reason,
                                     Map<String, JsonValue> extensions) implements DspMessage {
        public TransferSuspensionMessage {
            reason = List.copyOf(reason);
            extensions = DspJson.keep(extensions);
        }
    }

    record TransferCompletionMessage(String providerPid, String consumerPid, Map<String, JsonValue> extensions) implements DspMessage {
        public TransferCompletionMessage {
            extensions = DspJson.keep(extensions);
        }
    }

    record TransferTerminationMessage(String providerPid, String consumerPid, String code, List<JsonValue> reason,
                                      Map<String, JsonValue> extensions) implements DspMessage {
        public TransferTerminationMessage {
            reason = List.copyOf(reason);
            extensions = DspJson.keep(extensions);
        }
    }

    record TransferProcess(String providerPid, String consumerPid, TransferProcessState state, Map<String, JsonValue> extensions)
            implements DspMessage {
        public TransferProcess {
            extensions = DspJson.keep(extensions);
        }
    }

    record TransferError(String providerPid, String consumerPid, String code, List<JsonValue> reason, Map<String, JsonValue> extensions)
            implements DspMessage {
        public TransferError {
            reason = List.copyOf(reason);
            extensions = DspJson.keep(extensions);
        }
    }

    /** Where data is pushed to or pulled from, e.g. endpointType {@code https://w3id.org/idsa/v4.1/HTTP}. */
    record DataAddress(String endpointType, String endpoint, List<EndpointProperty> endpointProperties) {
        public DataAddress {
            endpointProperties = List.copyOf(endpointProperties);
        }
    }

    /** e.g. {@code authorization} / a token, {@code authType} / {@code bearer}. */
    record EndpointProperty(String name, String value) {
    }
}
