package eu.federator.dataspace.dispatch;

import eu.federator.dataspace.outbox.OutboxMessage;

/**
 * Told about each message after its removal from the outbox was committed, so the process store can acknowledge the
 * pending position. Called on the dispatcher's thread; an exception is logged and does not undo the delivery.
 */
@FunctionalInterface
public interface Delivered {
    void delivered(OutboxMessage message);
}
