package eu.federator.credentials.verify;

import java.util.List;
import java.util.Optional;

/**
 * What was checked for one credential or presentation.
 *
 * @param id     the credential's {@code id}, or a locator such as {@code verifiableCredential[1]} when it has none
 * @param issuer the issuer (or holder, for a presentation) as stated in the document
 * @param kind   {@code VerifiableCredential} or {@code VerifiablePresentation}
 * @param format the securing mechanism that applied, e.g. {@code jws2020-legacy}, {@code vc+jwt}
 */
public record CredentialReport(String id, String issuer, String kind, String format, List<Check> checks) {

    public CredentialReport {
        checks = List.copyOf(checks);
    }

    /** Valid when every check passed; a skipped check makes the credential not verified. */
    public boolean valid() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> c.outcome() == Check.Outcome.FAILED).toList();
    }
}
