package eu.federator.dataspace.dispatch;

import java.util.Objects;

/** What became of one attempt to send an outbox message. */
public sealed interface SendResult {

    /** The counter-party acknowledged the message; {@code body} is its answer (e.g. the new process), possibly empty. */
    record Sent(String body) implements SendResult {
        public Sent {
            body = body == null ? "" : body;
        }
    }

    /** Not acknowledged, but may be next time (timeout, overload, server error, network): retried after the back-off. */
    record RetryLater(String reason) implements SendResult {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Refused for good (the counter-party said the message itself is wrong): given up at once, kept as dead. */
    record Rejected(String reason) implements SendResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
