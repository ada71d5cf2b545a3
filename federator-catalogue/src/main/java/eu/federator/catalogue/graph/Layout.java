package eu.federator.catalogue.graph;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** How changes become quads; shared by the stores so both write the same layout. */
final class Layout {
    private Layout() {
    }

    static Node sdGraphNode(String hash) {
        return NodeFactory.createURI(Vocabulary.sdGraph(hash));
    }

    static List<Quad> metadataQuads(SdMetadata m) {
        Node g = Vocabulary.METADATA;
        Node sd = sdGraphNode(m.hash());
        List<Quad> quads = new ArrayList<>();
        quads.add(Quad.create(g, sd, RDF.type.asNode(), Vocabulary.SELF_DESCRIPTION));
        quads.add(Quad.create(g, sd, Vocabulary.HASH, NodeFactory.createLiteralString(m.hash())));
        if (m.subject() != null) {
            quads.add(Quad.create(g, sd, Vocabulary.SUBJECT, NodeFactory.createURI(m.subject())));
        }
        if (m.issuer() != null) {
            quads.add(Quad.create(g, sd, Vocabulary.ISSUER, NodeFactory.createURI(m.issuer())));
        }
        time(quads, sd, Vocabulary.VALID_FROM, m.validFrom());
        time(quads, sd, Vocabulary.VALID_UNTIL, m.validUntil());
        if (m.status() != null) {
            quads.add(Quad.create(g, sd, Vocabulary.STATUS, NodeFactory.createLiteralString(m.status())));
        }
        time(quads, sd, Vocabulary.STATUS_TIME, m.statusTime());
        time(quads, sd, Vocabulary.UPLOAD_TIME, m.uploadTime());
        for (String validator : m.validators()) {
            quads.add(Quad.create(g, sd, Vocabulary.VALIDATOR, NodeFactory.createURI(validator)));
        }
        return quads;
    }

    private static void time(List<Quad> quads, Node sd, Node property, Instant value) {
        if (value != null) {
            quads.add(Quad.create(Vocabulary.METADATA, sd, property, NodeFactory.createLiteralDT(value.toString(), XSDDatatype.XSDdateTime)));
        }
    }

    /** {@code <sdGraph> sh:declare <sdGraph#prefix-NAME>. <...> sh:prefix "NAME"; sh:namespace "NS"^^xsd:anyURI} */
    static List<Quad> prefixQuads(String hash, Map<String, String> prefixes) {
        Node sd = sdGraphNode(hash);
        List<Quad> quads = new ArrayList<>();
        prefixes.forEach((prefix, ns) -> {
            Node decl = declaration(hash, prefix);
            quads.add(Quad.create(Vocabulary.STATE, sd, Vocabulary.SH_DECLARE, decl));
            quads.add(Quad.create(Vocabulary.STATE, decl, Vocabulary.SH_PREFIX, NodeFactory.createLiteralString(prefix)));
            quads.add(Quad.create(Vocabulary.STATE, decl, Vocabulary.SH_NAMESPACE, NodeFactory.createLiteralDT(ns, XSDDatatype.XSDanyURI)));
        });
        return quads;
    }

    private static Node declaration(String hash, String prefix) {
        // prefix names are PN_PREFIX (letters, digits, '-', '_', '.'), safe in a fragment; the empty prefix is "-"
        return NodeFactory.createURI(Vocabulary.sdGraph(hash) + "#prefix-" + (prefix.isEmpty() ? "-" : prefix));
    }

    static void putGraphQuads(GraphChange.PutGraph put, Consumer<Quad> sink) {
        Node g = sdGraphNode(put.hash());
        put.triples().find().forEachRemaining(t -> sink.accept(Quad.create(g, t)));
        prefixQuads(put.hash(), put.prefixes()).forEach(sink);
    }

    static Quad checkpointQuad(long sequence) {
        return Quad.create(Vocabulary.STATE, Vocabulary.STATE, Vocabulary.CHECKPOINT,
                NodeFactory.createLiteralDT(Long.toString(sequence), XSDDatatype.XSDlong));
    }
}
