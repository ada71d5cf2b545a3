package eu.federator.dataspace.policy;

import jakarta.json.JsonValue;

import java.util.List;

/** An ODRL constraint: atomic (left operand, operator, right operand) or a logical combination of constraints. */
public sealed interface Constraint {

    /**
     * @param leftOperand  what is compared, e.g. {@code dateTime}, {@code gx:countryCode}
     * @param operator     kept as written: an operator the evaluator does not know is a denial with that reason, not a
     *                     parse error, so that a policy can be stored and shown even when it cannot be granted
     * @param rightOperand a string, number, boolean, value object ({@code {"@value": ..}}) or an array of those
     */
    record Atomic(String leftOperand, String operator, JsonValue rightOperand) implements Constraint {
    }

    record Logical(LogicalOperator operator, List<Constraint> constraints) implements Constraint {
        public Logical {
            constraints = List.copyOf(constraints);
        }
    }

    enum LogicalOperator {
        AND("and"), OR("or"), XONE("xone"), AND_SEQUENCE("andSequence");

        private final String term;

        LogicalOperator(String term) {
            this.term = term;
        }

        public String term() {
            return term;
        }
    }
}
