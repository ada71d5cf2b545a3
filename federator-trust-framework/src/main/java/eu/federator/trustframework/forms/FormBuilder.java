package eu.federator.trustframework.forms;

import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.forms.Field.Choice;
import eu.federator.trustframework.forms.Field.Kind;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.engine.TargetType;
import org.apache.jena.shacl.engine.constraint.ClassConstraint;
import org.apache.jena.shacl.engine.constraint.DatatypeConstraint;
import org.apache.jena.shacl.engine.constraint.HasValueConstraint;
import org.apache.jena.shacl.engine.constraint.InConstraint;
import org.apache.jena.shacl.engine.constraint.MaxCount;
import org.apache.jena.shacl.engine.constraint.MinCount;
import org.apache.jena.shacl.engine.constraint.NodeKindConstraint;
import org.apache.jena.shacl.engine.constraint.PatternConstraint;
import org.apache.jena.shacl.engine.constraint.ShAnd;
import org.apache.jena.shacl.engine.constraint.ShNode;
import org.apache.jena.shacl.engine.constraint.ShNot;
import org.apache.jena.shacl.engine.constraint.ShOr;
import org.apache.jena.shacl.engine.constraint.ShXone;
import org.apache.jena.shacl.engine.constraint.StrMaxLengthConstraint;
import org.apache.jena.shacl.engine.constraint.StrMinLengthConstraint;
import org.apache.jena.shacl.engine.constraint.ValueMaxExclusiveConstraint;
import org.apache.jena.shacl.engine.constraint.ValueMaxInclusiveConstraint;
import org.apache.jena.shacl.engine.constraint.ValueMinExclusiveConstraint;
import org.apache.jena.shacl.engine.constraint.ValueMinInclusiveConstraint;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.PropertyShape;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.vocabulary.RDFS;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link Form}s from the compiled shapes of one version (Jena's SHACL model for the constraints, the shapes
 * graph for the non-validating annotations sh:name, sh:description, sh:order, sh:group, sh:message,
 * sh:defaultValue, which Jena does not keep).
 */
final class FormBuilder {

    static final String SH = "http://www.w3.org/ns/shacl#";
    static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    /**
     * Classes whose instances are credential subjects of their own (participants, offerings, resources, registration
     * numbers, issuers): a property pointing at one is an IRI reference, never an embedded form. Matched by local name
     * (Tagus and Loire use different namespaces) and through the ontology's subclass facts.
     */
    static final Set<String> REFERENCE_CLASSES = Set.of("GaiaXEntity", "Participant", "LegalPerson", "LegalParticipant",
            "ServiceOffering", "Resource", "DataResource", "PhysicalResource", "VirtualResource", "SoftwareResource",
            "InstantiatedVirtualResource", "DigitalServiceOffering", "DataProduct", "RegistrationNumber",
            "legalRegistrationNumber", "Issuer");

    private static final Set<String> INTEGERS = Set.of("integer", "int", "long", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
            "unsignedByte");

    private final TrustFrameworkBundle bundle;
    private final Shapes shapes;
    private final Graph graph;
    private final Terms terms;
    private final int maxDepth;
    private final Map<String, List<Shape>> shapesByClass = new HashMap<>();

    FormBuilder(TrustFrameworkBundle bundle, Terms terms, int maxDepth) {
        this.bundle = bundle;
        this.shapes = bundle.shapes();
        this.graph = bundle.shapesGraph();
        this.terms = terms;
        this.maxDepth = maxDepth;
        for (Shape shape : shapes.getTargetShapes()) {
            if (shape.isNodeShape()) {
                shape.getTargets().stream().filter(t -> t.getTargetType() == TargetType.targetClass && t.getObject().isURI())
                        .forEach(t -> shapesByClass.computeIfAbsent(t.getObject().getURI(), k -> new ArrayList<>()).add(shape));
            }
        }
    }

    /**
     * The node shapes that target a class, the version's own ({@code <class>Shape}) first: an ecosystem extension may
     * add a second shape for the same class, and the form shows the fields of all of them.
     */
    List<Shape> shapesForClass(String classIri) {
        List<Shape> found = new ArrayList<>(shapesByClass.getOrDefault(classIri, List.of()));
        found.sort(Comparator.comparing((Shape s) -> !s.getShapeNode().isURI() || !s.getShapeNode().getURI().equals(classIri + "Shape"))
                .thenComparing(s -> s.getShapeNode().toString()));
        return found;
    }

    private Shape primaryShape(String classIri) {
        List<Shape> found = shapesForClass(classIri);
        return found.isEmpty() ? null : found.getFirst();
    }

    Optional<Shape> shape(String shapeIri) {
        Shape shape = shapes.getShape(NodeFactory.createURI(shapeIri));
        return shape != null && shape.isNodeShape() ? Optional.of(shape) : Optional.empty();
    }

    Form build(Shape nodeShape) {
        return form(nodeShape, List.of(), new ArrayDeque<>(), 0);
    }

    /** The form of a class: its primary shape's, with the fields of every other shape targeting the class added. */
    Form buildForClass(String classIri) {
        List<Shape> found = shapesForClass(classIri);
        return form(found.getFirst(), found.subList(1, found.size()), new ArrayDeque<>(), 0);
    }

    // ------------------------------------------------------------------------------------------------ forms

    private Form form(Shape nodeShape, List<Shape> more, Deque<Node> stack, int depth) {
        Node node = nodeShape.getShapeNode();
        stack.push(node);
        List<String> notes = new ArrayList<>();
        Map<String, List<PropertyShape>> byPath = new LinkedHashMap<>();
        Set<Node> seen = new LinkedHashSet<>();
        collect(nodeShape, byPath, notes, seen);
        more.forEach(s -> collect(s, byPath, notes, seen));
        Map<String, Long> localCount = new HashMap<>();
        byPath.keySet().forEach(p -> localCount.merge(localKey(p), 1L, Long::sum));
        List<Field> fields = new ArrayList<>();
        byPath.forEach((path, propertyShapes) -> {
            String key = localCount.get(localKey(path)) > 1 ? prefixKey(path) : localKey(path);
            fields.add(field(key, path, propertyShapes, stack, depth, notes));
        });
        fields.sort(Comparator.comparingDouble(Field::groupOrder).thenComparing(f -> f.group() == null ? "" : f.group())
                .thenComparingDouble(Field::order).thenComparing(Field::key));
        stack.pop();
        String targetClass = nodeShape.getTargets().stream().filter(t -> t.getTargetType() == TargetType.targetClass
                && t.getObject().isURI()).map(t -> t.getObject().getURI()).findFirst().orElse(null);
        String title = literal(node, SH + "name").or(() -> Optional.ofNullable(targetClass).flatMap(c -> literal(uri(c), RDFS.label.getURI())))
                .orElseGet(() -> words(TrustFrameworkBundle.localName(targetClass != null ? targetClass
                        : node.isURI() ? node.getURI().replaceFirst("Shape$", "") : "form")));
        String help = literal(node, SH + "description").or(() -> literal(node, RDFS.comment.getURI())).orElse(null);
        return new Form(node.isURI() ? node.getURI() : "_:" + node.getBlankNodeLabel(), targetClass, title, help, fields, notes);
    }

    /** The property shapes of a node shape, including those of node shapes it requires with sh:node / sh:and. */
    private void collect(Shape shape, Map<String, List<PropertyShape>> byPath, List<String> notes, Set<Node> seen) {
        if (!seen.add(shape.getShapeNode())) {
            return;
        }
        for (PropertyShape p : shape.getPropertyShapes()) {
            if (p.getPath() instanceof P_Link link && link.getNode().isURI()) {
                byPath.computeIfAbsent(link.getNode().getURI(), k -> new ArrayList<>()).add(p);
            } else {
                notes.add("the property path " + p.getPath() + " is not offered as a field (only single properties are)");
            }
        }
        for (Constraint c : shape.getConstraints()) {
            if (c instanceof ShNode n) {
                collect(n.getOther(), byPath, notes, seen);
            } else if (c instanceof ShAnd and) {
                and.getOthers().forEach(o -> collect(o, byPath, notes, seen));
            } else if (c instanceof ShOr || c instanceof ShXone || c instanceof ShNot) {
                notes.add(describe(c));
            }
        }
    }

    private String describe(Constraint c) {
        String what = c instanceof ShOr ? "at least one" : c instanceof ShXone ? "exactly one" : "none";
        String text = c.toString().replaceAll("\\s+", " ");
        return "the values must satisfy " + what + " of these alternatives (checked when you submit): "
                + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    // ------------------------------------------------------------------------------------------------ fields

    /** What the constraints of one property say, merged over every property shape with that path. */
    private static final class Spec {
        int minCount;
        Integer maxCount;
        String datatype;
        final Set<String> datatypes = new LinkedHashSet<>();
        final List<String> classes = new ArrayList<>();
        final List<Shape> nodes = new ArrayList<>();
        List<Node> choices;
        String pattern;
        String flags;
        Integer minLength;
        Integer maxLength;
        String minInclusive;
        String maxInclusive;
        String minExclusive;
        String maxExclusive;
        boolean iriOnly;
        boolean literalOnly;
    }

    private Field field(String key, String path, List<PropertyShape> propertyShapes, Deque<Node> stack, int depth, List<String> notes) {
        Spec spec = new Spec();
        for (PropertyShape p : propertyShapes) {
            for (Constraint c : p.getConstraints()) {
                apply(c, spec, key, notes);
            }
        }
        Node first = propertyShapes.getFirst().getShapeNode();
        String label = capitalized(annotation(propertyShapes, SH + "name").or(() -> literal(uri(path), RDFS.label.getURI()))
                .orElseGet(() -> words(TrustFrameworkBundle.localName(path))));
        String help = annotation(propertyShapes, SH + "description").or(() -> annotation(propertyShapes, RDFS.comment.getURI()))
                .or(() -> literal(uri(path), RDFS.comment.getURI())).orElse(null);
        double order = number(first, SH + "order").orElse(Double.MAX_VALUE);
        String group = null;
        double groupOrder = Double.MAX_VALUE;
        Node groupNode = object(first, SH + "group");
        if (groupNode != null) {
            group = literal(groupNode, RDFS.label.getURI()).orElseGet(() -> groupNode.isURI()
                    ? words(TrustFrameworkBundle.localName(groupNode.getURI())) : "Other");
            groupOrder = number(groupNode, SH + "order").orElse(Double.MAX_VALUE - 1);
        }
        String message = annotation(propertyShapes, SH + "message").orElse(null);
        Node defaultNode = object(first, SH + "defaultValue");
        String defaultValue = defaultNode == null ? null : defaultNode.isLiteral() ? defaultNode.getLiteralLexicalForm()
                : defaultNode.isURI() ? defaultNode.getURI() : null;

        List<Choice> choices = spec.choices == null ? List.of() : spec.choices.stream().map(this::choice).toList();
        Kind kind;
        Form nested = null;
        String classIri = spec.classes.size() == 1 ? spec.classes.getFirst() : null;
        String datatype = null;
        if (!choices.isEmpty()) {
            kind = Kind.CHOICE;
        } else if (!spec.nodes.isEmpty() || !spec.classes.isEmpty()) {
            Shape target = spec.nodes.size() == 1 && spec.classes.size() <= 1 ? spec.nodes.getFirst()
                    : spec.nodes.isEmpty() && classIri != null ? primaryShape(classIri) : null;
            String targetClass = target == null ? classIri : target.getTargets().stream()
                    .filter(t -> t.getTargetType() == TargetType.targetClass && t.getObject().isURI())
                    .map(t -> t.getObject().getURI()).findFirst().orElse(classIri);
            boolean reference = target == null || spec.iriOnly || (targetClass != null && isReference(targetClass))
                    || (target.getShapeNode().isURI() && isReference(target.getShapeNode().getURI().replaceFirst("Shape$", "")))
                    || (target.getPropertyShapes().isEmpty() && target.getConstraints().isEmpty()) // nothing to fill in
                    || stack.contains(target.getShapeNode()) || depth + 1 > maxDepth;
            if (reference) {
                kind = Kind.IRI;
                if (classIri == null) {
                    classIri = targetClass;
                }
            } else {
                kind = Kind.NESTED;
                List<Shape> more = spec.nodes.isEmpty() ? shapesForClass(classIri).stream().filter(s -> s != target).toList() : List.of();
                nested = form(target, more, stack, depth + 1);
            }
        } else if (spec.datatype != null) {
            datatype = spec.datatype;
            kind = kindOf(datatype);
        } else if (spec.iriOnly) {
            kind = Kind.IRI;
        } else {
            kind = Kind.TEXT;
            if (!spec.literalOnly && spec.datatypes.isEmpty()) {
                datatype = XSD + "string";
            }
        }
        if (kind == Kind.TEXT && datatype == null) {
            datatype = XSD + "string";
        }
        return new Field(key, path, terms.compact(path), label, help, kind, datatype, spec.minCount, spec.maxCount, choices,
                spec.pattern, spec.flags, spec.minLength, spec.maxLength, spec.minInclusive, spec.maxInclusive,
                spec.minExclusive, spec.maxExclusive, nested, classIri, order, group, groupOrder, message, defaultValue);
    }

    private void apply(Constraint c, Spec spec, String key, List<String> notes) {
        switch (c) {
            case MinCount m -> spec.minCount = Math.max(spec.minCount, m.getMinCount());
            case MaxCount m -> spec.maxCount = spec.maxCount == null ? m.getMaxCount() : Math.min(spec.maxCount, m.getMaxCount());
            case DatatypeConstraint d -> {
                spec.datatype = d.getDatatypeURI();
                spec.datatypes.add(d.getDatatypeURI());
            }
            case ClassConstraint k -> {
                if (k.getExpectedClass().isURI()) {
                    spec.classes.add(k.getExpectedClass().getURI());
                }
            }
            case ShNode n -> spec.nodes.add(n.getOther());
            case InConstraint in -> spec.choices = in.getValues();
            case HasValueConstraint h -> spec.choices = List.of(h.getValue());
            case PatternConstraint p -> {
                spec.pattern = p.getPattern();
                spec.flags = p.getFlagsStr();
            }
            case StrMinLengthConstraint l -> spec.minLength = l.getMinLength();
            case StrMaxLengthConstraint l -> spec.maxLength = l.getMaxLength();
            case ValueMinInclusiveConstraint v -> spec.minInclusive = v.getNodeValue().asNode().getLiteralLexicalForm();
            case ValueMaxInclusiveConstraint v -> spec.maxInclusive = v.getNodeValue().asNode().getLiteralLexicalForm();
            case ValueMinExclusiveConstraint v -> spec.minExclusive = v.getNodeValue().asNode().getLiteralLexicalForm();
            case ValueMaxExclusiveConstraint v -> spec.maxExclusive = v.getNodeValue().asNode().getLiteralLexicalForm();
            case NodeKindConstraint k -> {
                spec.iriOnly = k.isCanBeIRI() && !k.isCanBeBlankNode() && !k.isCanBeLiteral();
                spec.literalOnly = k.isCanBeLiteral() && !k.isCanBeIRI() && !k.isCanBeBlankNode();
            }
            case ShAnd and -> and.getOthers().forEach(o -> o.getConstraints().forEach(x -> apply(x, spec, key, notes)));
            case ShOr or -> alternatives(or.getOthers(), spec, key, notes);
            case ShXone xone -> alternatives(xone.getOthers(), spec, key, notes);
            default -> {
                // sh:not, sh:closed, sh:lessThan, SPARQL, ...: no control expresses them; the SHACL validation checks them
            }
        }
    }

    /**
     * sh:or / sh:xone on a property: a union of sh:in lists becomes one choice list; alternative datatypes become one
     * text field (xsd:string when it is among them, else the first); alternative classes or node shapes become an IRI
     * reference. Anything else is left to the SHACL validation, with a note.
     */
    private void alternatives(List<Shape> others, Spec spec, String key, List<String> notes) {
        List<Spec> specs = new ArrayList<>();
        for (Shape o : others) {
            Spec s = new Spec();
            o.getConstraints().forEach(c -> apply(c, s, key, notes));
            specs.add(s);
        }
        if (specs.stream().allMatch(s -> s.choices != null)) {
            LinkedHashSet<Node> union = new LinkedHashSet<>();
            specs.forEach(s -> union.addAll(s.choices));
            spec.choices = List.copyOf(union);
        } else if (specs.stream().allMatch(s -> s.datatype != null && s.classes.isEmpty() && s.nodes.isEmpty())) {
            List<String> types = specs.stream().map(s -> s.datatype).toList();
            spec.datatype = types.contains(XSD + "string") ? XSD + "string" : types.getFirst();
            spec.datatypes.addAll(types);
        } else if (specs.stream().allMatch(s -> !s.classes.isEmpty() || !s.nodes.isEmpty())) {
            specs.forEach(s -> {
                spec.classes.addAll(s.classes);
                s.nodes.forEach(n -> n.getTargets().stream().filter(t -> t.getTargetType() == TargetType.targetClass
                        && t.getObject().isURI()).findFirst().ifPresent(t -> spec.classes.add(t.getObject().getURI())));
            });
            if (spec.classes.size() > 1) {
                spec.iriOnly = true; // several possible classes: the user links an existing node
            }
        } else if (specs.stream().anyMatch(s -> s.datatype != null)) {
            // literal or node (gx:latitude: xsd:string or a gx:GPSUnit): the form offers the literal alternatives
            List<String> types = specs.stream().map(s -> s.datatype).filter(java.util.Objects::nonNull).toList();
            spec.datatype = types.contains(XSD + "string") ? XSD + "string" : types.getFirst();
            spec.datatypes.addAll(types);
        } else {
            notes.add(key + ": the values must satisfy one of several alternatives, checked when you submit");
        }
    }

    boolean isReference(String classIri) {
        Deque<Node> todo = new ArrayDeque<>(List.of(uri(classIri)));
        Set<Node> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Node c = todo.pop();
            if (!seen.add(c) || !c.isURI()) {
                continue;
            }
            if (REFERENCE_CLASSES.contains(TrustFrameworkBundle.localName(c.getURI()))) {
                return true;
            }
            bundle.subclassFacts().find(c, RDFS.subClassOf.asNode(), Node.ANY).forEach(t -> todo.push(t.getObject()));
        }
        return false;
    }

    static Kind kindOf(String datatype) {
        if (!datatype.startsWith(XSD)) {
            return Kind.TEXT;
        }
        String local = datatype.substring(XSD.length());
        if (INTEGERS.contains(local)) {
            return Kind.INTEGER;
        }
        return switch (local) {
            case "decimal", "float", "double" -> Kind.DECIMAL;
            case "date" -> Kind.DATE;
            case "dateTime", "dateTimeStamp" -> Kind.DATETIME;
            case "boolean" -> Kind.BOOLEAN;
            case "anyURI" -> Kind.URL;
            default -> Kind.TEXT;
        };
    }

    private Choice choice(Node n) {
        if (n.isURI()) {
            return new Choice(n.getURI(), literal(n, RDFS.label.getURI()).orElseGet(() -> TrustFrameworkBundle.localName(n.getURI())), null);
        }
        if (n.isLiteral()) {
            return new Choice(n.getLiteralLexicalForm(), n.getLiteralLexicalForm(), n.getLiteralDatatypeURI());
        }
        return new Choice(n.toString(), n.toString(), null);
    }

    // ------------------------------------------------------------------------------------------------ annotations

    private Optional<String> annotation(List<PropertyShape> propertyShapes, String predicate) {
        return propertyShapes.stream().map(p -> literal(p.getShapeNode(), predicate)).flatMap(Optional::stream).findFirst();
    }

    /** A literal of {@code subject predicate}, English or untagged preferred. */
    private Optional<String> literal(Node subject, String predicate) {
        List<Node> values = graph.find(subject, uri(predicate), Node.ANY).mapWith(t -> t.getObject())
                .filterKeep(Node::isLiteral).toList();
        return values.stream().filter(v -> v.getLiteralLanguage().isEmpty() || v.getLiteralLanguage().toLowerCase(Locale.ROOT).startsWith("en"))
                .findFirst().or(() -> values.stream().findFirst()).map(Node::getLiteralLexicalForm).map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    private Node object(Node subject, String predicate) {
        return graph.find(subject, uri(predicate), Node.ANY).mapWith(t -> t.getObject()).nextOptional().orElse(null);
    }

    private Optional<Double> number(Node subject, String predicate) {
        Node n = object(subject, predicate);
        if (n != null && n.isLiteral() && n.getLiteralValue() instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        return Optional.empty();
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static String localKey(String path) {
        return sanitize(TrustFrameworkBundle.localName(path));
    }

    private String prefixKey(String path) {
        String compact = terms.compact(path);
        int colon = compact.indexOf(':');
        return colon > 0 && !compact.contains("/") ? sanitize(compact.substring(0, colon) + "_" + compact.substring(colon + 1))
                : sanitize(Integer.toHexString(path.hashCode()) + "_" + TrustFrameworkBundle.localName(path));
    }

    private static String sanitize(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }

    private static String capitalized(String label) {
        return label.isEmpty() ? label : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }

    /** {@code headquartersAddress} → {@code Headquarters address}, {@code street-address} → {@code Street address}. */
    static String words(String local) {
        String spaced = local.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .replace('-', ' ').replace('_', ' ').trim();
        StringBuilder out = new StringBuilder();
        for (String word : spaced.split("\\s+")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
            out.append(acronym ? word : word.toLowerCase(Locale.ROOT));
        }
        return out.isEmpty() ? local : Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }
}
