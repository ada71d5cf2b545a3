package eu.federator.dataspace.outbox;

import java.util.Objects;

/**
 * A message a process decided to send, stored with the process change in one transaction.
 *
 * @param messageType the DSP message type, e.g. {@code ContractAgreementMessage}
 * @param targetUrl   where to POST it
 * @param body        the JSON to send, exactly
 */
public record OutboxEntry(String messageType, String targetUrl, String body) {
    public OutboxEntry {
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(targetUrl, "targetUrl");
        Objects.requireNonNull(body, "body");
    }
}
