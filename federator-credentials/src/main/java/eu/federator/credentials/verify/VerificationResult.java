package eu.federator.credentials.verify;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying one input (a credential, a presentation, or a compact JWT). A presentation
 * yields one report for itself followed by one report per contained credential.
 *
 * @param format   what the input was: {@code ldp_vc}, {@code ldp_vp}, {@code vc+jwt}, {@code vp+jwt}, ...
 * @param warnings things that did not fail verification but that a relying party should know
 */
public record VerificationResult(String format, List<CredentialReport> credentials, List<String> warnings) {

    public VerificationResult {
        credentials = List.copyOf(credentials);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return !credentials.isEmpty() && credentials.stream().allMatch(CredentialReport::valid);
    }

    public Optional<CredentialReport> credential(String id) {
        return credentials.stream().filter(c -> id.equals(c.id())).findFirst();
    }

    public List<Check> failures() {
        return credentials.stream().flatMap(c -> c.failures().stream()).toList();
    }

    public boolean hasSkippedChecks() {
        return credentials.stream().flatMap(c -> c.checks().stream()).anyMatch(c -> c.outcome() == Check.Outcome.SKIPPED);
    }
}
