package eu.federator.dataspace.negotiation;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.outbox.OutboxEntry;

import java.util.List;
import java.util.Optional;

/**
 * Where contract negotiations live. A change and the messages it decided to send are stored in one transaction, so a
 * crash loses neither or both. Updates are optimistic: they fail when the negotiation changed since it was read.
 */
public interface ContractNegotiationStore {

    /** Stores a new negotiation (its version becomes 1); fails when the id (or the counter-party's pid) is taken. */
    Result<Negotiation> create(Negotiation negotiation, List<OutboxEntry> send, List<LogEvent> log);

    /** {@link #create(Negotiation, List, List)} with nothing to log. */
    default Result<Negotiation> create(Negotiation negotiation, List<OutboxEntry> send) {
        return create(negotiation, send, List.of());
    }

    Optional<Negotiation> find(String id);

    /** The negotiation that {@code counterPartyId}'s own pid refers to (a repeated initial request, a provider-initiated offer). */
    Optional<Negotiation> findByCounterPartyPid(Role role, String counterPartyId, String counterPartyPid);

    /**
     * Stores {@code changed}, whose {@link Negotiation#version()} is the version it was read at, and queues {@code send}.
     * Returns it at its new version, or a failure when someone else changed it first (read again and re-decide).
     */
    Result<Negotiation> update(Negotiation changed, List<OutboxEntry> send, List<LogEvent> log);

    /** {@link #update(Negotiation, List, List)} with nothing to log. */
    default Result<Negotiation> update(Negotiation changed, List<OutboxEntry> send) {
        return update(changed, send, List.of());
    }

    /** The negotiation whose agreement has this {@code @id}. */
    Optional<Negotiation> findByAgreementId(String agreementId);

    /** Most recently updated first. */
    List<Negotiation> list(int offset, int limit);
}
