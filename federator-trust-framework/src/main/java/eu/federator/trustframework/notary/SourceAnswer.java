package eu.federator.trustframework.notary;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** What an authoritative source answered about one number. */
public sealed interface SourceAnswer {

    /**
     * The register knows the number.
     *
     * @param claims what the register said about its holder: {@code countryCode} (ISO 3166-1 alpha-2), for LEIs
     *               {@code subdivisionCountryCode} (ISO 3166-2) when GLEIF has it, {@code name} when published
     */
    record Confirmed(String source, URI evidenceUrl, Instant executed, Map<String, String> claims) implements SourceAnswer {
        public Confirmed {
            claims = Map.copyOf(claims);
        }
    }

    /** The register says the number is not valid; {@code reason} is the register's, in its words. */
    record Rejected(String source, URI evidenceUrl, Instant executed, String reason) implements SourceAnswer {
    }

    /**
     * The register could not answer (down, timed out, rate-limited, garbled answer): nothing is known about the number.
     *
     * @param retryable  whether trying again at once may help (timeouts, 5xx, busy) or not (blocked, misconfigured)
     * @param retryAfter when the caller should try again
     */
    record Unavailable(String source, String reason, boolean retryable, Duration retryAfter) implements SourceAnswer {
        public Unavailable {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
