package eu.federator.dataspace.dispatch;

import eu.federator.dataspace.outbox.OutboxMessage;

/**
 * Told about each message after its removal from the outbox was committed, so the process store can acknowledge the
 * pending position. Called on the dispatcher's thread; an exception is logged and does not undo the delivery.
 */
@FunctionalInterface
public interface Delivered {
    /** @param answer the counter-party's response body (the initial request's answer names its process id) */
    void delivered(OutboxMessage message, String answer);

    /** The message was given up (refused, or retries exhausted): the process cannot go on as decided. */
    default void undeliverable(OutboxMessage message, String reason) {
    }
}
