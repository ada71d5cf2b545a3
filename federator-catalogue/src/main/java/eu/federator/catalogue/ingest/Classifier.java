package eu.federator.catalogue.ingest;

import eu.federator.catalogue.sd.SdKind;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDFS;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Classifies a credential subject by its trust-framework base class: participant, service offering, resource or data
 * product. A type is a base class when it is one of the Gaia-X classes of that name in any Gaia-X namespace (Tagus
 * registry, {@code w3id.org/gaia-x/...} of Loire and of the XFSC gax vocabularies) or one of the configured extra base
 * classes, or when the ontologies say it is a subclass ({@code rdfs:subClassOf*}) of one. Several kinds on one subject:
 * participant wins over offering, offering over data product, data product over resource (XFSC's precedence, with data
 * products added).
 */
public final class Classifier {
    static final List<String> GAIA_X_NAMESPACES = List.of("https://w3id.org/gaia-x/", "http://w3id.org/gaia-x/",
            "https://registry.lab.gaia-x.eu/", "https://registry.gaia-x.eu/");
    private static final Map<String, SdKind> GAIA_X_CLASSES = Map.ofEntries(
            Map.entry("Participant", SdKind.PARTICIPANT), Map.entry("LegalParticipant", SdKind.PARTICIPANT),
            Map.entry("LegalPerson", SdKind.PARTICIPANT),
            Map.entry("ServiceOffering", SdKind.SERVICE_OFFERING), Map.entry("DigitalServiceOffering", SdKind.SERVICE_OFFERING),
            Map.entry("DataProduct", SdKind.DATA_PRODUCT),
            Map.entry("Resource", SdKind.RESOURCE), Map.entry("DataResource", SdKind.RESOURCE),
            Map.entry("PhysicalResource", SdKind.RESOURCE), Map.entry("VirtualResource", SdKind.RESOURCE),
            Map.entry("SoftwareResource", SdKind.RESOURCE), Map.entry("InstantiatedVirtualResource", SdKind.RESOURCE));
    private static final List<SdKind> PRECEDENCE = List.of(SdKind.PARTICIPANT, SdKind.SERVICE_OFFERING, SdKind.DATA_PRODUCT,
            SdKind.RESOURCE);

    private final Map<String, SdKind> extra;
    private final Supplier<Graph> ontologies;
    private volatile Cache cache;

    private record Cache(Graph graph, Map<String, SdKind> kinds) {
    }

    /**
     * @param extra      further base classes (full IRI → kind), e.g. {@code dcat:Dataset} → data product
     * @param ontologies the current union of ontologies (asked on every classification; a new graph instance
     *                   invalidates what was derived from the previous one)
     */
    public Classifier(Map<String, SdKind> extra, Supplier<Graph> ontologies) {
        this.extra = Map.copyOf(extra);
        this.ontologies = ontologies;
    }

    /** The kind of a subject with these rdf:types; {@link SdKind#OTHER} when none is a base class. */
    public SdKind classify(Collection<String> types) {
        Set<SdKind> kinds = new HashSet<>();
        for (String type : types) {
            kinds.add(kindOf(type));
        }
        return PRECEDENCE.stream().filter(kinds::contains).findFirst().orElse(SdKind.OTHER);
    }

    SdKind kindOf(String type) {
        SdKind direct = direct(type);
        if (direct != SdKind.OTHER) {
            return direct;
        }
        Graph graph = ontologies.get();
        Cache c = cache;
        if (c == null || c.graph() != graph) {
            c = new Cache(graph, new java.util.concurrent.ConcurrentHashMap<>());
            cache = c;
        }
        return c.kinds().computeIfAbsent(type, t -> viaSubclasses(t, graph));
    }

    private SdKind direct(String type) {
        SdKind configured = extra.get(type);
        if (configured != null) {
            return configured;
        }
        for (String ns : GAIA_X_NAMESPACES) {
            if (type.startsWith(ns)) {
                return GAIA_X_CLASSES.getOrDefault(localName(type), SdKind.OTHER);
            }
        }
        return SdKind.OTHER;
    }

    private SdKind viaSubclasses(String type, Graph graph) {
        if (graph == null || graph.isEmpty()) {
            return SdKind.OTHER;
        }
        Set<SdKind> found = new HashSet<>();
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(org.apache.jena.graph.NodeFactory.createURI(type));
        while (!todo.isEmpty()) {
            Node c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            if (c.isURI()) {
                SdKind kind = direct(c.getURI());
                if (kind != SdKind.OTHER) {
                    found.add(kind);
                    continue;
                }
            }
            graph.find(c, RDFS.subClassOf.asNode(), Node.ANY).mapWith(Triple::getObject).forEachRemaining(todo::push);
        }
        return PRECEDENCE.stream().filter(found::contains).findFirst().orElse(SdKind.OTHER);
    }

    static String localName(String iri) {
        int i = Math.max(iri.lastIndexOf('#'), Math.max(iri.lastIndexOf('/'), iri.lastIndexOf(':')));
        return iri.substring(i + 1);
    }

    /** For messages: what counts as a base class. */
    public String describe() {
        Map<SdKind, List<String>> byKind = new HashMap<>();
        GAIA_X_CLASSES.forEach((name, kind) -> byKind.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(name));
        StringBuilder sb = new StringBuilder("Gaia-X ");
        for (SdKind kind : PRECEDENCE) {
            sb.append(kind.value()).append(" ").append(byKind.get(kind).stream().sorted().toList()).append(", ");
        }
        sb.append("their subclasses in the loaded ontologies");
        if (!extra.isEmpty()) {
            sb.append(", and ").append(extra.keySet().stream().sorted().toList());
        }
        return sb.toString();
    }
}
