package eu.federator.dataspace.dispatch;

import eu.federator.dataspace.outbox.OutboxMessage;

/** The {@code Authorization} header value (e.g. {@code Bearer …}) to present to the counter-party for one message. */
@FunctionalInterface
public interface TokenSource {
    String authorization(OutboxMessage message);
}
