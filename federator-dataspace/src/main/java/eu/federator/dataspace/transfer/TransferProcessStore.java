package eu.federator.dataspace.transfer;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.outbox.OutboxEntry;

import java.util.List;
import java.util.Optional;

/** Where transfer processes live; the same transaction and versioning rules as the negotiation store. */
public interface TransferProcessStore {

    Result<Transfer> create(Transfer transfer, List<OutboxEntry> send, List<LogEvent> log);

    /** {@link #create(Transfer, List, List)} with nothing to log. */
    default Result<Transfer> create(Transfer transfer, List<OutboxEntry> send) {
        return create(transfer, send, List.of());
    }

    Optional<Transfer> find(String id);

    Result<Transfer> update(Transfer changed, List<OutboxEntry> send, List<LogEvent> log);

    /** {@link #update(Transfer, List, List)} with nothing to log. */
    default Result<Transfer> update(Transfer changed, List<OutboxEntry> send) {
        return update(changed, send, List.of());
    }

    /** The transfer that {@code counterPartyId}'s own pid refers to (a repeated request). */
    Optional<Transfer> findByCounterPartyPid(Role role, String counterPartyId, String counterPartyPid);

    /** Most recently updated first. */
    List<Transfer> list(int offset, int limit);

    /** The transfers under one agreement, most recently updated first. */
    List<Transfer> byAgreement(String agreementId);
}
