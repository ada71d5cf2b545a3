package eu.federator.catalogue.schema;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The union of every stored schema of one type at a store revision (XFSC's "composite schema"), immutable. The
 * Turtle text is produced once, on first request.
 */
public final class CompositeSchema {
    private final SchemaType type;
    private final long revision;
    private final List<String> schemaIds;
    private final Graph graph;
    private volatile String turtle;

    CompositeSchema(SchemaType type, long revision, List<String> schemaIds, Graph graph) {
        this.type = type;
        this.revision = revision;
        this.schemaIds = List.copyOf(schemaIds);
        this.graph = graph;
    }

    public SchemaType type() {
        return type;
    }

    /** The store revision this composite was built at (or confirmed current at). */
    public long revision() {
        return revision;
    }

    /** The ids of the schemas in the union, sorted. */
    public List<String> schemaIds() {
        return schemaIds;
    }

    /** The union graph; read-only. */
    public Graph graph() {
        return graph;
    }

    /** The union as Turtle (empty text when there are no schemas of this type). */
    public String turtle() {
        String t = turtle;
        if (t == null) {
            synchronized (this) {
                t = turtle;
                if (t == null) {
                    t = graph.isEmpty() ? "" : write(graph);
                    turtle = t;
                }
            }
        }
        return t;
    }

    static String write(Graph g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, RDFFormat.TURTLE_BLOCKS);
        return out.toString(StandardCharsets.UTF_8);
    }

    CompositeSchema at(long newRevision) {
        CompositeSchema c = new CompositeSchema(type, newRevision, schemaIds, graph);
        c.turtle = turtle;
        return c;
    }
}
