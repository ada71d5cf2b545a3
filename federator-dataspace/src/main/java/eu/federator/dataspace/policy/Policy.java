package eu.federator.dataspace.policy;

import eu.federator.dataspace.policy.Rule.Duty;
import eu.federator.dataspace.policy.Rule.Permission;
import eu.federator.dataspace.policy.Rule.Prohibition;

import java.time.Instant;
import java.util.List;

/** An ODRL policy as DSP 2025-1 exchanges it: an {@link Offer} or an {@link Agreement}. */
public sealed interface Policy {
    String id();

    /** The dataset the policy is about; null for an offer inside a catalog (the enclosing dataset is implied). */
    String target();

    List<String> profile();

    List<Permission> permissions();

    List<Prohibition> prohibitions();

    List<Duty> obligations();

    /**
     * An offer. In a catalog it has no {@code target}; in a contract request or offer message it has one.
     *
     * @param assigner optional: the provider's participant id
     * @param assignee optional: the consumer's participant id
     */
    record Offer(String id, String target, String assigner, String assignee, List<String> profile, List<Permission> permissions,
                 List<Prohibition> prohibitions, List<Duty> obligations) implements Policy {
        public Offer {
            profile = List.copyOf(profile);
            permissions = List.copyOf(permissions);
            prohibitions = List.copyOf(prohibitions);
            obligations = List.copyOf(obligations);
        }

        /** The same offer about {@code target} (a catalog offer as a contract request sends it back). */
        public Offer withTarget(String target) {
            return new Offer(id, target, assigner, assignee, profile, permissions, prohibitions, obligations);
        }
    }

    /** An agreement: target, assigner (provider), assignee (consumer) and timestamp are required by DSP. */
    record Agreement(String id, String target, String assigner, String assignee, Instant timestamp, List<String> profile,
                     List<Permission> permissions, List<Prohibition> prohibitions, List<Duty> obligations) implements Policy {
        public Agreement {
            profile = List.copyOf(profile);
            permissions = List.copyOf(permissions);
            prohibitions = List.copyOf(prohibitions);
            obligations = List.copyOf(obligations);
        }
    }
}
