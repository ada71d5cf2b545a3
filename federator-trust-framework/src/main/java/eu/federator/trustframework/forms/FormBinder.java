package eu.federator.trustframework.forms;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.forms.Field.Choice;
import eu.federator.trustframework.forms.Field.Kind;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.engine.constraint.ClassConstraint;
import org.apache.jena.shacl.engine.constraint.MaxCount;
import org.apache.jena.shacl.engine.constraint.MinCount;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Link;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Submitted form values → a JSON-LD credential subject, checked in two steps: parse checks per input (datatype,
 * sh:pattern, lengths, ranges, sh:in, cardinality) with precise messages, then, when those pass, the version's SHACL
 * validation of the bound subject (the same JSON-LD → RDF conversion and Jena validator as the compliance engine),
 * each result mapped back to the field it is about. Bad input never throws.
 */
final class FormBinder {

    private static final Node SH_MESSAGE = NodeFactory.createURI(FormBuilder.SH + "message");
    private static final String SYNTHETIC = "urn:federator:form:n";
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)(?:\\[(\\d{1,6})])?");
    private static final Pattern ABSOLUTE_IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    private static final Pattern DATETIME_LOCAL = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    private final TrustFrameworkBundle bundle;
    private final Terms terms;
    private final LinkedData linkedData;
    private final List<String> contexts;

    FormBinder(TrustFrameworkBundle bundle, Terms terms, LinkedData linkedData, List<String> contexts) {
        this.bundle = bundle;
        this.terms = terms;
        this.linkedData = linkedData;
        this.contexts = contexts;
    }

    FormResult bind(Form form, String subjectId, String type, Map<String, List<String>> params, String prefix,
                    List<JsonObject> linked) {
        Run run = new Run(prefix == null ? "" : prefix);
        if (params != null) {
            params.forEach((key, values) -> {
                if (key == null || !key.startsWith(run.prefix)) {
                    return; // another form on the same page
                }
                String rel = key.substring(run.prefix.length());
                if (rel.isEmpty() || rel.startsWith("_")) {
                    return; // page controls: _csrf, _action, ...
                }
                List<String> trimmed = values == null ? List.of() : values.stream().map(v -> v == null ? "" : v.strip()).toList();
                run.values.put(key, trimmed);
                if (known(form, rel)) {
                    run.in.put(rel, trimmed);
                } else {
                    run.formErrors.add("unknown field '" + key + "': the form \"" + form.title() + "\" has no such input; "
                            + "reload the form (it may have been made for another trust-framework version)");
                }
            });
        }
        String rootIri = subjectId != null && !subjectId.isBlank() ? subjectId.strip() : SYNTHETIC + "root";
        if (subjectId != null && !subjectId.isBlank() && !ABSOLUTE_IRI.matcher(rootIri).matches()) {
            run.formErrors.add("the subject id '" + subjectId + "' is not an absolute IRI (e.g. did:web:example.com:legal-person)");
        }
        String typeTerm = type != null && !type.isBlank() ? terms.compact(terms.expand(type.strip()))
                : form.targetClass() != null ? terms.compact(form.targetClass()) : null;
        JsonObject bound = run.object(form, "", rootIri, typeTerm).build();
        if (run.errors.isEmpty() && run.formErrors.isEmpty()) {
            run.shacl(bound, linked == null ? List.of() : linked);
        }
        JsonObject subject = strip(bound, subjectId != null && !subjectId.isBlank());
        return new FormResult(subject, run.errors, run.formErrors, run.values);
    }

    /** Whether a key (without the page prefix) names an input of the form. */
    static boolean known(Form form, String key) {
        String[] segments = key.split("\\.", -1);
        Form current = form;
        for (int i = 0; i < segments.length; i++) {
            Matcher m = SEGMENT.matcher(segments[i]);
            if (!m.matches() || current == null) {
                return false;
            }
            Field field = current.field(m.group(1)).orElse(null);
            if (field == null) {
                return false;
            }
            boolean indexed = m.group(2) != null;
            boolean last = i == segments.length - 1;
            if (indexed && !field.repeatable()) {
                return false;
            }
            if (field.kind() == Kind.NESTED) {
                if (last || (field.repeatable() && !indexed)) {
                    return false;
                }
                current = field.nested();
            } else if (!last) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ one submission

    private record NodeInfo(Form form, String base) {
    }

    /** One value as bound, for mapping SHACL results back to the input that holds it. */
    private record Bound(String key, String value) {
    }

    private final class Run {
        final String prefix;
        final Map<String, List<String>> in = new LinkedHashMap<>();
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final Map<String, List<String>> errors = new LinkedHashMap<>();
        final List<String> formErrors = new ArrayList<>();
        final Map<String, NodeInfo> nodes = new HashMap<>();
        final Map<String, List<Bound>> bound = new HashMap<>();
        int counter;

        Run(String prefix) {
            this.prefix = prefix;
        }

        void error(String relKey, String message) {
            errors.computeIfAbsent(prefix + relKey, k -> new ArrayList<>()).add(message);
        }

        JsonObjectBuilder object(Form form, String base, String iri, String typeTerm) {
            nodes.put(iri, new NodeInfo(form, base));
            JsonObjectBuilder object = Json.provider().createObjectBuilder().add("id", iri);
            if (typeTerm != null) {
                object.add("type", typeTerm);
            }
            for (Field field : form.fields()) {
                String key = base + field.key();
                List<JsonValue> out = new ArrayList<>();
                List<Bound> boundHere = new ArrayList<>();
                if (field.kind() == Kind.NESTED) {
                    List<String> bases = field.repeatable()
                            ? field.indices(in, key).stream().map(i -> key + "[" + i + "].").toList() : List.of(key + ".");
                    for (String sub : bases) {
                        if (hasValues(sub)) {
                            String child = SYNTHETIC + (++counter);
                            out.add(object(field.nested(), sub, child,
                                    field.classIri() == null ? null : terms.compact(field.classIri())).build());
                            boundHere.add(new Bound(sub.substring(0, sub.length() - 1), child));
                        }
                    }
                } else {
                    List<String> keys = new ArrayList<>();
                    if (in.containsKey(key)) {
                        keys.add(key);
                    }
                    if (field.repeatable()) {
                        field.indices(in, key).forEach(i -> keys.add(key + "[" + i + "]"));
                    }
                    int filled = 0;
                    for (String k : keys) {
                        for (String value : in.get(k)) {
                            if (value.isEmpty()) {
                                continue;
                            }
                            filled++;
                            Parsed parsed = parse(field, value);
                            if (parsed.error() != null) {
                                error(k, parsed.error());
                            } else {
                                out.add(parsed.json());
                                boundHere.add(new Bound(k, parsed.rdfValue()));
                            }
                        }
                    }
                    if (!field.repeatable() && filled > 1) {
                        error(key, "only one value is allowed for " + field.label());
                    }
                    if (filled == 0 && field.kind() == Kind.BOOLEAN && field.required()) {
                        out.add(JsonValue.FALSE); // an unchecked checkbox sends nothing: for a required flag that means false
                        boundHere.add(new Bound(key, "false"));
                    }
                }
                int count = out.size();
                if (count < field.minCount() && !errors.containsKey(prefix + key) && noErrorsUnder(key)) {
                    error(key, field.minCount() == 1 ? field.label() + " is required"
                            : field.label() + " needs at least " + field.minCount() + " values (has " + count + ")");
                }
                if (field.maxCount() != null && count > field.maxCount() && field.repeatable()) {
                    error(key, field.label() + " allows at most " + field.maxCount() + " values (has " + count + ")");
                }
                if (count == 1) {
                    object.add(field.term(), out.getFirst());
                } else if (count > 1) {
                    JsonArrayBuilder array = Json.provider().createArrayBuilder();
                    out.forEach(array::add);
                    object.add(field.term(), array);
                }
                bound.put(key, boundHere);
            }
            return object;
        }

        private boolean noErrorsUnder(String key) {
            String full = prefix + key;
            return errors.keySet().stream().noneMatch(k -> k.startsWith(full + "[") || k.startsWith(full + "."));
        }

        private boolean hasValues(String base) {
            return in.entrySet().stream().anyMatch(e -> e.getKey().startsWith(base) && e.getValue().stream().anyMatch(v -> !v.isEmpty()));
        }

        // -------------------------------------------------------------------------------------------- SHACL

        void shacl(JsonObject subject, List<JsonObject> linked) {
            var graphArray = Json.provider().createArrayBuilder().add(subject);
            linked.forEach(graphArray::add);
            var contextArray = Json.provider().createArrayBuilder();
            contexts.forEach(contextArray::add);
            JsonObject document = Json.provider().createObjectBuilder().add("@context", contextArray).add("@graph", graphArray).build();
            Graph data = GraphFactory.createGraphMem();
            try {
                List<String> dropped = linkedData.droppedTerms(document);
                if (!dropped.isEmpty()) {
                    formErrors.add("these terms are not defined by the " + bundle.version() + " context and would be lost: "
                            + dropped + " (a defect of the form for this shape; report it)");
                    return;
                }
                RDFParser.fromString(linkedData.canonicalize(document), Lang.NQUADS).parse(data);
            } catch (LinkedDataException | RiotException e) {
                formErrors.add("the form's values could not be converted to RDF for validation: " + e.getMessage());
                return;
            }
            Graph graph = bundle.subclassFacts().isEmpty() ? data : new Union(data, bundle.subclassFacts());
            ValidationReport report = ShaclValidator.get().validate(bundle.shapes(), graph);
            for (ReportEntry entry : report.getEntries()) {
                if (entry.severity() != null && !entry.severity().level().getURI().endsWith("Violation")) {
                    continue;
                }
                map(entry, data);
            }
        }

        private void map(ReportEntry entry, Graph data) {
            Node focus = entry.focusNode();
            NodeInfo info = focus != null && focus.isURI() ? nodes.get(focus.getURI()) : null;
            String pathIri = entry.resultPath() instanceof P_Link link && link.getNode().isURI() ? link.getNode().getURI() : null;
            Field field = info == null || pathIri == null ? null : info.form().fieldForPath(pathIri).orElse(null);
            if (field != null && deferred(field, entry, data)) {
                return;
            }
            String message = message(entry, field);
            if (info == null) {
                formErrors.add("linked subject " + focus + (pathIri == null ? "" : " " + terms.compact(pathIri)) + ": " + message);
            } else if (field != null) {
                String key = info.base() + field.key();
                String value = entry.value() == null ? null : entry.value().isURI() ? entry.value().getURI()
                        : entry.value().isLiteral() ? entry.value().getLiteralLexicalForm() : null;
                String target = bound.getOrDefault(key, List.of()).stream().filter(b -> value != null && b.value().equals(value))
                        .map(Bound::key).findFirst().orElse(key);
                error(target, message);
            } else if (pathIri != null) {
                formErrors.add((info.base().isEmpty() ? "" : info.base() + " ") + terms.compact(pathIri) + ": " + message);
            } else if (!info.base().isEmpty()) {
                error(info.base().substring(0, info.base().length() - 1), message);
            } else {
                formErrors.add(message);
            }
        }

        /**
         * A reference to a node that is not in the data (the registration-number credential, the provider's
         * LegalPerson, ...): its class or shape cannot be checked here, only when the credentials are presented
         * together (the compliance service does that). Pass the linked subjects to check it now.
         */
        private boolean deferred(Field field, ReportEntry entry, Graph data) {
            String component = entry.sourceConstraintComponent() == null ? "" : entry.sourceConstraintComponent().getURI();
            return field.kind() == Kind.IRI && entry.value() != null && entry.value().isURI()
                    && (component.endsWith("#ClassConstraintComponent") || component.endsWith("#NodeConstraintComponent"))
                    && !data.contains(entry.value(), Node.ANY, Node.ANY);
        }

        private String message(ReportEntry entry, Field field) {
            // sh:message of the shape that reported it (Jena's entry.messages() holds its own generated text)
            List<String> own = entry.source() == null ? List.of() : bundle.shapesGraph()
                    .find(entry.source(), SH_MESSAGE, Node.ANY).mapWith(Triple::getObject).filterKeep(Node::isLiteral)
                    .mapWith(Node::getLiteralLexicalForm).toList();
            if (!own.isEmpty()) {
                return String.join("; ", own);
            }
            if (field != null && field.message() != null) {
                return field.message();
            }
            String label = field == null ? "this value" : field.label();
            return switch (entry.constraint()) {
                case MinCount m -> m.getMinCount() == 1 ? label + " is required" : label + " needs at least " + m.getMinCount() + " values";
                case MaxCount m -> label + " allows at most " + m.getMaxCount() + " value" + (m.getMaxCount() == 1 ? "" : "s");
                case ClassConstraint c -> label + " must be a " + FormBuilder.words(TrustFrameworkBundle.localName(c.getExpectedClass().toString()))
                        + (entry.value() != null ? " (" + entry.value() + " is not)" : "");
                case null, default -> entry.message();
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ parsing

    /**
     * @param json     the JSON-LD value
     * @param rdfValue the lexical form or IRI it becomes (to match SHACL result values)
     * @param error    the message when the text is not acceptable
     */
    private record Parsed(JsonValue json, String rdfValue, String error) {
        static Parsed fail(String message) {
            return new Parsed(null, null, message);
        }
    }

    private Parsed parse(Field field, String text) {
        String value = text;
        switch (field.kind()) {
            case CHOICE -> {
                Choice choice = field.choices().stream().filter(c -> c.value().equals(value)).findFirst().orElse(null);
                if (choice == null) {
                    return Parsed.fail(field.message() != null ? field.message()
                            : "'" + shorten(value) + "' is not one of the allowed values for " + field.label() + ": choose one from the list");
                }
                return choice.iri() ? iri(value) : literal(value, choice.datatype());
            }
            case IRI -> {
                if (!ABSOLUTE_IRI.matcher(value).matches()) {
                    return Parsed.fail("'" + shorten(value) + "' is not an absolute IRI: enter a link such as "
                            + "https://example.com/credentials/legal-person.json#cs or a DID");
                }
                return checked(field, value, iri(value));
            }
            case NESTED -> throw new IllegalStateException("nested fields have no single value");
            default -> {
                String lexical = value;
                if (field.kind() == Kind.DATETIME && DATETIME_LOCAL.matcher(value).matches()) {
                    lexical = value + ":00"; // <input type=datetime-local> sends no seconds
                }
                if (field.kind() == Kind.BOOLEAN && value.equals("on")) {
                    lexical = "true";
                }
                String datatype = field.datatype() == null ? FormBuilder.XSD + "string" : field.datatype();
                RDFDatatype rdfDatatype = TypeMapper.getInstance().getTypeByName(datatype);
                boolean url = field.kind() == Kind.URL && !ABSOLUTE_IRI.matcher(lexical).matches(); // links must resolve
                if (url || (rdfDatatype != null && !rdfDatatype.isValid(lexical))) {
                    return Parsed.fail(invalid(field, value));
                }
                return checked(field, lexical, literal(lexical, datatype));
            }
        }
    }

    private String invalid(Field field, String value) {
        String v = "'" + shorten(value) + "'";
        return switch (field.kind()) {
            case INTEGER -> v + " is not a whole number";
            case DECIMAL -> v + " is not a number (use a dot for decimals, e.g. 12.5)";
            case DATE -> v + " is not a date: use YYYY-MM-DD";
            case DATETIME -> v + " is not a date and time: use YYYY-MM-DDThh:mm:ss";
            case BOOLEAN -> v + " is not true or false";
            case URL -> v + " is not an absolute URL: enter a link such as https://example.com/terms.pdf";
            default -> v + " is not a valid " + TrustFrameworkBundle.localName(field.datatype());
        };
    }

    /** The facets a single value must meet: sh:pattern, sh:minLength / sh:maxLength, the four range bounds. */
    private Parsed checked(Field field, String lexical, Parsed ok) {
        int length = lexical.codePointCount(0, lexical.length());
        if (field.maxLength() != null && length > field.maxLength()) {
            return Parsed.fail(field.message() != null ? field.message()
                    : field.label() + " is at most " + field.maxLength() + " characters long (this is " + length + ")");
        }
        if (field.minLength() != null && length < field.minLength()) {
            return Parsed.fail(field.message() != null ? field.message()
                    : field.label() + " is at least " + field.minLength() + " characters long (this is " + length + ")");
        }
        if (field.pattern() != null) {
            try {
                if (!Pattern.compile(field.pattern(), flags(field.patternFlags())).matcher(lexical).find()) {
                    return Parsed.fail(field.message() != null ? field.message()
                            : "'" + shorten(lexical) + "' does not have the required format (pattern " + field.pattern() + ")");
                }
            } catch (PatternSyntaxException e) {
                // a pattern Java cannot compile is left to the SHACL validation
            }
        }
        String range = range(field, lexical);
        return range == null ? ok : Parsed.fail(field.message() != null ? field.message() : range);
    }

    private static String range(Field field, String lexical) {
        String[][] bounds = {{field.minInclusive(), ">=", "at least"}, {field.minExclusive(), ">", "greater than"},
                {field.maxInclusive(), "<=", "at most"}, {field.maxExclusive(), "<", "less than"}};
        for (String[] bound : bounds) {
            if (bound[0] == null) {
                continue;
            }
            Integer cmp = compare(field, lexical, bound[0]);
            if (cmp == null) {
                continue;
            }
            boolean ok = switch (bound[1]) {
                case ">=" -> cmp >= 0;
                case ">" -> cmp > 0;
                case "<=" -> cmp <= 0;
                default -> cmp < 0;
            };
            if (!ok) {
                return field.label() + " must be " + bound[2] + " " + bound[0];
            }
        }
        return null;
    }

    private static Integer compare(Field field, String lexical, String bound) {
        try {
            if (field.kind() == Kind.INTEGER || field.kind() == Kind.DECIMAL) {
                return new BigDecimal(lexical).compareTo(new BigDecimal(bound));
            }
            String datatype = field.datatype() == null ? FormBuilder.XSD + "string" : field.datatype();
            return NodeValue.compare(NodeValue.makeNode(lexical, null, datatype), NodeValue.makeNode(bound, null, datatype));
        } catch (RuntimeException e) {
            return null; // not comparable (e.g. INF, a timezone mismatch): SHACL decides
        }
    }

    private static int flags(String flags) {
        int f = 0;
        if (flags != null) {
            for (char c : flags.toCharArray()) {
                f |= switch (c) {
                    case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    case 'm' -> Pattern.MULTILINE;
                    case 's' -> Pattern.DOTALL;
                    case 'x' -> Pattern.COMMENTS;
                    case 'q' -> Pattern.LITERAL;
                    default -> 0;
                };
            }
        }
        return f;
    }

    private Parsed iri(String value) {
        return new Parsed(Json.provider().createObjectBuilder().add("id", value).build(), value, null);
    }

    /** xsd:string as a JSON string, xsd:boolean and xsd:integer as JSON literals, anything else as a typed value object. */
    private Parsed literal(String lexical, String datatype) {
        String local = datatype.startsWith(FormBuilder.XSD) ? datatype.substring(FormBuilder.XSD.length()) : null;
        JsonValue json;
        if ("string".equals(local)) {
            json = Json.provider().createValue(lexical);
        } else if ("boolean".equals(local) && (lexical.equals("true") || lexical.equals("false"))) {
            json = lexical.equals("true") ? JsonValue.TRUE : JsonValue.FALSE;
        } else if ("integer".equals(local) && lexical.matches("-?[1-9][0-9]*|0")) {
            json = Json.provider().createValue(new BigInteger(lexical));
        } else {
            json = Json.provider().createObjectBuilder().add("@value", lexical).add("@type", terms.compact(datatype)).build();
        }
        return new Parsed(json, lexical, null);
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "…" : value;
    }

    // ------------------------------------------------------------------------------------------------ output

    /** The subject without the synthetic ids given to embedded nodes for validation. */
    private static JsonObject strip(JsonObject object, boolean keepRootId) {
        JsonObjectBuilder out = Json.provider().createObjectBuilder();
        object.forEach((key, value) -> {
            if (key.equals("id") && (!keepRootId || (value instanceof jakarta.json.JsonString s && s.getString().startsWith(SYNTHETIC)))) {
                return;
            }
            out.add(key, stripValue(value));
        });
        return out.build();
    }

    private static JsonValue stripValue(JsonValue value) {
        if (value instanceof JsonObject o) {
            return o.containsKey("@value") || o.size() == 1 && o.containsKey("id") ? o : strip(o, false);
        }
        if (value instanceof jakarta.json.JsonArray a) {
            JsonArrayBuilder array = Json.provider().createArrayBuilder();
            a.forEach(v -> array.add(stripValue(v)));
            return array.build();
        }
        return value;
    }

}
