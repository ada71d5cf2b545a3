package eu.federator.trustframework.compliance;

import eu.federator.credentials.verify.VerificationResult;

import java.util.List;

/**
 * What a compliance evaluation found: every rule's result, in evaluation order, and the trust core's verification
 * of the input (its reports carry each credential's JSON and, for VC-JWTs, the compact JWS that digests cover).
 *
 * @param version      the trust-framework version the input was evaluated against, e.g. {@code 22.10} or {@code 25.11}
 * @param level        the label level asked for (Loire), null for Tagus
 * @param verification the trust core's result for the input
 */
public record ComplianceReport(String version, LabelLevel level, List<RuleResult> rules, VerificationResult verification) {

    public ComplianceReport {
        rules = List.copyOf(rules);
    }

    public boolean compliant() {
        return !rules.isEmpty() && rules.stream().allMatch(RuleResult::ok);
    }

    public List<RuleResult> failures() {
        return rules.stream().filter(r -> !r.ok()).toList();
    }
}
