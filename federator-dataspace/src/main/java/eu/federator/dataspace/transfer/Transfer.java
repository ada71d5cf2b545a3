package eu.federator.dataspace.transfer;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.protocol.TransferProcessState;

import java.time.Instant;
import java.util.Objects;

/**
 * A transfer process as this side keeps it.
 *
 * @param id          this side's process id: the providerPid as provider, the consumerPid as consumer
 * @param format      the distribution format, e.g. {@code HttpData-PULL}
 * @param dataAddress the DataAddress JSON (push: from the request; pull: from the start message); null when none
 */
public record Transfer(String id, Role role, String consumerPid, String providerPid, String agreementId, String format,
                       String counterPartyId, String counterPartyAddress, Position<TransferProcessState> position, String dataAddress,
                       long version, Instant created, Instant updated) {

    public Transfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(counterPartyId, "counterPartyId");
        Objects.requireNonNull(position, "position");
        if (!id.equals(role == Role.PROVIDER ? providerPid : consumerPid)) {
            throw new IllegalArgumentException("a " + role + "'s transfer id is its own pid: " + id);
        }
    }

    public Transfer with(Position<TransferProcessState> next, Instant now) {
        return new Transfer(id, role, consumerPid, providerPid, agreementId, format, counterPartyId, counterPartyAddress, next, dataAddress,
                version, created, now);
    }

    /** The counter-party's pid became known (its first answer). */
    public Transfer withCounterPartyPid(String pid) {
        return role == Role.PROVIDER
                ? new Transfer(id, role, pid, providerPid, agreementId, format, counterPartyId, counterPartyAddress, position, dataAddress,
                version, created, updated)
                : new Transfer(id, role, consumerPid, pid, agreementId, format, counterPartyId, counterPartyAddress, position, dataAddress,
                version, created, updated);
    }

    public Transfer withDataAddress(String json) {
        return new Transfer(id, role, consumerPid, providerPid, agreementId, format, counterPartyId, counterPartyAddress, position, json,
                version, created, updated);
    }
}
