package eu.federator.dataspace.policy;

import java.time.Instant;
import java.util.Objects;

/** What a policy is evaluated against: the requester and the moment (left operand {@code dateTime}). */
public record PolicyContext(Requester requester, Instant now) {
    public PolicyContext {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(now, "now");
    }
}
