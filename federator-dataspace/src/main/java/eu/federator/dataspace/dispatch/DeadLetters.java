package eu.federator.dataspace.dispatch;

/**
 * Gives up a message at once (a permanent refusal), keeping it with its reason for inspection. {@code Outbox.Claim}
 * only knows "failed" (retried until the back-off is exhausted); this fills that gap until the claim can do it itself.
 */
@FunctionalInterface
public interface DeadLetters {
    void giveUp(long outboxId, String reason);
}
