package eu.federator.dataspace.transfer;

/** What moves a transfer process: the DSP transfer messages. */
public enum TransferMessage {
    /** TransferRequestMessage */
    REQUEST,
    /** TransferStartMessage (also resumes a suspended transfer) */
    START,
    /** TransferSuspensionMessage */
    SUSPENSION,
    /** TransferCompletionMessage */
    COMPLETION,
    /** TransferTerminationMessage */
    TERMINATION
}
