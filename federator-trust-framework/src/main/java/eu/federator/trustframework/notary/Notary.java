package eu.federator.trustframework.notary;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.trustframework.identity.ServiceIdentity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The registration-number notary: first the offline check, then the authoritative source for the type (when one is
 * configured and offline-only mode is off), then — when the number is vouched for — a signed registration-number
 * credential with an {@code evidence} block, in the Tagus or the Loire form. A source that cannot answer never turns
 * into "invalid": the outcome is {@link NotaryOutcome.Unavailable}.
 */
public final class Notary {
    static final String UNVERIFIABLE_NOTE = "no public authoritative register exists for this kind of number; only its format was checked";
    static final String OFFLINE_NOTE = "offline-only mode: no authoritative register was consulted; only the format and check digits were checked";

    /** A signed credential, or the reason there is none. */
    public record Issuance(NotaryOutcome outcome, String credential) {
        public boolean issued() {
            return credential != null;
        }
    }

    private final NotarySettings settings;
    private final Map<RegistrationNumberType, RegistrationSource> sources;
    private final ServiceIdentity identity;
    private final CredentialSigner signer;
    private final Clock clock;

    /** @param sources the source per type; types without one (EUID, tax ID) follow {@link NotarySettings#issueUnverifiable()} */
    public Notary(NotarySettings settings, Map<RegistrationNumberType, RegistrationSource> sources, ServiceIdentity identity,
                  CredentialSigner signer, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sources = sources.isEmpty() ? new EnumMap<>(RegistrationNumberType.class) : new EnumMap<>(sources);
        this.identity = Objects.requireNonNull(identity, "identity");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public NotarySettings settings() {
        return settings;
    }

    public ServiceIdentity identity() {
        return identity;
    }

    /** Checks a number offline and with its source. */
    public NotaryOutcome verify(RegistrationNumberType type, String value) {
        OfflineCheck check = OfflineChecks.check(type, value);
        if (!check.valid()) {
            return new NotaryOutcome.OfflineInvalid(check);
        }
        Map<String, String> derived = new LinkedHashMap<>();
        if (check.countryCode() != null && type != RegistrationNumberType.EUID) {
            derived.put("countryCode", check.countryCode());
        }
        if (settings.offlineOnly()) {
            return new NotaryOutcome.Verified(check, "offline check", null, clock.instant(), derived, OFFLINE_NOTE);
        }
        RegistrationSource source = sources.get(type);
        if (source == null) {
            if (type == RegistrationNumberType.EUID || type == RegistrationNumberType.TAX_ID) {
                return settings.issueUnverifiable()
                        ? new NotaryOutcome.Verified(check, "offline check", null, clock.instant(), derived, UNVERIFIABLE_NOTE)
                        : new NotaryOutcome.Refused(check, "this notary does not vouch for " + type.pathName()
                        + " numbers: no public authoritative register exists for them");
            }
            return new NotaryOutcome.Refused(check, "no source is configured for " + type.pathName() + " numbers");
        }
        SourceAnswer answer = source.check(check);
        return switch (answer) {
            case SourceAnswer.Confirmed c -> new NotaryOutcome.Verified(check, c.source(), c.evidenceUrl(), c.executed(), c.claims(), null);
            case SourceAnswer.Rejected r -> new NotaryOutcome.SourceInvalid(check, r.source(), r.reason());
            case SourceAnswer.Unavailable u -> new NotaryOutcome.Unavailable(check, u.source(), u.reason(), u.retryAfter());
        };
    }

    /** Verifies, then issues the Tagus (22.10) JSON-LD credential signed with JsonWebSignature2020. */
    public Issuance issueTagus(RegistrationNumberType type, String value, String vcId, String subjectId) {
        NotaryOutcome outcome = verify(type, value);
        if (!(outcome instanceof NotaryOutcome.Verified verified)) {
            return new Issuance(outcome, null);
        }
        Instant now = clock.instant();
        String id = vcId == null || vcId.isBlank() ? newId() : vcId;
        String subject = subjectId == null || subjectId.isBlank() ? id : subjectId;
        var document = RegistrationNumberCredentials.tagus(verified, identity.did(), id, subject, now);
        CredentialSigner.Format format = settings.tagusLegacyProof() ? CredentialSigner.Format.JWS2020_LEGACY : CredentialSigner.Format.JWS2020;
        return new Issuance(outcome, signer.sign(document, identity.signingKey(), format, now));
    }

    /** Verifies, then issues the Loire (VCDM 2.0) credential as a VC-JWT. */
    public Issuance issueLoire(RegistrationNumberType type, String value, String vcId, String subjectId) {
        NotaryOutcome outcome = verify(type, value);
        if (!(outcome instanceof NotaryOutcome.Verified verified)) {
            return new Issuance(outcome, null);
        }
        Instant now = clock.instant();
        String id = vcId == null || vcId.isBlank() ? newId() : vcId;
        String subject = subjectId == null || subjectId.isBlank() ? id + "#cs" : subjectId;
        Duration lifetime = settings.lifetime();
        var document = RegistrationNumberCredentials.loire(verified, identity.did(), id, subject, now, now.plus(lifetime));
        return new Issuance(outcome, signer.sign(document, identity.signingKey(), CredentialSigner.Format.VC_JWT, now));
    }

    private static String newId() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
