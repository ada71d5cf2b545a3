package eu.federator.catalogue.schema;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a schema and decides, with the rules of XFSC's {@code SchemaStoreImpl.analyzeSchema}, what it is:
 * <ul>
 *   <li>any {@code sh:NodeShape} or {@code sh:PropertyShape}: a <b>shape</b>, id = SHA-256 hex of the content; terms =
 *       the IRIs of its node and property shapes. The shapes must also compile (Jena SHACL), since they become part of
 *       the composite every submission is validated against;</li>
 *   <li>else one {@code owl:Ontology}: an <b>ontology</b>, id = its IRI ("Ontology Schema has multiple Ontology IRIs"
 *       for two or more); terms = IRIs typed {@code owl:NamedIndividual}, {@code rdf:Property},
 *       {@code owl:DatatypeProperty}, {@code owl:ObjectProperty}, {@code rdfs:Class}, {@code owl:Class};</li>
 *   <li>else one {@code skos:ConceptScheme}: a <b>vocabulary</b>, id = its IRI ("Vocabulary contains multiple concept
 *       schemes" for two or more); terms = IRIs typed {@code skos:Concept};</li>
 *   <li>else "Schema type not supported".</li>
 * </ul>
 * Differences from XFSC: content that does not parse is a {@link SchemaException.Reason#SYNTAX} error with the
 * parser's message (XFSC reports "Schema type not supported"), unless what parsed before the error already breaks the
 * "multiple IRIs" rules, which XFSC reports (so do we, adding the parser's message); an ontology or scheme named by a blank node is refused
 * (XFSC would store it under a null id); JSON-LD may not load remote contexts (schemas must be self-contained).
 * Thread-safe.
 */
public final class SchemaAnalyzer {
    static final String BASE = "urn:federator:schema:";

    private static final List<Node> ONTOLOGY_TERMS = List.of(OWL2.NamedIndividual.asNode(), RDF.Property.asNode(),
            OWL2.DatatypeProperty.asNode(), OWL2.ObjectProperty.asNode(), RDFS.Class.asNode(), OWL2.Class.asNode());

    /**
     * @param content the schema bytes
     * @param syntax  the syntax named by the Content-Type, or null to detect it
     * @throws SchemaException SYNTAX or INVALID
     */
    public SchemaAnalysis analyze(byte[] content, SchemaSyntax syntax) {
        Parsed parsed;
        try {
            parsed = parse(content, syntax);
        } catch (PartialParse e) {
            // XFSC analyses whatever parsed before the error: a broken type rule there is what it reports
            try {
                classify(content, new Parsed(e.partial, e.syntax));
            } catch (SchemaException rule) {
                if (rule.reason() == SchemaException.Reason.INVALID && rule.getMessage().contains("multiple")) {
                    throw new SchemaException(SchemaException.Reason.INVALID, rule.getMessage()
                            + " (the content does not parse either: " + e.getCause().getMessage() + ")", e.getCause());
                }
            }
            throw syntaxError(e.syntax, (RiotException) e.getCause());
        }
        return classify(content, parsed);
    }

    private SchemaAnalysis classify(byte[] content, Parsed parsed) {
        Graph g = parsed.graph;
        Node type = RDF.type.asNode();
        if (g.contains(Node.ANY, type, SHACL.NodeShape) || g.contains(Node.ANY, type, SHACL.PropertyShape)) {
            Set<String> terms = new LinkedHashSet<>();
            addTerms(g, SHACL.NodeShape, terms);
            addTerms(g, SHACL.PropertyShape, terms);
            try {
                Shapes.parse(g);
            } catch (RuntimeException e) {
                throw new SchemaException(SchemaException.Reason.INVALID, "Schema is not valid: the shapes do not compile: " + e.getMessage(), e);
            }
            return new SchemaAnalysis(SchemaType.SHAPE, sha256(content), terms, parsed.syntax, g);
        }
        List<Node> ontologies = g.find(Node.ANY, type, OWL2.Ontology.asNode()).mapWith(t -> t.getSubject()).toList();
        if (!ontologies.isEmpty()) {
            String id = single(ontologies, "Ontology Schema has multiple Ontology IRIs", "the owl:Ontology");
            Set<String> terms = new LinkedHashSet<>();
            ONTOLOGY_TERMS.forEach(t -> addTerms(g, t, terms));
            return new SchemaAnalysis(SchemaType.ONTOLOGY, id, terms, parsed.syntax, g);
        }
        List<Node> schemes = g.find(Node.ANY, type, SKOS.ConceptScheme.asNode()).mapWith(t -> t.getSubject()).toList();
        if (!schemes.isEmpty()) {
            String id = single(schemes, "Vocabulary contains multiple concept schemes", "the skos:ConceptScheme");
            Set<String> terms = new LinkedHashSet<>();
            addTerms(g, SKOS.Concept.asNode(), terms);
            return new SchemaAnalysis(SchemaType.VOCABULARY, id, terms, parsed.syntax, g);
        }
        throw invalid("Schema type not supported");
    }

    /** Parses stored content again (for composites): its syntax is known. */
    public Graph parseStored(byte[] content, SchemaSyntax syntax) {
        Graph graph = GraphFactory.createDefaultGraph();
        parseAs(content, syntax, graph);
        return graph;
    }

    private static String single(List<Node> subjects, String multiple, String what) {
        List<Node> distinct = subjects.stream().distinct().toList();
        if (distinct.size() > 1) {
            throw invalid(multiple);
        }
        Node node = distinct.getFirst();
        if (!node.isURI()) {
            throw invalid(what + " must be named by an IRI, not a blank node");
        }
        return node.getURI();
    }

    private static SchemaException invalid(String message) {
        return new SchemaException(SchemaException.Reason.INVALID, "Schema is not valid: " + message);
    }

    private static void addTerms(Graph g, Node ofType, Set<String> terms) {
        g.find(Node.ANY, RDF.type.asNode(), ofType).forEach(t -> {
            if (t.getSubject().isURI()) {
                terms.add(t.getSubject().getURI());
            }
        });
    }

    private record Parsed(Graph graph, SchemaSyntax syntax) {
    }

    /** The content does not parse: what the parser of the declared or guessed syntax produced up to the error. */
    private static final class PartialParse extends RuntimeException {
        final transient Graph partial;
        final SchemaSyntax syntax;

        PartialParse(Graph partial, SchemaSyntax syntax, RiotException cause) {
            super(cause.getMessage(), cause, false, false);
            this.partial = partial;
            this.syntax = syntax;
        }
    }

    private static Parsed parse(byte[] content, SchemaSyntax syntax) {
        if (syntax != null) {
            Graph graph = GraphFactory.createDefaultGraph();
            try {
                parseAs(content, syntax, graph);
                return new Parsed(graph, syntax);
            } catch (RiotException e) {
                throw new PartialParse(graph, syntax, e);
            }
        }
        SchemaSyntax guess = SchemaSyntax.sniff(content);
        List<SchemaSyntax> order = new ArrayList<>(List.of(guess));
        for (SchemaSyntax s : SchemaSyntax.values()) {
            if (s != guess) {
                order.add(s);
            }
        }
        PartialParse first = null;
        for (SchemaSyntax s : order) {
            Graph graph = GraphFactory.createDefaultGraph();
            try {
                parseAs(content, s, graph);
                return new Parsed(graph, s);
            } catch (RiotException e) {
                if (first == null) {
                    first = new PartialParse(graph, s, e);
                }
            }
        }
        throw first;
    }

    private static SchemaException syntaxError(SchemaSyntax syntax, RiotException e) {
        return new SchemaException(SchemaException.Reason.SYNTAX, "Schema is not valid " + label(syntax) + ": " + e.getMessage(), e);
    }

    private static String label(SchemaSyntax syntax) {
        return switch (syntax) {
            case TURTLE -> "Turtle";
            case JSON_LD -> "JSON-LD";
            case RDF_XML -> "RDF/XML";
        };
    }

    private static void parseAs(byte[] content, SchemaSyntax syntax, Graph graph) {
        org.apache.jena.riot.RDFParserBuilder builder = RDFParser.source(new ByteArrayInputStream(content)).lang(syntax.lang()).base(BASE)
                .errorHandler(STRICT_ERRORS);
        if (syntax == SchemaSyntax.JSON_LD) {
            Context context = new Context();
            context.set(LangJSONLD11.JSONLD_OPTIONS, offlineOptions());
            builder.context(context);
        }
        try {
            builder.parse(graph);
        } catch (RiotException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. the JSON-LD processor's own exceptions
            throw new RiotException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** JSON-LD schemas must carry their contexts inline: no remote context is ever fetched. */
    private static JsonLdOptions offlineOptions() {
        JsonLdOptions options = new JsonLdOptions();
        options.setDocumentLoader((url, o) -> {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "remote JSON-LD contexts are not loaded for schemas (" + url + "): put the context inline");
        });
        return options;
    }

    /** Warnings are ignored (as XFSC does); errors stop the parse with line and column. */
    private static final ErrorHandler STRICT_ERRORS = new ErrorHandler() {
        @Override
        public void warning(String message, long line, long col) {
        }

        @Override
        public void error(String message, long line, long col) {
            throw new RiotException(position(message, line, col));
        }

        @Override
        public void fatal(String message, long line, long col) {
            throw new RiotException(position(message, line, col));
        }

        private String position(String message, long line, long col) {
            return line > 0 ? "[line " + line + (col > 0 ? ", column " + col : "") + "] " + message : message;
        }
    };

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
