package eu.federator.credentials.verify;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Validity windows of the VC data models (1.1: issuanceDate/expirationDate, 2.0: validFrom/validUntil) and JWT nbf/exp. */
final class Validity {
    private Validity() {
    }

    // A JOSE header "exp" above this is in milliseconds (seen from a Gaia-X client library), not seconds.
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    /**
     * @param document the VC or VP JSON
     * @param jwt      JWT claims and protected header of a JOSE-secured document, or null
     */
    static Check check(JsonObject document, JsonObject claims, JsonObject header, Instant at, boolean semantics) {
        List<String> problems = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        notBefore(document, "validFrom", at, problems, unreadable, seen);
        notBefore(document, "issuanceDate", at, problems, unreadable, seen);
        notAfter(document, "validUntil", at, problems, unreadable, seen).ifPresent(ends::add);
        notAfter(document, "expirationDate", at, problems, unreadable, seen).ifPresent(ends::add);
        for (JsonObject source : new JsonObject[]{claims, header}) {
            if (source == null) {
                continue;
            }
            String where = source == header ? "header " : "";
            epoch(source, "nbf").ifPresent(nbf -> {
                seen.add(where + "nbf");
                if (at.isBefore(nbf)) {
                    problems.add("not yet valid: JWT " + where + "nbf is " + nbf);
                }
            });
            epoch(source, "exp").ifPresent(exp -> {
                seen.add(where + "exp");
                ends.add(exp);
                if (!at.isBefore(exp)) {
                    problems.add("expired: JWT " + where + "exp was " + exp);
                }
            });
        }
        if (!problems.isEmpty()) {
            problems.addAll(unreadable);
            return Check.failed(CheckName.VALIDITY, String.join("; ", problems) + " (evaluated at " + at + ")");
        }
        if (!unreadable.isEmpty()) {
            // A malformed date is a data-model error; with semantics switched off it leaves the period unknown, not failed.
            String message = String.join("; ", unreadable) + ", so the validity period cannot be evaluated";
            return semantics ? Check.failed(CheckName.VALIDITY, message)
                    : Check.skipped(CheckName.VALIDITY, message + " (verifySemantics=false)");
        }
        return Check.passed(CheckName.VALIDITY, seen.isEmpty() ? "no validity period stated"
                : "valid at " + at + " (" + String.join(", ", seen) + ")").until(ends.stream().min(Instant::compareTo).orElse(null));
    }

    private static void notBefore(JsonObject doc, String field, Instant at, List<String> problems, List<String> unreadable, List<String> seen) {
        date(doc, field, unreadable).ifPresent(from -> {
            seen.add(field);
            if (at.isBefore(from)) {
                problems.add("not yet valid: " + field + " is " + from);
            }
        });
    }

    private static Optional<Instant> notAfter(JsonObject doc, String field, Instant at, List<String> problems, List<String> unreadable,
                                              List<String> seen) {
        Optional<Instant> end = date(doc, field, unreadable);
        end.ifPresent(until -> {
            seen.add(field);
            if (!at.isBefore(until)) {
                problems.add("expired: " + field + " was " + until);
            }
        });
        return end;
    }

    private static Optional<Instant> date(JsonObject doc, String field, List<String> problems) {
        if (!doc.containsKey(field)) {
            return Optional.empty();
        }
        Optional<String> text = Fields.string(doc, field);
        if (text.isEmpty()) {
            problems.add(field + " must be a dateTime string");
            return Optional.empty();
        }
        try {
            return Optional.of(Fields.dateTime(text.get()));
        } catch (DateTimeParseException e) {
            problems.add(field + " \"" + text.get() + "\" is not an XML Schema dateTime");
            return Optional.empty();
        }
    }

    private static Optional<Instant> epoch(JsonObject source, String claim) {
        return Fields.number(source, claim).map(v -> v > MILLIS_THRESHOLD ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v));
    }
}
