package eu.federator.trustframework.notary;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the notary concluded about a number. */
public sealed interface NotaryOutcome {

    /**
     * The notary vouches for the number.
     *
     * @param evidenceUrl the source consulted; null when only the offline check was made
     * @param claims      what the source returned (countryCode, subdivisionCountryCode, name, ...), or what the offline
     *                    check derived (countryCode)
     * @param note        why no source was consulted, or null
     */
    record Verified(OfflineCheck check, String source, URI evidenceUrl, Instant executionDate, Map<String, String> claims,
                    String note) implements NotaryOutcome {
        public Verified {
            claims = Map.copyOf(claims);
        }
    }

    /** The number fails its offline check: 400. */
    record OfflineInvalid(OfflineCheck check) implements NotaryOutcome {
    }

    /** The authoritative source says the number is not valid: 4xx with its reason. */
    record SourceInvalid(OfflineCheck check, String source, String reason) implements NotaryOutcome {
    }

    /** The source could not answer: 503 with Retry-After; nothing is known about the number. */
    record Unavailable(OfflineCheck check, String source, String reason, Duration retryAfter) implements NotaryOutcome {
    }

    /** This notary does not vouch for this kind of number (no source, and the operator chose to refuse). */
    record Refused(OfflineCheck check, String reason) implements NotaryOutcome {
    }
}
