package eu.federator.trustframework.forms;

import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import jakarta.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.parser.Shape;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The forms of one trust-framework version: one {@link Form} per node shape, built on first use and kept (the shapes
 * are immutable), and the binding + validation of submitted values. Thread-safe; keep one per version (see
 * {@link FormCatalogue}).
 *
 * <pre>{@code
 * ShapeForms forms = catalogue.forms("25.11");
 * Form form = forms.forClass("gx:LegalPerson").orElseThrow();
 * FormResult result = forms.submit(form, "did:web:example.com:lp#cs", null, request.getParameterMap() as lists, "");
 * if (result.ok()) sign(result.subject()); else render(form, result.values(), result.errorsByField());
 * }</pre>
 */
public final class ShapeForms {

    /** Embedded forms nest at most this deep; deeper (and self-referencing) properties become IRI references. */
    public static final int DEFAULT_MAX_DEPTH = 3;

    private static final String V1 = "https://www.w3.org/2018/credentials/v1";
    private static final String V2 = "https://www.w3.org/ns/credentials/v2";

    private final TrustFrameworkBundle bundle;
    private final Terms terms;
    private final FormBuilder builder;
    private final FormBinder binder;
    private final List<String> contexts;
    private final Map<String, Form> cache = new ConcurrentHashMap<>();

    public ShapeForms(TrustFrameworkBundle bundle, LinkedData linkedData) {
        this(bundle, linkedData, DEFAULT_MAX_DEPTH);
    }

    /**
     * @param bundle     the version
     * @param linkedData JSON-LD → RDF for the validation (the bundled contexts; share the verifier's instance)
     * @param maxDepth   how deep embedded forms nest (1 = no nesting inside nested forms)
     */
    public ShapeForms(TrustFrameworkBundle bundle, LinkedData linkedData, int maxDepth) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.terms = new Terms(bundle.contextDocument(), bundle.contextUrl());
        this.builder = new FormBuilder(bundle, terms, maxDepth);
        this.contexts = List.of(bundle.rules() == TrustFrameworkBundle.RuleSet.TAGUS ? V1 : V2, bundle.contextUrl());
        this.binder = new FormBinder(bundle, terms, Objects.requireNonNull(linkedData, "linkedData"), contexts);
    }

    public TrustFrameworkBundle bundle() {
        return bundle;
    }

    /** The form for the node shape that targets a class: a full IRI or a compact one ({@code gx:LegalPerson}). */
    public Optional<Form> forClass(String classIri) {
        String iri = terms.expand(classIri);
        if (builder.shapesForClass(iri).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cache.computeIfAbsent("class " + iri, k -> builder.buildForClass(iri)));
    }

    /** The form for a node shape, by IRI (full or compact). */
    public Optional<Form> forShape(String shapeIri) {
        return builder.shape(terms.expand(shapeIri)).map(this::form);
    }

    private Form form(Shape shape) {
        Node node = shape.getShapeNode();
        String key = node.isURI() ? node.getURI() : "_:" + node.getBlankNodeLabel();
        return cache.computeIfAbsent("shape " + key, k -> builder.build(shape));
    }

    /** The IRIs of every named node shape of the version, sorted. */
    public List<String> nodeShapes() {
        TreeSet<String> iris = new TreeSet<>();
        bundle.shapes().getShapeMap().forEach((node, shape) -> {
            if (shape.isNodeShape() && node.isURI()) {
                iris.add(node.getURI());
            }
        });
        return List.copyOf(iris);
    }

    /** The {@code @context} of a credential that carries a subject bound by these forms. */
    public List<String> contexts() {
        return contexts;
    }

    /** {@code https://w3id.org/gaia-x/development#LegalPerson} → {@code gx:LegalPerson}. */
    public String compact(String iri) {
        return terms.compact(iri);
    }

    /** Whether a class is a credential subject of its own, referenced by IRI rather than embedded. */
    public boolean isReferenceClass(String classIri) {
        return builder.isReference(terms.expand(classIri));
    }

    /**
     * Binds and validates submitted values.
     *
     * @param form      the form that was rendered
     * @param subjectId the subject's id (an IRI, e.g. {@code did:web:...#cs}); null for none
     * @param type      the subject's type (compact or full IRI, e.g. a subclass such as {@code gx:VatID}); null for
     *                  the form's target class
     * @param params    request parameters: keys are the input names (page prefix + field key), each with its values.
     *                  Keys that do not start with {@code prefix} belong to other forms and are left alone; keys whose
     *                  remainder starts with {@code _} ({@code _csrf}, {@code _action}) are page controls. Every other
     *                  key must name an input of the form, else it is reported in {@link FormResult#formErrors()}.
     * @param prefix    the page prefix the fragment was rendered with ({@code ""} for none)
     */
    public FormResult submit(Form form, String subjectId, String type, Map<String, List<String>> params, String prefix) {
        return submit(form, subjectId, type, params, prefix, List.of());
    }

    /**
     * As {@link #submit(Form, String, String, Map, String)}, validating together with other credential subjects the
     * new one links to (the registration number, the provider's LegalPerson): then references to them are checked
     * too (sh:class), and their own violations are reported in {@link FormResult#formErrors()}. Without them, a
     * reference to a node that is not in the data is accepted here and checked by the compliance service.
     */
    public FormResult submit(Form form, String subjectId, String type, Map<String, List<String>> params, String prefix,
                             List<JsonObject> linkedSubjects) {
        return binder.bind(form, subjectId, type, params, prefix, linkedSubjects);
    }
}
