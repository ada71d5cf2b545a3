package eu.federator.dataspace.dispatch;

import eu.federator.dataspace.outbox.OutboxMessage;

/**
 * Sends one outbox message to its counter-party. Implementations report failures as results, not exceptions; an
 * exception that escapes anyway is treated as {@link SendResult.RetryLater}. Called from several threads at once.
 */
@FunctionalInterface
public interface MessageSender {
    SendResult send(OutboxMessage message);
}
