package eu.federator.dataspace.watch;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferProcessStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A transfer process store that tells {@link ProcessChanges} about every change it committed. */
public final class WatchedTransferStore implements TransferProcessStore {
    private final TransferProcessStore store;
    private final ProcessChanges changes;

    public WatchedTransferStore(TransferProcessStore store, ProcessChanges changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    @Override
    public Result<Transfer> create(Transfer transfer, List<OutboxEntry> send, List<LogEvent> log) {
        return told(store.create(transfer, send, log));
    }

    @Override
    public Result<Transfer> update(Transfer changed, List<OutboxEntry> send, List<LogEvent> log) {
        return told(store.update(changed, send, log));
    }

    private Result<Transfer> told(Result<Transfer> stored) {
        if (stored.succeeded()) {
            changes.changed(stored.value().id());
        }
        return stored;
    }

    @Override
    public Optional<Transfer> find(String id) {
        return store.find(id);
    }

    @Override
    public Optional<Transfer> findByCounterPartyPid(Role role, String counterPartyId, String counterPartyPid) {
        return store.findByCounterPartyPid(role, counterPartyId, counterPartyPid);
    }

    @Override
    public List<Transfer> byAgreement(String agreementId) {
        return store.byAgreement(agreementId);
    }

    @Override
    public List<Transfer> list(int offset, int limit) {
        return store.list(offset, limit);
    }
}
