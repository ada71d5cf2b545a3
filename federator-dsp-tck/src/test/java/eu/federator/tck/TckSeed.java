package eu.federator.tck;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.policy.Odrl;
import eu.federator.dataspace.policy.Policy.Agreement;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.policy.Rule.Permission;
import eu.federator.dataspace.protocol.ContractNegotiationState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The finalized agreements the transfer tests name, stored as finished negotiations: {@code ATPggnn} with Federator as
 * provider and the TCK as consumer (TP), {@code ATPCggnn} the other way round (TP_C). Their target is a catalog
 * dataset; the terms are plain use.
 */
final class TckSeed {
    private TckSeed() {
    }

    static void agreements(ContractNegotiationStore store, String self) {
        for (String test : TckIds.TP) {
            create(store, Role.PROVIDER, TckIds.agreement(test), self, TckIds.PARTICIPANT);
        }
        for (String test : TckIds.TP_C) {
            create(store, Role.CONSUMER, TckIds.consumerAgreement(test), TckIds.PARTICIPANT, self);
        }
    }

    private static void create(ContractNegotiationStore store, Role role, String agreementId, String provider, String consumer) {
        String dataset = TckIds.CATALOG_DATASETS.getFirst();
        List<Permission> use = List.of(new Permission("use", List.of(), List.of()));
        Instant now = Instant.now();
        Offer offer = new Offer(TckIds.offer(dataset), dataset, provider, consumer, List.of(), use, List.of(), List.of());
        Agreement agreement = new Agreement(agreementId, dataset, provider, consumer, now, List.of(), use, List.of(), List.of());
        String own = "urn:uuid:" + UUID.randomUUID();
        String theirs = "urn:uuid:" + UUID.randomUUID();
        boolean provides = role == Role.PROVIDER;
        Negotiation finished = new Negotiation(own, role, provides ? theirs : own, provides ? own : theirs, TckIds.PARTICIPANT, null,
                Position.at(ContractNegotiationState.FINALIZED), Odrl.write(offer).toString(), Odrl.write(agreement).toString(), 0, now, now);
        Result<Negotiation> stored = store.create(finished, List.of());
        if (!stored.succeeded()) {
            throw new IllegalStateException("cannot seed agreement " + agreementId + ": " + stored.problems());
        }
    }
}
