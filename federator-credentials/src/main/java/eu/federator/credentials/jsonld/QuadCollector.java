package eu.federator.credentials.jsonld;

import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.api.RdfQuadConsumer;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.canon.RdfCanonTicker;
import com.apicatalog.rdf.nquads.NQuadsWriter;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the quads of one document and writes them as RDFC-1.0 canonical N-Quads. With at most one blank
 * node the canonical labelling is known without hashing (the only blank node becomes {@code _:c14n0}), so the
 * quads are just relabelled, de-duplicated and sorted exactly as titanium-rdfc sorts them (by the N-Quads line,
 * {@link String#compareTo}); otherwise the full algorithm runs.
 */
final class QuadCollector implements RdfQuadConsumer {

    static final String ONLY_BLANK_NODE = "_:c14n0";

    private final List<String[]> quads = new ArrayList<>();
    private String blankNode;
    private boolean manyBlankNodes;

    @Override
    public RdfQuadConsumer quad(String subject, String predicate, String object, String datatype, String language,
                                String direction, String graph) {
        note(subject);
        if (!RdfQuadConsumer.isLiteral(datatype, language, direction)) {
            note(object);
        }
        note(graph);
        quads.add(new String[]{subject, predicate, object, datatype, language, direction, graph});
        return this;
    }

    int size() {
        return quads.size();
    }

    boolean fastPathApplies() {
        return !manyBlankNodes;
    }

    String canonical(RdfCanonTicker ticker) throws RdfConsumerException {
        return manyBlankNodes ? viaRdfCanon(ticker) : direct();
    }

    String viaRdfCanon(RdfCanonTicker ticker) throws RdfConsumerException {
        RdfCanon canon = RdfCanon.create("SHA-256", ticker);
        for (String[] q : quads) {
            canon.quad(q[0], q[1], q[2], q[3], q[4], q[5], q[6]);
        }
        StringWriter out = new StringWriter();
        canon.provide(new NQuadsWriter(out));
        return out.toString();
    }

    private String direct() {
        Set<String> lines = new HashSet<>(quads.size() * 2);
        for (String[] q : quads) {
            boolean literal = RdfQuadConsumer.isLiteral(q[3], q[4], q[5]);
            lines.add(NQuadsWriter.nquad(relabel(q[0]), q[1], literal ? q[2] : relabel(q[2]), q[3], q[4], q[5], relabel(q[6])));
        }
        String[] sorted = lines.toArray(new String[0]);
        Arrays.sort(sorted);
        StringBuilder out = new StringBuilder(sorted.length * 160);
        for (String line : sorted) {
            out.append(line);
        }
        return out.toString();
    }

    private String relabel(String term) {
        return term != null && term.equals(blankNode) ? ONLY_BLANK_NODE : term;
    }

    private void note(String term) {
        if (term == null || manyBlankNodes || !RdfQuadConsumer.isBlank(term)) {
            return;
        }
        if (blankNode == null) {
            blankNode = term;
        } else if (!blankNode.equals(term)) {
            manyBlankNodes = true;
        }
    }
}
