package eu.federator.catalogue.graph;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One change of the read model; a {@link GraphBatch} applies several atomically with a checkpoint. */
public sealed interface GraphChange {

    /**
     * Replace the claims graph of one self-description (the graph is created if absent) and the prefixes recorded for
     * it. IRIs are stored in full; {@code prefixes} only remember the namespaces the data was written with.
     */
    record PutGraph(String hash, Graph triples, Map<String, String> prefixes) implements GraphChange {
        public PutGraph {
            Vocabulary.sdGraph(hash);
            Objects.requireNonNull(triples, "triples");
            prefixes = prefixes == null ? Map.of() : Map.copyOf(prefixes);
        }

        public String graph() {
            return Vocabulary.sdGraph(hash);
        }

        /**
         * Parse RDF text (Turtle, N-Triples, N-Quads, TriG, JSON-LD). Quads of any graph are merged into the one
         * graph of the self-description; the prefixes declared by the text are kept.
         */
        public static PutGraph parse(String hash, String text, Lang lang) {
            DatasetGraph parsed = DatasetGraphFactory.createTxnMem();
            RDFParser.fromString(text, lang).parse(StreamRDFLib.dataset(parsed));
            Graph merged = GraphFactory.createDefaultGraph();
            parsed.find().forEachRemaining(q -> merged.add(q.asTriple()));
            return new PutGraph(hash, merged, new TreeMap<>(parsed.prefixes().getMapping()));
        }
    }

    /** Remove the claims graph, the metadata and the recorded prefixes of one self-description. */
    record DeleteGraph(String hash) implements GraphChange {
        public DeleteGraph {
            Vocabulary.sdGraph(hash);
        }

        public String graph() {
            return Vocabulary.sdGraph(hash);
        }
    }

    /** Replace the metadata triples of one self-description (its claims graph is untouched). */
    record PutMetadata(SdMetadata metadata) implements GraphChange {
        public PutMetadata {
            Objects.requireNonNull(metadata, "metadata");
        }
    }
}
