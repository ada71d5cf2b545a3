package eu.federator.trustframework.bundle;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Gaia-X trust-framework version, parsed and compiled once: its SHACL shapes (as a Jena graph and as compiled
 * {@link Shapes}), the ontology's subclass facts, the JSON-LD context document, the terms and conditions it accepts,
 * the registration-number notaries it trusts by default and, for 22.10, the ISO 3166-2 subdivision codes.
 * Immutable and thread-safe; built by {@link TrustFrameworks}.
 *
 * @param version            e.g. {@code 22.10}, {@code 25.11}
 * @param name               e.g. {@code Tagus}, {@code Loire}
 * @param rules              which rule set evaluates it
 * @param contextUrl         the JSON-LD context URL credentials of this version use for the gx vocabulary
 * @param contextDocument    the context document served for that URL (the registry's {@code /context/{version}})
 * @param shapesGraph        every shape (built-in and extensions), defects fixed
 * @param shapes             the compiled shapes
 * @param subclassFacts      the ontology's {@code rdfs:subClassOf} triples between named classes (added to data graphs)
 * @param implemented        the local names of the classes the shapes target (plus {@code implemented-extra})
 * @param termsText          22.10: the exact terms-and-conditions text, else null
 * @param termsHashes        25.11: the accepted SHA-256 hex hashes of the terms and conditions, each with the instant it
 *                           stops being accepted ({@link Instant#MAX} when it is current)
 * @param trustedNotaries    DIDs of registration-number notaries trusted by default
 * @param subdivisionCodes   22.10: ISO 3166-2 codes the legalAddress must use, else empty
 * @param rulesVersion       the rules version written into label credentials, e.g. {@code CD25.03}
 * @param sources            where each part came from (for the operator and the docs)
 */
public record TrustFrameworkBundle(String version, String name, RuleSet rules, String contextUrl, String contextDocument,
                                   Graph shapesGraph, Shapes shapes, Graph subclassFacts, Set<String> implemented,
                                   String termsText, Map<String, Instant> termsHashes, Set<String> trustedNotaries,
                                   Set<String> subdivisionCodes, String rulesVersion, List<String> sources) {

    /** Which rule list evaluates credentials of a version. */
    public enum RuleSet {
        /** GXDCH v1: VCDM 1.1 JSON-LD, JsonWebSignature2020, the 22.10 business rules. */
        TAGUS,
        /** GXDCH v2: VCDM 2.0 VC-JWT, the Loire rules. */
        LOIRE
    }

    public TrustFrameworkBundle {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rules, "rules");
        implemented = Set.copyOf(implemented);
        termsHashes = Map.copyOf(termsHashes);
        trustedNotaries = Set.copyOf(trustedNotaries);
        subdivisionCodes = Set.copyOf(subdivisionCodes);
        sources = List.copyOf(sources);
    }

    /** The terms-and-conditions hashes accepted at an instant (a deprecated hash is accepted until its end date). */
    public Set<String> termsAcceptedAt(Instant at) {
        Set<String> accepted = new TreeSet<>();
        termsHashes.forEach((hash, until) -> {
            if (at.isBefore(until)) {
                accepted.add(hash);
            }
        });
        return accepted;
    }

    /** The shapes as Turtle (the registry's {@code /shapes/{version}}). */
    public String shapesTurtle() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, shapesGraph, RDFFormat.TURTLE_PRETTY);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The implemented shape names, sorted (the registry's {@code /shapes/implemented}). */
    public List<String> implementedShapes() {
        return List.copyOf(new TreeSet<>(implemented));
    }

    static Set<String> targetClassNames(Graph shapes) {
        Set<String> names = new TreeSet<>();
        Node targetClass = NodeFactory.createURI("http://www.w3.org/ns/shacl#targetClass");
        shapes.find(Node.ANY, targetClass, Node.ANY).forEach(t -> {
            if (t.getObject().isURI()) {
                names.add(localName(t.getObject().getURI()));
            }
        });
        return names;
    }

    /** The text after the last {@code #}, {@code /} or {@code :}: the GXDCH "atomic type". */
    public static String localName(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), Math.max(iri.lastIndexOf('/'), iri.lastIndexOf(':')));
        return iri.substring(cut + 1);
    }

    static Graph subclassFacts(Graph ontology) {
        Graph facts = GraphFactory.createGraphMem();
        ontology.find(Node.ANY, RDFS.subClassOf.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isURI()) {
                facts.add(t);
            }
        });
        return facts;
    }

    /**
     * Renames node shapes whose IRI equals a class they target to {@code <iri>Shape}, with every reference to them
     * (22.10 defect). Returns the renamed IRIs.
     */
    static Set<String> fixNodeShapeIds(Graph shapes) {
        Node nodeShape = NodeFactory.createURI("http://www.w3.org/ns/shacl#NodeShape");
        Node targetClass = NodeFactory.createURI("http://www.w3.org/ns/shacl#targetClass");
        Set<String> renamed = new TreeSet<>();
        for (Triple typed : shapes.find(Node.ANY, RDF.type.asNode(), nodeShape).toList()) {
            Node shape = typed.getSubject();
            if (shape.isURI() && shapes.contains(shape, targetClass, shape)) {
                renamed.add(shape.getURI());
            }
        }
        for (String iri : renamed) {
            Node from = NodeFactory.createURI(iri);
            Node to = NodeFactory.createURI(iri + "Shape");
            for (Triple t : shapes.find(Node.ANY, Node.ANY, Node.ANY).toList()) {
                boolean subject = t.getSubject().equals(from);
                // a reference to the shape (sh:node, sh:qualifiedValueShape, ...), never the class in sh:targetClass / sh:class
                boolean object = t.getObject().equals(from) && !t.getPredicate().equals(targetClass)
                        && !t.getPredicate().getURI().equals("http://www.w3.org/ns/shacl#class");
                if (subject || object) {
                    shapes.delete(t);
                    shapes.add(Triple.create(subject ? to : t.getSubject(), t.getPredicate(), object ? to : t.getObject()));
                }
            }
        }
        return renamed;
    }

    static Lang langOf(String file) {
        String f = file.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".jsonld") || f.endsWith(".json")) {
            return Lang.JSONLD;
        }
        if (f.endsWith(".nt")) {
            return Lang.NTRIPLES;
        }
        if (f.endsWith(".rdf") || f.endsWith(".owl")) {
            return Lang.RDFXML;
        }
        return Lang.TURTLE;
    }
}
