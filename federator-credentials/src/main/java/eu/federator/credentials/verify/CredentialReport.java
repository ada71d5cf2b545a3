package eu.federator.credentials.verify;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * What was checked for one credential or presentation.
 *
 * @param id     the credential's {@code id}, or a locator such as {@code verifiableCredential[1]} when it has none
 * @param issuer the issuer (or holder, for a presentation) as stated in the document
 * @param kind   {@code VerifiableCredential} or {@code VerifiablePresentation}
 * @param format the securing mechanism that applied, e.g. {@code jws2020-legacy}, {@code vc+jwt}
 * @param verificationMethod the key that signed it (proof verificationMethod or JWS kid), null when unsigned
 * @param issued when it says it was issued ({@code issuanceDate}, {@code validFrom} or the JWT {@code iat}), as stated
 * @param document the credential or presentation as JSON (a JWT's payload, its {@code vc}/{@code vp} claim unwrapped);
 *                 null when the input could not be parsed. What the checks were about, for rules that read claims.
 * @param compactJws the compact JWS when the document was secured with JOSE, else null (the bytes that digests cover)
 */
public record CredentialReport(String id, String issuer, String kind, String format, String verificationMethod, String issued,
                               List<Check> checks, JsonObject document, String compactJws) {

    public CredentialReport {
        checks = List.copyOf(checks);
    }

    /** A report for input that is not (or not recognisably) a credential: only its locator and what failed. */
    public static CredentialReport unrecognised(String locator, String format, Check failure) {
        return new CredentialReport(locator, null, "unknown", format, null, null, List.of(failure), null, null);
    }

    /** The same report with one more check appended. */
    public CredentialReport with(Check check) {
        List<Check> more = new java.util.ArrayList<>(checks);
        more.add(check);
        return new CredentialReport(id, issuer, kind, format, verificationMethod, issued, more, document, compactJws);
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
