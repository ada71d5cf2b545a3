package eu.federator.trustframework.compliance;

import java.util.Objects;

/**
 * The outcome of one compliance rule for one focus node.
 *
 * @param id      stable rule id, e.g. {@code tagus.provider-issuer-match} or {@code loire.issuer-terms}
 * @param ok      whether the rule holds for this focus
 * @param message what was found and, when it failed, how to fix it
 * @param focus   the node the result is about (a credential id or a credential subject id), null for the whole input
 */
public record RuleResult(String id, boolean ok, String message, String focus) {

    public RuleResult {
        Objects.requireNonNull(id, "id");
        message = message == null ? "" : message;
    }

    public static RuleResult passed(String id, String message, String focus) {
        return new RuleResult(id, true, message, focus);
    }

    public static RuleResult failed(String id, String message, String focus) {
        return new RuleResult(id, false, message, focus);
    }
}
