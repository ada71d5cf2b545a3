package eu.federator.server.portal;

import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What the portal's catalogue pages show of a self-description: its claims as readable rows. */
final class CatalogueView {
    private CatalogueView() {
    }

    /**
     * @param subject   the subject, shortened with the self-description's prefixes
     * @param property  the property, shortened
     * @param value     the object: a literal's text, or a shortened IRI
     * @param link      an absolute http(s) IRI of the object, for a link, else null
     */
    record Claim(String subject, String property, String value, String link) {
    }

    static List<Claim> claims(SelfDescriptionStore.Projected row) {
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(row.claims(), Lang.NTRIPLES).parse(graph);
        Map<String, String> prefixes = row.prefixes();
        List<Claim> claims = new ArrayList<>();
        graph.find().forEachRemaining(t -> claims.add(new Claim(term(t.getSubject(), prefixes), term(t.getPredicate(), prefixes),
                t.getObject().isLiteral() ? t.getObject().getLiteralLexicalForm() : term(t.getObject(), prefixes),
                t.getObject().isURI() && t.getObject().getURI().matches("https?://.*") ? t.getObject().getURI() : null)));
        claims.sort(Comparator.comparing(Claim::subject).thenComparing(Claim::property).thenComparing(Claim::value));
        return claims;
    }

    private static String term(Node node, Map<String, String> prefixes) {
        if (node.isBlank()) {
            return "_:" + node.getBlankNodeLabel().substring(0, Math.min(8, node.getBlankNodeLabel().length()));
        }
        if (!node.isURI()) {
            return node.toString();
        }
        String iri = node.getURI();
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            if (iri.startsWith(p.getValue()) && iri.length() > p.getValue().length()) {
                return p.getKey() + ":" + iri.substring(p.getValue().length());
            }
        }
        return iri;
    }

    /** A name for a list or a heading: the title, else the subject. */
    static String name(SelfDescription sd) {
        return sd.title() != null ? sd.title() : sd.subject();
    }
}
