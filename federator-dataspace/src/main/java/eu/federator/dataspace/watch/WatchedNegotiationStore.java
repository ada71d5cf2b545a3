package eu.federator.dataspace.watch;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.outbox.OutboxEntry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A negotiation store that tells {@link ProcessChanges} about every change it committed. */
public final class WatchedNegotiationStore implements ContractNegotiationStore {
    private final ContractNegotiationStore store;
    private final ProcessChanges changes;

    public WatchedNegotiationStore(ContractNegotiationStore store, ProcessChanges changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    @Override
    public Result<Negotiation> create(Negotiation negotiation, List<OutboxEntry> send, List<LogEvent> log) {
        return told(store.create(negotiation, send, log));
    }

    @Override
    public Result<Negotiation> update(Negotiation changed, List<OutboxEntry> send, List<LogEvent> log) {
        return told(store.update(changed, send, log));
    }

    private Result<Negotiation> told(Result<Negotiation> stored) {
        if (stored.succeeded()) {
            changes.changed(stored.value().id());
        }
        return stored;
    }

    @Override
    public Optional<Negotiation> find(String id) {
        return store.find(id);
    }

    @Override
    public Optional<Negotiation> findByCounterPartyPid(Role role, String counterPartyId, String counterPartyPid) {
        return store.findByCounterPartyPid(role, counterPartyId, counterPartyPid);
    }

    @Override
    public Optional<Negotiation> findByAgreementId(String agreementId) {
        return store.findByAgreementId(agreementId);
    }

    @Override
    public List<Negotiation> list(int offset, int limit) {
        return store.list(offset, limit);
    }
}
