package eu.federator.catalogue.schema;

import org.apache.jena.graph.Graph;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link SchemaAnalyzer} found in a schema.
 *
 * @param type   ontology, shape or vocabulary
 * @param id     the ontology IRI, the concept-scheme IRI, or for shapes the SHA-256 hex of the content bytes
 * @param terms  the IRIs the schema defines (blank nodes are not terms), sorted
 * @param syntax the syntax the content parsed as
 * @param graph  the parsed graph
 */
public record SchemaAnalysis(SchemaType type, String id, Set<String> terms, SchemaSyntax syntax, Graph graph) {
    public SchemaAnalysis {
        Objects.requireNonNull(type);
        Objects.requireNonNull(id);
        terms = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(terms));
        Objects.requireNonNull(syntax);
        Objects.requireNonNull(graph);
    }
}
