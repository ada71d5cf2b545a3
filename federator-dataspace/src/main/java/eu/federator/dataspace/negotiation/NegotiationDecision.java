package eu.federator.dataspace.negotiation;

import java.util.Objects;

/**
 * What this side sends next in a negotiation, as {@link NegotiationDecisions} decides it.
 *
 * @param message what to send
 * @param offer   for {@link NegotiationMessage#OFFER} and {@link NegotiationMessage#REQUEST}: the (counter-)offer as ODRL
 *                JSON with its {@code target}; null to repeat the current offer
 * @param reason  for {@link NegotiationMessage#TERMINATION}: why, for the counter-party and the log; null otherwise
 */
public record NegotiationDecision(NegotiationMessage message, String offer, String reason) {
    public NegotiationDecision {
        Objects.requireNonNull(message, "message");
        if (message == NegotiationMessage.TERMINATION && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a termination needs a reason");
        }
    }

    public static NegotiationDecision send(NegotiationMessage message) {
        return new NegotiationDecision(message, null, null);
    }

    public static NegotiationDecision offer(NegotiationMessage message, String offer) {
        return new NegotiationDecision(message, Objects.requireNonNull(offer, "offer"), null);
    }

    public static NegotiationDecision terminate(String reason) {
        return new NegotiationDecision(NegotiationMessage.TERMINATION, null, reason);
    }
}
