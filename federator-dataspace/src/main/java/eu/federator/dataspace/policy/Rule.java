package eu.federator.dataspace.policy;

import java.util.List;

/** The rules of an ODRL policy. Rules never carry a {@code target}: it is the policy's. */
public sealed interface Rule {
    String action();

    List<Constraint> constraints();

    /** A permission to perform the action when every constraint holds, with the duties that come with it. */
    record Permission(String action, List<Constraint> constraints, List<Duty> duties) implements Rule {
        public Permission {
            constraints = List.copyOf(constraints);
            duties = List.copyOf(duties);
        }
    }

    /** The action is prohibited when every constraint holds (always, without constraints). */
    record Prohibition(String action, List<Constraint> constraints) implements Rule {
        public Prohibition {
            constraints = List.copyOf(constraints);
        }
    }

    /** An obligation to perform the action; its constraints must hold. */
    record Duty(String action, List<Constraint> constraints) implements Rule {
        public Duty {
            constraints = List.copyOf(constraints);
        }
    }
}
