package eu.federator.dataspace.transfer;

import java.util.Objects;

/**
 * What this side sends next in a transfer process, as {@link TransferDecisions} decides it.
 *
 * @param reason for {@link TransferMessage#TERMINATION} and {@link TransferMessage#SUSPENSION}: why; null otherwise
 */
public record TransferDecision(TransferMessage message, String reason) {
    public TransferDecision {
        Objects.requireNonNull(message, "message");
        if ((message == TransferMessage.TERMINATION || message == TransferMessage.SUSPENSION) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a " + message + " needs a reason");
        }
    }

    public static TransferDecision send(TransferMessage message) {
        return new TransferDecision(message, null);
    }

    public static TransferDecision terminate(String reason) {
        return new TransferDecision(TransferMessage.TERMINATION, reason);
    }
}
