package eu.federator.trustframework.registry;

import eu.federator.credentials.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph as flattened, expanded JSON-LD (one node object per subject, full IRIs, blank nodes as {@code _:bN}).
 * Linear in the graph size: compacting a 2 MB shape graph with a context through a JSON-LD processor takes minutes.
 */
final class ExpandedJsonLd {
    private ExpandedJsonLd() {
    }

    static byte[] write(Model model) {
        Map<Resource, Map<String, List<RDFNode>>> nodes = new LinkedHashMap<>();
        Map<Resource, String> blank = new LinkedHashMap<>();
        model.listStatements().forEachRemaining((Statement s) -> nodes
                .computeIfAbsent(s.getSubject(), k -> new LinkedHashMap<>())
                .computeIfAbsent(s.getPredicate().getURI(), k -> new ArrayList<>())
                .add(s.getObject()));
        JsonArrayBuilder graph = Json.provider().createArrayBuilder();
        nodes.forEach((subject, properties) -> {
            JsonObjectBuilder node = Json.provider().createObjectBuilder().add("@id", id(subject, blank));
            properties.forEach((predicate, objects) -> {
                JsonArrayBuilder values = Json.provider().createArrayBuilder();
                if (predicate.equals(RDF.type.getURI()) && objects.stream().allMatch(RDFNode::isResource)) {
                    objects.forEach(o -> values.add(id(o.asResource(), blank)));
                    node.add("@type", values);
                    return;
                }
                for (RDFNode o : objects) {
                    if (o.isResource()) {
                        values.add(Json.provider().createObjectBuilder().add("@id", id(o.asResource(), blank)));
                    } else {
                        Literal l = o.asLiteral();
                        JsonObjectBuilder value = Json.provider().createObjectBuilder().add("@value", l.getLexicalForm());
                        if (!l.getLanguage().isEmpty()) {
                            value.add("@language", l.getLanguage());
                        } else if (l.getDatatypeURI() != null && !l.getDatatypeURI().equals("http://www.w3.org/2001/XMLSchema#string")) {
                            value.add("@type", l.getDatatypeURI());
                        }
                        values.add(value);
                    }
                }
                node.add(predicate, values);
            });
            graph.add(node);
        });
        return Json.write(Json.provider().createObjectBuilder().add("@graph", graph).build()).getBytes(StandardCharsets.UTF_8);
    }

    private static String id(Resource r, Map<Resource, String> blank) {
        return r.isAnon() ? blank.computeIfAbsent(r, k -> "_:b" + blank.size()) : r.getURI();
    }
}
