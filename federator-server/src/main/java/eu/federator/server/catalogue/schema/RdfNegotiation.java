package eu.federator.server.catalogue.schema;

import eu.federator.catalogue.schema.SchemaSyntax;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Picks the RDF syntax of a response from the Accept header. */
final class RdfNegotiation {
    /** The syntaxes a schema or composite can be served in, by media type. */
    static final Map<String, RDFFormat> FORMATS = Map.of(
            "text/turtle", RDFFormat.TURTLE_BLOCKS,
            "application/ld+json", RDFFormat.JSONLD11,
            "application/json", RDFFormat.JSONLD11,
            "application/rdf+xml", RDFFormat.RDFXML_PLAIN,
            "application/n-triples", RDFFormat.NTRIPLES);
    static final List<String> OFFERED = List.of("text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples");

    /**
     * @param preferred the media type that needs no conversion (the stored syntax, or text/turtle for composites)
     * @return the chosen media type (one of {@link #FORMATS}' keys or {@code text/plain}), or null when nothing acceptable
     */
    static String choose(String accept, String preferred) {
        if (accept == null || accept.isBlank()) {
            return preferred;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return preferred;
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType t : types) {
            if (t.getQualityValue() <= 0) {
                continue;
            }
            if (t.includes(MediaType.parseMediaType(preferred))) {
                return preferred;
            }
            String plain = t.getType() + "/" + t.getSubtype();
            if (FORMATS.containsKey(plain)) {
                return plain;
            }
            if (plain.equals("text/plain")) {
                return plain;
            }
        }
        return null;
    }

    static byte[] write(Graph graph, String mediaType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, graph, FORMATS.get(mediaType));
        return out.toByteArray();
    }

    static boolean sameSyntax(String mediaType, SchemaSyntax syntax) {
        return syntax.mediaType().equals(mediaType) || (syntax == SchemaSyntax.JSON_LD && mediaType.equals("application/json"))
                || mediaType.equals("text/plain");
    }

    static Lang lang(String mediaType) {
        return FORMATS.get(mediaType).getLang();
    }

    private RdfNegotiation() {
    }
}
