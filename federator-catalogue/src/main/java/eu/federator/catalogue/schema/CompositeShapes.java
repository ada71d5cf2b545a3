package eu.federator.catalogue.schema;

import org.apache.jena.graph.Graph;
import org.apache.jena.shacl.Shapes;

import java.util.List;

/**
 * The composite of every stored shape schema, compiled once for SHACL validation (Jena {@link Shapes} are immutable
 * and safe to use from many threads). Obtain the current one from {@link CompositeShapesSource#current()} for each
 * validation; hold on to it only for the duration of one.
 *
 * @param revision  the store revision it is current for
 * @param schemaIds the shape schemas it contains
 * @param graph     the union shapes graph (read-only)
 * @param shapes    the compiled shapes
 */
public record CompositeShapes(long revision, List<String> schemaIds, Graph graph, Shapes shapes) {
    public CompositeShapes {
        schemaIds = List.copyOf(schemaIds);
    }

    public boolean isEmpty() {
        return schemaIds.isEmpty();
    }

    CompositeShapes at(long newRevision) {
        return new CompositeShapes(newRevision, schemaIds, graph, shapes);
    }
}
