package eu.federator.catalogue.schema;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of RDF schema the catalogue keeps (XFSC {@code SchemaType}). */
public enum SchemaType {
    /** An OWL ontology: exactly one {@code owl:Ontology}; its IRI is the schema id. */
    ONTOLOGY("ontology", "ontologies"),
    /** SHACL shapes: any {@code sh:NodeShape} or {@code sh:PropertyShape}; the id is the SHA-256 of the content. */
    SHAPE("shape", "shapes"),
    /** A SKOS vocabulary: exactly one {@code skos:ConceptScheme}; its IRI is the schema id. */
    VOCABULARY("vocabulary", "vocabularies");

    private final String code;
    private final String plural;

    SchemaType(String code, String plural) {
        this.code = code;
        this.plural = plural;
    }

    /** Lower-case name stored in the database and used in the API ({@code ?type=shape}). */
    public String code() {
        return code;
    }

    /** The key of this type in the {@code GET /schemas} listing. */
    public String plural() {
        return plural;
    }

    /** Parses {@code ontology}, {@code SHAPE}, {@code Vocabulary}, ... (case-insensitive, as XFSC since 2023). */
    public static Optional<SchemaType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (SchemaType type : values()) {
            if (type.code.equals(t)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
