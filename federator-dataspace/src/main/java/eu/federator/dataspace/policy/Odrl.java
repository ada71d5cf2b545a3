package eu.federator.dataspace.policy;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.internal.Node;
import eu.federator.dataspace.policy.Constraint.Atomic;
import eu.federator.dataspace.policy.Constraint.Logical;
import eu.federator.dataspace.policy.Constraint.LogicalOperator;
import eu.federator.dataspace.policy.Policy.Agreement;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.policy.Rule.Duty;
import eu.federator.dataspace.policy.Rule.Permission;
import eu.federator.dataspace.policy.Rule.Prohibition;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * ODRL policies in the compacted form of the DSP 2025-1 context ({@code permission}, {@code constraint},
 * {@code leftOperand}, ...). Policies are read strictly: a property this reader does not know is refused, because
 * skipping a term (a refinement, a unit, a remedy) could make a policy grant more than its author meant.
 */
public final class Odrl {
    private static final String STRICT = "policies are read strictly, an ignored term could loosen the policy";

    private Odrl() {
    }

    /** Where an offer appears, which decides whether it carries a {@code target}. */
    public enum OfferPlace {
        /** in a catalog's dataset: {@code target} is forbidden (the dataset is the target) */
        CATALOG,
        /** in a contract request or offer message: {@code target} is required */
        MESSAGE
    }

    // ================================================================================================ reading

    public static Offer readOffer(Node node, OfferPlace place) {
        node.type("Offer", "odrl:Offer");
        String id = node.requiredString("@id");
        String target = node.optionalString("target");
        if (place == OfferPlace.CATALOG && node.has("target")) {
            node.problem("target", "an offer inside a catalog must not carry a target: the enclosing dataset is the target");
        } else if (place == OfferPlace.MESSAGE && target == null && !node.has("target")) {
            node.problem("target", "missing: an offer in a contract message must name its dataset as target");
        }
        String assigner = node.optionalString("assigner");
        String assignee = node.optionalString("assignee");
        List<String> profile = node.strings("profile");
        Rules rules = rules(node);
        node.refuseUnread(STRICT);
        if (rules.permissions.isEmpty() && rules.prohibitions.isEmpty() && !node.has("permission") && !node.has("prohibition")) {
            node.problem(null, "an offer needs at least one permission or prohibition");
        }
        return new Offer(id, place == OfferPlace.CATALOG ? null : target, assigner, assignee, profile, rules.permissions,
                rules.prohibitions, rules.obligations);
    }

    public static Agreement readAgreement(Node node) {
        node.type("Agreement", "odrl:Agreement");
        String id = node.requiredString("@id");
        String target = node.requiredString("target");
        String assigner = node.requiredString("assigner");
        String assignee = node.requiredString("assignee");
        String stamp = node.requiredString("timestamp");
        Instant timestamp = null;
        if (stamp != null) {
            try {
                timestamp = OffsetDateTime.parse(stamp).toInstant();
            } catch (DateTimeParseException e) {
                node.problem("timestamp", "\"" + stamp + "\" is not an xsd:dateTime with a time zone, e.g. 2025-01-31T12:00:00Z");
            }
        }
        List<String> profile = node.strings("profile");
        Rules rules = rules(node);
        node.refuseUnread(STRICT);
        return new Agreement(id, target, assigner, assignee, timestamp, profile, rules.permissions, rules.prohibitions,
                rules.obligations);
    }

    private record Rules(List<Permission> permissions, List<Prohibition> prohibitions, List<Duty> obligations) {
    }

    private static Rules rules(Node node) {
        List<Permission> permissions = new ArrayList<>();
        for (Node n : node.objects("permission")) {
            String action = action(n);
            List<Constraint> constraints = constraints(n, "constraint");
            List<Duty> duties = n.objects("duty").stream().map(Odrl::duty).toList();
            n.refuseUnread(STRICT);
            permissions.add(new Permission(action, constraints, duties));
        }
        List<Prohibition> prohibitions = new ArrayList<>();
        for (Node n : node.objects("prohibition")) {
            String action = action(n);
            List<Constraint> constraints = constraints(n, "constraint");
            n.refuseUnread(STRICT);
            prohibitions.add(new Prohibition(action, constraints));
        }
        List<Duty> obligations = node.objects("obligation").stream().map(Odrl::duty).toList();
        return new Rules(permissions, prohibitions, obligations);
    }

    private static Duty duty(Node n) {
        String action = action(n);
        List<Constraint> constraints = constraints(n, "constraint");
        n.refuseUnread(STRICT);
        return new Duty(action, constraints);
    }

    private static String action(Node n) {
        n.has("@id");
        n.has("@type");
        if (n.has("action") && n.json().get("action").getValueType() == JsonValue.ValueType.OBJECT) {
            n.problem("action", "is an object (an action with a refinement), which this profile does not support: use a "
                    + "string such as \"use\" and constraints on the rule");
            return null;
        }
        return n.requiredString("action");
    }

    private static List<Constraint> constraints(Node n, String key) {
        List<Constraint> constraints = new ArrayList<>();
        for (Node c : n.objects(key)) {
            Constraint constraint = constraint(c);
            if (constraint != null) {
                constraints.add(constraint);
            }
        }
        return constraints;
    }

    private static Constraint constraint(Node c) {
        c.has("@id");
        c.has("@type");
        List<LogicalOperator> logical = new ArrayList<>();
        for (LogicalOperator op : LogicalOperator.values()) {
            if (c.json().containsKey(op.term())) {
                logical.add(op);
            }
        }
        if (logical.size() > 1) {
            c.problem(null, "a logical constraint has exactly one of and, or, xone, andSequence; found " + logical.stream()
                    .map(LogicalOperator::term).toList());
            return null;
        }
        if (logical.size() == 1) {
            LogicalOperator op = logical.getFirst();
            if (c.json().get(op.term()).getValueType() != JsonValue.ValueType.ARRAY) {
                c.problem(op.term(), "is " + Node.describe(c.json().get(op.term())) + ", expected an array of constraints");
                c.has(op.term());
                c.refuseUnread(STRICT);
                return null;
            }
            List<Constraint> operands = constraints(c, op.term());
            if (operands.isEmpty() && c.json().getJsonArray(op.term()).isEmpty()) {
                c.problem(op.term(), "is empty: a logical constraint needs at least one operand");
            }
            c.refuseUnread(STRICT);
            return new Logical(op, operands);
        }
        String left = c.requiredString("leftOperand");
        String operator = c.requiredString("operator");
        JsonValue right = null;
        if (!c.has("rightOperand")) {
            c.problem("rightOperand", "missing: a constraint compares its left operand with a right operand");
        } else {
            right = c.json().get("rightOperand");
            checkRightOperand(c, right);
        }
        c.refuseUnread(STRICT);
        return left == null || operator == null || right == null ? null : new Atomic(left, operator, right);
    }

    private static void checkRightOperand(Node c, JsonValue right) {
        switch (right.getValueType()) {
            case STRING, NUMBER, TRUE, FALSE -> {
            }
            case OBJECT -> {
                if (!right.asJsonObject().containsKey("@value") && !right.asJsonObject().containsKey("@id")) {
                    c.problem("rightOperand", "is an object without @value or @id");
                }
            }
            case ARRAY -> {
                for (JsonValue v : right.asJsonArray()) {
                    if (v.getValueType() == JsonValue.ValueType.ARRAY || v.getValueType() == JsonValue.ValueType.NULL) {
                        c.problem("rightOperand", "contains " + Node.describe(v) + ": expected strings, numbers, booleans or value objects");
                    }
                }
            }
            case NULL -> c.problem("rightOperand", "is null");
        }
    }

    // ================================================================================================ writing

    public static JsonObject write(Policy policy) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder()
                .add("@id", policy.id())
                .add("@type", policy instanceof Agreement ? "Agreement" : "Offer");
        if (policy.target() != null) {
            b.add("target", policy.target());
        }
        switch (policy) {
            case Offer o -> {
                addIf(b, "assigner", o.assigner());
                addIf(b, "assignee", o.assignee());
            }
            case Agreement a -> {
                b.add("assigner", a.assigner()).add("assignee", a.assignee()).add("timestamp", a.timestamp().toString());
            }
        }
        if (policy.profile().size() == 1) {
            b.add("profile", policy.profile().getFirst());
        } else if (!policy.profile().isEmpty()) {
            b.add("profile", Json.provider().createArrayBuilder(policy.profile()));
        }
        if (!policy.permissions().isEmpty()) {
            JsonArrayBuilder a = Json.provider().createArrayBuilder();
            for (Permission p : policy.permissions()) {
                JsonObjectBuilder r = rule(p);
                if (!p.duties().isEmpty()) {
                    JsonArrayBuilder d = Json.provider().createArrayBuilder();
                    p.duties().forEach(duty -> d.add(rule(duty)));
                    r.add("duty", d);
                }
                a.add(r);
            }
            b.add("permission", a);
        }
        if (!policy.prohibitions().isEmpty()) {
            JsonArrayBuilder a = Json.provider().createArrayBuilder();
            policy.prohibitions().forEach(p -> a.add(rule(p)));
            b.add("prohibition", a);
        }
        if (!policy.obligations().isEmpty()) {
            JsonArrayBuilder a = Json.provider().createArrayBuilder();
            policy.obligations().forEach(p -> a.add(rule(p)));
            b.add("obligation", a);
        }
        return b.build();
    }

    private static JsonObjectBuilder rule(Rule rule) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder().add("action", rule.action());
        if (!rule.constraints().isEmpty()) {
            b.add("constraint", constraints(rule.constraints()));
        }
        return b;
    }

    private static JsonArrayBuilder constraints(List<Constraint> constraints) {
        JsonArrayBuilder a = Json.provider().createArrayBuilder();
        for (Constraint c : constraints) {
            a.add(switch (c) {
                case Atomic at -> Json.provider().createObjectBuilder().add("leftOperand", at.leftOperand())
                        .add("operator", at.operator()).add("rightOperand", at.rightOperand());
                case Logical l -> Json.provider().createObjectBuilder().add(l.operator().term(), constraints(l.constraints()));
            });
        }
        return a;
    }

    private static void addIf(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
