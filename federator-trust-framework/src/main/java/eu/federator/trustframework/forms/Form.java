package eu.federator.trustframework.forms;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A web form generated from one SHACL node shape of a trust-framework version: the fields of its property shapes,
 * in {@code sh:group} / {@code sh:order} order. Immutable; built and cached by {@link ShapeForms}.
 *
 * @param shapeIri    the node shape
 * @param targetClass the class the shape targets ({@code sh:targetClass}), or null
 * @param title       sh:name of the shape, else the class's label, else its local name in words
 * @param help        sh:description / rdfs:comment of the shape, or null
 * @param fields      the fields, ordered
 * @param notes       what the shape requires that the form cannot show as a field (node-level sh:or, sh:not, paths
 *                    other than a single predicate, ...); these rules are still enforced by the SHACL validation
 */
public record Form(String shapeIri, String targetClass, String title, String help, List<Field> fields, List<String> notes) {

    public Form {
        Objects.requireNonNull(shapeIri, "shapeIri");
        fields = List.copyOf(fields);
        notes = List.copyOf(notes);
    }

    /** The field with this key (relative to this form, no index). */
    public Optional<Field> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** The field bound to this property IRI. */
    public Optional<Field> fieldForPath(String pathIri) {
        return fields.stream().filter(f -> f.pathIri().equals(pathIri)).findFirst();
    }

    /** The fields the shapes require ({@code sh:minCount >= 1}). */
    public List<Field> requiredFields() {
        return fields.stream().filter(Field::required).toList();
    }
}
