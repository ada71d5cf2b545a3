package eu.federator.server.dataspace;

import eu.federator.dataspace.Role;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.negotiation.NegotiationDecision;
import eu.federator.dataspace.negotiation.NegotiationDecisions;
import eu.federator.dataspace.negotiation.NegotiationMessage;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.policy.Odrl;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.policy.PolicyContext;
import eu.federator.dataspace.policy.PolicyDecision;
import eu.federator.dataspace.policy.PolicyEvaluator;
import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.DspMessage.Dataset;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferDecision;
import eu.federator.dataspace.transfer.TransferDecisions;
import eu.federator.dataspace.transfer.TransferMessage;
import eu.federator.dataspace.protocol.TransferProcessState;
import jakarta.json.JsonObject;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Federator's automatic decisions. As provider: a request is agreed when its offer is one of the catalog's offers for
 * the dataset, unchanged, visible to the requester, and its contract policy allows the requester's verified credentials
 * — otherwise terminated with the reasons; verification is followed by finalization; a requested transfer is started.
 * As consumer: offers are accepted and agreements verified (the consumer asked for them); transfers wait for the user.
 */
public final class DefaultDecisions implements NegotiationDecisions, TransferDecisions {
    private final DspCatalog catalog;
    private final PolicyEvaluator evaluator;
    private final Supplier<String> endpoint;
    private final Clock clock;

    public DefaultDecisions(DspCatalog catalog, PolicyEvaluator evaluator, Supplier<String> endpoint, Clock clock) {
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public Optional<NegotiationDecision> next(Negotiation n, Optional<Requester> counterParty) {
        ContractNegotiationState state = n.position().state();
        if (n.role() == Role.CONSUMER) {
            return switch (state) {
                case OFFERED -> Optional.of(NegotiationDecision.send(NegotiationMessage.ACCEPTED));
                case AGREED -> Optional.of(NegotiationDecision.send(NegotiationMessage.VERIFICATION));
                case null, default -> Optional.empty();
            };
        }
        return switch (state) {
            case REQUESTED -> Optional.of(judge(n, counterParty.orElse(new Requester(n.counterPartyId(), java.util.List.of()))));
            case ACCEPTED -> Optional.of(NegotiationDecision.send(NegotiationMessage.AGREEMENT));
            case VERIFIED -> Optional.of(NegotiationDecision.send(NegotiationMessage.FINALIZED));
            case null, default -> Optional.empty();
        };
    }

    private NegotiationDecision judge(Negotiation n, Requester requester) {
        JsonObject requested = NegotiationService.stored(n.offer());
        String target = requested.getString("target", null);
        String offerId = requested.getString("@id", null);
        Optional<Dataset> dataset = catalog.dataset(requester, endpoint.get(), target);
        if (dataset.isEmpty()) {
            return NegotiationDecision.terminate("dataset " + target + " is not offered to " + requester.participantId());
        }
        Optional<Offer> offered = dataset.get().hasPolicy().stream().filter(o -> o.id().equals(offerId)).findFirst();
        if (offered.isEmpty()) {
            return NegotiationDecision.terminate("offer " + offerId + " is not an offer of dataset " + target + "; offers: "
                    + dataset.get().hasPolicy().stream().map(Offer::id).toList());
        }
        if (!rules(Odrl.write(offered.get())).equals(rules(requested))) {
            return NegotiationDecision.terminate("the requested rules differ from offer " + offerId + ": request the offer as the catalog "
                    + "lists it (counter-offers are not accepted)");
        }
        PolicyDecision decision = evaluator.evaluate(offered.get().withTarget(target), new PolicyContext(requester, clock.instant()));
        if (!decision.allowed()) {
            return NegotiationDecision.terminate("the contract policy of offer " + offerId + " does not allow " + requester.participantId() + ": "
                    + decision.reasons().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        return NegotiationDecision.send(NegotiationMessage.AGREEMENT);
    }

    /** The parts of an offer that are its terms (not its id, target or parties). */
    private static JsonObject rules(JsonObject offer) {
        var b = eu.federator.credentials.json.Json.provider().createObjectBuilder();
        for (String key : new String[]{"permission", "prohibition", "obligation", "profile"}) {
            if (offer.containsKey(key)) {
                b.add(key, offer.get(key));
            }
        }
        return b.build();
    }

    @Override
    public Optional<TransferDecision> next(Transfer t, Optional<Requester> counterParty) {
        if (t.role() == Role.PROVIDER && t.position().state() == TransferProcessState.REQUESTED) {
            return Optional.of(TransferDecision.send(TransferMessage.START));
        }
        return Optional.empty();
    }

}
