package eu.federator.dataspace.policy;

import eu.federator.dataspace.Problem;

import java.util.List;

/**
 * Allow, or deny with every reason (each with the path of the rule or constraint in the policy's JSON form, e.g.
 * {@code /permission/0/constraint/1}).
 */
public record PolicyDecision(boolean allowed, List<Problem> reasons) {
    public PolicyDecision {
        reasons = List.copyOf(reasons);
        if (allowed != reasons.isEmpty()) {
            throw new IllegalArgumentException(allowed ? "an allow carries no reasons" : "a denial needs a reason");
        }
    }

    public static PolicyDecision allow() {
        return new PolicyDecision(true, List.of());
    }

    public static PolicyDecision deny(List<Problem> reasons) {
        return new PolicyDecision(false, reasons);
    }
}
