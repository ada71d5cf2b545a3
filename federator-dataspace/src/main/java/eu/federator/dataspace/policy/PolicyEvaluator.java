package eu.federator.dataspace.policy;

import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.policy.Constraint.Atomic;
import eu.federator.dataspace.policy.Constraint.Logical;
import eu.federator.dataspace.policy.Rule.Duty;
import eu.federator.dataspace.policy.Rule.Permission;
import eu.federator.dataspace.policy.Rule.Prohibition;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a requester may have what a policy offers: an access policy (may it see the offer in the catalog) or
 * a contract policy (may it agree to it). Semantics:
 * <ul>
 * <li>every permission must hold: all its constraints and the constraints of its duties;</li>
 * <li>a prohibition denies when all its constraints hold (always, when it has none);</li>
 * <li>policy-level obligations: their constraints must hold;</li>
 * <li>{@code and}/{@code andSequence} = all, {@code or} = at least one, {@code xone} = exactly one (at one moment
 *     {@code andSequence} cannot be told from {@code and});</li>
 * <li>anything that cannot be evaluated - an unknown left operand, an unsupported or unknown operator, a right operand
 *     of the wrong shape, a value that cannot be known - denies the policy with that reason, wherever it occurs (also
 *     inside an {@code or} or a prohibition): a policy is never granted because part of it was not understood.</li>
 * </ul>
 * Actions are not interpreted: every rule counts, whatever its action (as in EDC).
 */
public final class PolicyEvaluator {
    private final LeftOperands operands;

    public PolicyEvaluator(LeftOperands operands) {
        this.operands = Objects.requireNonNull(operands);
    }

    /** The three outcomes of a constraint: an undecidable one denies whatever surrounds it. */
    private enum Truth { TRUE, FALSE, UNDECIDABLE }

    private record Outcome(Truth truth, List<Problem> reasons) {
        static Outcome yes() {
            return new Outcome(Truth.TRUE, List.of());
        }

        static Outcome no(String path, String why) {
            return new Outcome(Truth.FALSE, List.of(new Problem(path, why)));
        }

        static Outcome undecidable(String path, String why) {
            return new Outcome(Truth.UNDECIDABLE, List.of(new Problem(path, why)));
        }
    }

    public PolicyDecision evaluate(Policy policy, PolicyContext context) {
        List<Problem> reasons = new ArrayList<>();
        for (int i = 0; i < policy.permissions().size(); i++) {
            Permission p = policy.permissions().get(i);
            String path = "/permission/" + i;
            Outcome o = all(p.constraints(), path + "/constraint", context);
            collect(o, reasons);
            for (int d = 0; d < p.duties().size(); d++) {
                Duty duty = p.duties().get(d);
                collect(all(duty.constraints(), path + "/duty/" + d + "/constraint", context), reasons);
            }
        }
        for (int i = 0; i < policy.prohibitions().size(); i++) {
            Prohibition p = policy.prohibitions().get(i);
            String path = "/prohibition/" + i;
            Outcome o = all(p.constraints(), path + "/constraint", context);
            switch (o.truth()) {
                case TRUE -> reasons.add(new Problem(path, p.constraints().isEmpty()
                        ? "prohibited: " + p.action() + " (unconditionally)"
                        : "prohibited: " + p.action() + ", because all its constraints hold"));
                case UNDECIDABLE -> reasons.addAll(o.reasons());
                case FALSE -> {
                }
            }
        }
        for (int i = 0; i < policy.obligations().size(); i++) {
            Duty duty = policy.obligations().get(i);
            String path = "/obligation/" + i;
            collect(all(duty.constraints(), path + "/constraint", context), reasons);
        }
        return reasons.isEmpty() ? PolicyDecision.allow() : PolicyDecision.deny(reasons);
    }

    private static void collect(Outcome o, List<Problem> reasons) {
        if (o.truth() != Truth.TRUE) {
            reasons.addAll(o.reasons());
        }
    }

    private Outcome all(List<Constraint> constraints, String path, PolicyContext context) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            outcomes.add(evaluate(constraints.get(i), path + "/" + i, context));
        }
        return and(outcomes);
    }

    private static Outcome and(List<Outcome> outcomes) {
        List<Problem> undecidable = reasons(outcomes, Truth.UNDECIDABLE);
        if (!undecidable.isEmpty()) {
            return new Outcome(Truth.UNDECIDABLE, undecidable);
        }
        List<Problem> failed = reasons(outcomes, Truth.FALSE);
        return failed.isEmpty() ? Outcome.yes() : new Outcome(Truth.FALSE, failed);
    }

    private static List<Problem> reasons(List<Outcome> outcomes, Truth truth) {
        return outcomes.stream().filter(o -> o.truth() == truth).flatMap(o -> o.reasons().stream()).toList();
    }

    private Outcome evaluate(Constraint constraint, String path, PolicyContext context) {
        return switch (constraint) {
            case Atomic a -> atomic(a, path, context);
            case Logical l -> logical(l, path, context);
        };
    }

    private Outcome logical(Logical l, String path, PolicyContext context) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < l.constraints().size(); i++) {
            outcomes.add(evaluate(l.constraints().get(i), path + "/" + l.operator().term() + "/" + i, context));
        }
        List<Problem> undecidable = reasons(outcomes, Truth.UNDECIDABLE);
        if (!undecidable.isEmpty()) {
            return new Outcome(Truth.UNDECIDABLE, undecidable);
        }
        long holding = outcomes.stream().filter(o -> o.truth() == Truth.TRUE).count();
        return switch (l.operator()) {
            case AND, AND_SEQUENCE -> and(outcomes);
            case OR -> holding > 0 ? Outcome.yes() : new Outcome(Truth.FALSE, withSummary(path,
                    "none of the " + outcomes.size() + " alternatives (or) holds", reasons(outcomes, Truth.FALSE)));
            case XONE -> holding == 1 ? Outcome.yes() : holding == 0
                    ? new Outcome(Truth.FALSE, withSummary(path, "none of the " + outcomes.size() + " alternatives (xone) holds",
                    reasons(outcomes, Truth.FALSE)))
                    : Outcome.no(path, holding + " of the " + outcomes.size() + " alternatives (xone) hold, exactly one must");
        };
    }

    private static List<Problem> withSummary(String path, String summary, List<Problem> details) {
        List<Problem> all = new ArrayList<>();
        all.add(new Problem(path, summary));
        all.addAll(details);
        return all;
    }

    private Outcome atomic(Atomic a, String path, PolicyContext context) {
        var function = operands.get(a.leftOperand());
        if (function.isEmpty()) {
            return Outcome.undecidable(path, "unknown left operand \"" + a.leftOperand() + "\": this evaluator knows "
                    + operands.names());
        }
        Operator operator = Operator.of(a.operator());
        if (operator == null) {
            return Outcome.undecidable(path, "unknown operator \"" + a.operator() + "\": supported are " + Operator.supported());
        }
        if (!operator.supported) {
            return Outcome.undecidable(path, "operator \"" + a.operator() + "\" is not supported by this evaluator: supported are "
                    + Operator.supported());
        }
        Result<List<String>> left = function.get().values(context);
        if (!left.succeeded()) {
            return new Outcome(Truth.UNDECIDABLE, left.problems().stream().map(p -> new Problem(path, p.message())).toList());
        }
        List<String> values = left.value();
        List<String> right = new ArrayList<>();
        for (JsonValue v : a.rightOperand().getValueType() == JsonValue.ValueType.ARRAY ? a.rightOperand().asJsonArray()
                : List.of(a.rightOperand())) {
            String s = scalar(v);
            if (s == null) {
                return Outcome.undecidable(path, "right operand " + v + " is not a string, number, boolean or value object");
            }
            right.add(s);
        }
        boolean list = a.rightOperand().getValueType() == JsonValue.ValueType.ARRAY;
        String subject = a.leftOperand() + " is " + (values.isEmpty() ? "(none)" : values.size() == 1 ? values.getFirst() : values);
        String expected = "required " + a.operator() + " " + (list ? right : right.getFirst());
        if (operator.single && list) {
            return Outcome.undecidable(path, "operator " + a.operator() + " needs a single right operand, not a list");
        }
        Integer cmp = null;
        if (operator.ordering() && values.size() == 1) {
            cmp = compare(values.getFirst(), right.getFirst());
            if (cmp == null) {
                return Outcome.undecidable(path, "cannot compare " + a.leftOperand() + " value \"" + values.getFirst()
                        + "\" with \"" + right.getFirst() + "\": both must be numbers or both date-times with a time zone");
            }
        }
        boolean holds = switch (operator) {
            case EQ -> values.contains(right.getFirst());
            case NEQ -> !values.contains(right.getFirst());
            case IN, IS_ANY_OF -> values.stream().anyMatch(right::contains);
            case IS_ALL_OF -> values.containsAll(right);
            case IS_NONE_OF -> values.stream().noneMatch(right::contains);
            case GT -> cmp != null && cmp > 0;
            case GTEQ -> cmp != null && cmp >= 0;
            case LT -> cmp != null && cmp < 0;
            case LTEQ -> cmp != null && cmp <= 0;
            default -> throw new IllegalStateException("unsupported operator passed the check: " + operator);
        };
        if (!holds && operator.ordering() && values.size() != 1) {
            return Outcome.no(path, subject + ": " + a.operator() + " compares exactly one value");
        }
        return holds ? Outcome.yes() : Outcome.no(path, subject + ", " + expected);
    }

    private static String scalar(JsonValue v) {
        return switch (v) {
            case JsonString s -> s.getString();
            case JsonNumber n -> n.bigDecimalValue().toPlainString();
            case JsonObject o when o.get("@value") != null && o.get("@value").getValueType() != JsonValue.ValueType.OBJECT
                    && o.get("@value").getValueType() != JsonValue.ValueType.ARRAY -> scalar(o.get("@value"));
            case JsonObject o when o.get("@id") instanceof JsonString id -> id.getString();
            default -> v == JsonValue.TRUE ? "true" : v == JsonValue.FALSE ? "false" : null;
        };
    }

    private static Integer compare(String left, String right) {
        try {
            return new BigDecimal(left).compareTo(new BigDecimal(right));
        } catch (NumberFormatException notNumbers) {
            try {
                return OffsetDateTime.parse(left).toInstant().compareTo(OffsetDateTime.parse(right).toInstant());
            } catch (DateTimeParseException notDates) {
                return null;
            }
        }
    }

    /** ODRL operators; the ones DSP lists but this evaluator cannot decide are known but unsupported. */
    private enum Operator {
        EQ("eq", true, true), NEQ("neq", true, true), GT("gt", true, true), GTEQ("gteq", true, true), LT("lt", true, true),
        LTEQ("lteq", true, true), IN("in", true, false), IS_ANY_OF("isAnyOf", true, false), IS_ALL_OF("isAllOf", true, false),
        IS_NONE_OF("isNoneOf", true, false), HAS_PART("hasPart", false, false), IS_A("isA", false, false),
        IS_PART_OF("isPartOf", false, false), TERM_LTEQ("term-lteq", false, false);

        final String term;
        final boolean supported;
        final boolean single;

        Operator(String term, boolean supported, boolean single) {
            this.term = term;
            this.supported = supported;
            this.single = single;
        }

        boolean ordering() {
            return this == GT || this == GTEQ || this == LT || this == LTEQ;
        }

        static Operator of(String term) {
            String local = term.startsWith("odrl:") ? term.substring(5)
                    : term.startsWith("http://www.w3.org/ns/odrl/2/") ? term.substring(28) : term;
            for (Operator o : values()) {
                if (o.term.equals(local)) {
                    return o;
                }
            }
            return null;
        }

        static List<String> supported() {
            return java.util.Arrays.stream(values()).filter(o -> o.supported).map(o -> o.term).toList();
        }
    }
}
