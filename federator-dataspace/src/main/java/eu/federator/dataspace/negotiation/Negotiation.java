package eu.federator.dataspace.negotiation;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.protocol.ContractNegotiationState;

import java.time.Instant;
import java.util.Objects;

/**
 * A contract negotiation as this side keeps it.
 *
 * @param id                  this side's process id: the providerPid as provider, the consumerPid as consumer
 * @param counterPartyId      the counter-party's participant id (DID)
 * @param counterPartyAddress where its messages go (its DSP base URL or callback address); null until known
 * @param offer               the current offer, JSON as exchanged
 * @param agreement           the agreement, JSON as exchanged; null before one was made
 * @param version             1 when created, +1 on every update (optimistic concurrency)
 */
public record Negotiation(String id, Role role, String consumerPid, String providerPid, String counterPartyId,
                          String counterPartyAddress, Position<ContractNegotiationState> position, String offer, String agreement,
                          long version, Instant created, Instant updated) {

    public Negotiation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(counterPartyId, "counterPartyId");
        Objects.requireNonNull(position, "position");
        if (!id.equals(role == Role.PROVIDER ? providerPid : consumerPid)) {
            throw new IllegalArgumentException("a " + role + "'s negotiation id is its own pid: " + id);
        }
    }

    public Negotiation with(Position<ContractNegotiationState> next, Instant now) {
        return new Negotiation(id, role, consumerPid, providerPid, counterPartyId, counterPartyAddress, next, offer, agreement, version,
                created, now);
    }

    public Negotiation withAgreement(String agreementJson) {
        return new Negotiation(id, role, consumerPid, providerPid, counterPartyId, counterPartyAddress, position, offer, agreementJson,
                version, created, updated);
    }

    /** A (counter-)offer replaced the current offer. */
    public Negotiation withOffer(String offerJson) {
        return new Negotiation(id, role, consumerPid, providerPid, counterPartyId, counterPartyAddress, position, offerJson, agreement, version,
                created, updated);
    }

    /** The counter-party named where its replies go. */
    public Negotiation withCounterPartyAddress(String address) {
        return new Negotiation(id, role, consumerPid, providerPid, counterPartyId, address, position, offer, agreement, version, created,
                updated);
    }

    /** The counter-party's pid became known (its first answer). */
    public Negotiation withCounterPartyPid(String pid) {
        return role == Role.PROVIDER
                ? new Negotiation(id, role, pid, providerPid, counterPartyId, counterPartyAddress, position, offer, agreement, version, created, updated)
                : new Negotiation(id, role, consumerPid, pid, counterPartyId, counterPartyAddress, position, offer, agreement, version, created, updated);
    }
}
