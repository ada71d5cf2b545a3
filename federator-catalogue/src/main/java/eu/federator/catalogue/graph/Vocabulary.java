package eu.federator.catalogue.graph;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import java.util.regex.Pattern;

/**
 * The IRIs of the read model.
 * <ul>
 *   <li>Each self-description's claims are one named graph {@code urn:federator:sd:<sha256>} ({@link #sdGraph}).</li>
 *   <li>Credential metadata (issuer, validity, lifecycle status, hash, ...) are triples about that graph IRI in the
 *   public named graph {@value #METADATA_GRAPH}, vocabulary {@value #NS} (prefix {@code fc:}), so a query joins
 *   {@code GRAPH ?g { ... }} with {@code ?g fc:status "active"}.</li>
 *   <li>The projector's state (checkpoint, prefixes of what was loaded) is in {@value #STATE_GRAPH}; the embedded
 *   store hides that graph from {@code POST /query}.</li>
 * </ul>
 */
public final class Vocabulary {
    /** The catalogue vocabulary namespace; prefix {@code fc:}. */
    public static final String NS = "urn:federator:catalogue:";
    public static final String SD_GRAPH_PREFIX = "urn:federator:sd:";
    public static final String METADATA_GRAPH = "urn:federator:catalogue:metadata";
    public static final String STATE_GRAPH = "urn:federator:graph:state";
    /** SHACL's prefix declarations ({@code sh:declare [sh:prefix; sh:namespace]}) record the prefixes of loaded data. */
    public static final String SH = "http://www.w3.org/ns/shacl#";

    public static final Node METADATA = NodeFactory.createURI(METADATA_GRAPH);
    public static final Node STATE = NodeFactory.createURI(STATE_GRAPH);
    public static final Node CHECKPOINT = NodeFactory.createURI(NS + "checkpoint");
    public static final Node SELF_DESCRIPTION = NodeFactory.createURI(NS + "SelfDescription");
    public static final Node HASH = NodeFactory.createURI(NS + "hash");
    public static final Node SUBJECT = NodeFactory.createURI(NS + "subject");
    public static final Node ISSUER = NodeFactory.createURI(NS + "issuer");
    public static final Node VALID_FROM = NodeFactory.createURI(NS + "validFrom");
    public static final Node VALID_UNTIL = NodeFactory.createURI(NS + "validUntil");
    public static final Node STATUS = NodeFactory.createURI(NS + "status");
    public static final Node STATUS_TIME = NodeFactory.createURI(NS + "statusTime");
    public static final Node UPLOAD_TIME = NodeFactory.createURI(NS + "uploadTime");
    public static final Node VALIDATOR = NodeFactory.createURI(NS + "validator");
    public static final Node SH_DECLARE = NodeFactory.createURI(SH + "declare");
    public static final Node SH_PREFIX = NodeFactory.createURI(SH + "prefix");
    public static final Node SH_NAMESPACE = NodeFactory.createURI(SH + "namespace");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Vocabulary() {
    }

    /** The named graph of the self-description with this SHA-256 (lower-case hex). */
    public static String sdGraph(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return SD_GRAPH_PREFIX + sha256;
    }

    /** Whether this graph IRI belongs to the store itself (not to a self-description or the metadata graph). */
    public static boolean internal(String graph) {
        return STATE_GRAPH.equals(graph);
    }
}
