package eu.federator.dataspace.evidence;

import eu.federator.dataspace.internal.WakeableLoop;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.FinalizedAgreements;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.protocol.ContractNegotiationState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Issues the credentials of finalized agreements in the background, so the thread that committed FINALIZED (an HTTP
 * handler answering the counter-party, or the outbox dispatcher) neither signs nor stores them. Nothing is lost when the
 * process stops first: {@link #start} issues for every finalized negotiation without a credential, and
 * {@link #records} issues on demand when an agreement is asked for before its turn came. A failed issuance is tried again
 * at the next poll.
 */
public final class AgreementIssuer implements FinalizedAgreements, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgreementIssuer.class.getName());
    private static final int ROUND = 100;

    private final AgreementsAsCredentials issuing;
    private final ContractNegotiationStore negotiations;
    private final AgreementStore store;
    private final Queue<Negotiation> pending = new ConcurrentLinkedQueue<>();
    private final WakeableLoop loop;
    /** Where the catch-up after start has come to; null once it went through all. Only the loop's thread uses it. */
    private String caughtUpTo = "";

    public AgreementIssuer(AgreementsAsCredentials issuing, ContractNegotiationStore negotiations, AgreementStore store) {
        this.issuing = Objects.requireNonNull(issuing, "issuing");
        this.negotiations = Objects.requireNonNull(negotiations, "negotiations");
        this.store = Objects.requireNonNull(store, "store");
        this.loop = new WakeableLoop("agreement-issuer", this::round);
    }

    @Override
    public void finalized(Negotiation negotiation) {
        pending.add(negotiation);
        loop.wake();
    }

    /** Starts the background thread; it first catches up with finalized negotiations that have no credential yet. */
    public void start(Duration retryInterval) {
        loop.start(retryInterval);
        loop.wake();
    }

    /** This side's records of an agreement, issued now if its negotiation is finalized here but was not issued yet. */
    public List<AgreementRecord> records(String agreementId) {
        List<AgreementRecord> found = store.find(agreementId);
        if (!found.isEmpty()) {
            return found;
        }
        return negotiations.findByAgreementId(agreementId).filter(n -> n.position().state() == ContractNegotiationState.FINALIZED)
                .map(n -> List.of(issuing.issue(n))).orElse(List.of());
    }

    /** Issues what is pending, then what a stop left behind; true when more is waiting. */
    private boolean round() {
        List<Negotiation> failed = new ArrayList<>();
        try {
            int done = 0;
            Negotiation n;
            while (done < ROUND && (n = pending.poll()) != null) {
                issue(n, failed);
                done++;
            }
            if (caughtUpTo != null) {
                // the queue lives in memory: a stop or crash between commit and issuance left these without credential
                List<String> left = store.finalizedWithoutCredential(caughtUpTo, ROUND);
                for (String id : left) {
                    negotiations.find(id).ifPresent(found -> issue(found, failed));
                }
                caughtUpTo = left.size() == ROUND ? left.getLast() : null;
            }
            return failed.isEmpty() && (caughtUpTo != null || !pending.isEmpty());
        } finally {
            pending.addAll(failed); // tried again at the next poll
        }
    }

    private void issue(Negotiation n, List<Negotiation> failed) {
        try {
            issuing.issue(n);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "negotiation {0} is finalized, but its agreement cannot be issued as a credential: {1}", n.id(),
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "issuing the agreement credential of negotiation {0} failed, tried again later: {1}", n.id(),
                    e.toString());
            failed.add(n);
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
