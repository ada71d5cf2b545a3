package eu.federator.dataspace.negotiation;

/** What moves a contract negotiation: the DSP messages, the event message split by its event type. */
public enum NegotiationMessage {
    /** ContractRequestMessage (initial or counter-offer) */
    REQUEST,
    /** ContractOfferMessage (initial or counter-offer) */
    OFFER,
    /** ContractNegotiationEventMessage with eventType ACCEPTED */
    ACCEPTED,
    /** ContractAgreementMessage */
    AGREEMENT,
    /** ContractAgreementVerificationMessage */
    VERIFICATION,
    /** ContractNegotiationEventMessage with eventType FINALIZED */
    FINALIZED,
    /** ContractNegotiationTerminationMessage */
    TERMINATION
}
