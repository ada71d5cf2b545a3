package eu.federator.dataspace.evidence;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.log.ExchangeChain;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.ProcessKind;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.policy.Policy.Agreement;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Every finalized agreement becomes a credential on this side ({@link AgreementCredentials}), stored with the
 * counter-party's log token; the issuance is an exchange-log event ({@value #EVENT}, payload digest = SHA-256 of the
 * credential). Idempotent: a negotiation or agreement this side already issued keeps its first credential.
 */
public final class AgreementsAsCredentials {
    public static final String EVENT = "AgreementCredentialIssued";

    private final AgreementCredentials credentials;
    private final AgreementStore store;
    private final Runnable logged;
    private final Clock clock;

    /** @param logged called after an event was queued (the log writer's {@code wake}) */
    public AgreementsAsCredentials(AgreementCredentials credentials, AgreementStore store, Runnable logged, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.logged = logged;
        this.clock = clock;
    }

    /**
     * The stored record of the negotiation's agreement, issuing it first if this side has not yet.
     *
     * @throws IllegalArgumentException when the negotiation's agreement cannot be read
     */
    public AgreementRecord issue(Negotiation negotiation) {
        Optional<AgreementRecord> existing = store.findByNegotiation(negotiation.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        Result<Agreement> agreement = AgreementCredentials.agreementOf(negotiation);
        if (!agreement.succeeded()) {
            throw new IllegalArgumentException("no agreement credential for negotiation " + negotiation.id() + ": " + agreement.problems());
        }
        AgreementRecord issued = credentials.issue(negotiation, agreement.value());
        AgreementRecord stored = store.storeOnce(issued, new LogEvent(negotiation.id(), ProcessKind.NEGOTIATION, EVENT,
                negotiation.counterPartyId(), issued.agreementId(),
                ExchangeChain.digest(issued.credential().getBytes(StandardCharsets.US_ASCII)), clock.instant()));
        if (stored == issued) {
            logged.run();
        }
        return stored;
    }
}
