package eu.federator.catalogue.schema;

import org.apache.jena.riot.Lang;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The RDF syntaxes a schema may be submitted in (as XFSC: JSON-LD, RDF/XML, Turtle). */
public enum SchemaSyntax {
    TURTLE("turtle", "text/turtle", Lang.TURTLE),
    JSON_LD("json-ld", "application/ld+json", Lang.JSONLD),
    RDF_XML("rdf-xml", "application/rdf+xml", Lang.RDFXML);

    private static final Pattern XML_START = Pattern.compile("^<(\\?xml|!|[A-Za-z_][\\w.-]*(:[A-Za-z_][\\w.-]*)?[\\s>/])");

    private final String code;
    private final String mediaType;
    private final Lang lang;

    SchemaSyntax(String code, String mediaType, Lang lang) {
        this.code = code;
        this.mediaType = mediaType;
        this.lang = lang;
    }

    public String code() {
        return code;
    }

    /** The media type a stored schema of this syntax is served with. */
    public String mediaType() {
        return mediaType;
    }

    public Lang lang() {
        return lang;
    }

    public static SchemaSyntax ofCode(String code) {
        for (SchemaSyntax s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown schema syntax " + code);
    }

    /**
     * The syntax a Content-Type names: {@code text/turtle}, {@code application/x-turtle}, {@code application/ld+json},
     * {@code application/json}, {@code application/rdf+xml}, {@code application/xml}, {@code text/xml}. Empty for a type
     * that names no syntax ({@code text/plain}, {@code application/octet-stream}: detect from the content).
     *
     * @throws IllegalArgumentException for any other media type
     */
    public static Optional<SchemaSyntax> ofMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/turtle", "application/x-turtle", "application/turtle" -> Optional.of(TURTLE);
            case "application/ld+json", "application/json" -> Optional.of(JSON_LD);
            case "application/rdf+xml", "application/xml", "text/xml" -> Optional.of(RDF_XML);
            case "text/plain", "application/octet-stream", "*/*" -> Optional.empty();
            default -> throw new IllegalArgumentException("unsupported media type " + type);
        };
    }

    /**
     * Guesses the syntax from the first characters: {@code {} or {@code [} is JSON-LD, an XML declaration or element
     * is RDF/XML, anything else Turtle. XFSC tries the three parsers in turn; guessing first gives the error message
     * of the right parser when the content does not parse.
     */
    public static SchemaSyntax sniff(byte[] content) {
        int n = Math.min(content.length, 512);
        String head = new String(content, 0, n, StandardCharsets.UTF_8);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        head = head.stripLeading();
        if (head.startsWith("{") || head.startsWith("[")) {
            return JSON_LD;
        }
        if (XML_START.matcher(head).find()) {
            return RDF_XML;
        }
        return TURTLE;
    }
}
