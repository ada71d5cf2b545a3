package eu.federator.trustframework.forms;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One input of a {@link Form}: a property shape with a single-predicate path.
 *
 * @param key          the field's name inside its form (the local name of the path, unique in the form); nested
 *                     fields are addressed as {@code parent.child}, repeated ones as {@code key[0]}, {@code key[1]}
 * @param pathIri      the property ({@code sh:path})
 * @param term         the JSON-LD key the value is written under, compacted with the version's context prefixes
 *                     (e.g. {@code gx:legalAddress}, {@code vcard:street-address})
 * @param label        sh:name, else rdfs:label of the property, else its local name in words
 * @param help         sh:description / rdfs:comment, or null
 * @param kind         which control renders it and how its text becomes a JSON-LD value
 * @param datatype     the literal datatype IRI (sh:datatype) for literal kinds, else null
 * @param minCount     sh:minCount (0 when absent)
 * @param maxCount     sh:maxCount, or null when unbounded
 * @param choices      sh:in (or a union of sh:in under sh:or / sh:xone), empty when free input
 * @param pattern      sh:pattern, or null
 * @param patternFlags sh:flags, or null
 * @param minLength    sh:minLength, or null
 * @param maxLength    sh:maxLength, or null
 * @param minInclusive sh:minInclusive (lexical form), or null; likewise the other three bounds
 * @param nested       the form of the embedded node ({@link Kind#NESTED}), else null
 * @param classIri     sh:class: the type an embedded node gets, or the class a reference must point to; else null
 * @param order        sh:order (fields without one come last)
 * @param group        the label of the sh:group, or null
 * @param groupOrder   sh:order of the group
 * @param message      sh:message of the property shape, or null (used instead of generated messages)
 * @param defaultValue sh:defaultValue (lexical form), or null
 */
public record Field(String key, String pathIri, String term, String label, String help, Kind kind, String datatype,
                    int minCount, Integer maxCount, List<Choice> choices, String pattern, String patternFlags,
                    Integer minLength, Integer maxLength, String minInclusive, String maxInclusive, String minExclusive,
                    String maxExclusive, Form nested, String classIri, double order, String group, double groupOrder,
                    String message, String defaultValue) {

    /** How a field is rendered and bound. */
    public enum Kind {
        /** free text, a plain or typed literal */
        TEXT("text"),
        /** xsd:anyURI literal */
        URL("url"),
        /** xsd:date */
        DATE("date"),
        /** xsd:dateTime / xsd:dateTimeStamp */
        DATETIME("datetime-local"),
        /** xsd:integer and its restrictions */
        INTEGER("number"),
        /** xsd:decimal, xsd:float, xsd:double */
        DECIMAL("number"),
        /** xsd:boolean */
        BOOLEAN("checkbox"),
        /** one of sh:in */
        CHOICE("select"),
        /** a reference to another node by IRI (another credential subject, a DID, ...) */
        IRI("url"),
        /** an embedded node with its own fields */
        NESTED("fieldset");

        private final String control;

        Kind(String control) {
            this.control = control;
        }

        /** The HTML input type (or {@code select} / {@code fieldset}). */
        public String control() {
            return control;
        }
    }

    /**
     * One allowed value.
     *
     * @param value    the lexical form or IRI as submitted by the form
     * @param label    what the user sees
     * @param datatype the literal's datatype IRI, or null for an IRI value
     */
    public record Choice(String value, String label, String datatype) {
        public boolean iri() {
            return datatype == null;
        }
    }

    private static final Pattern INDEXED = Pattern.compile("\\[(\\d{1,6})]");

    public Field {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pathIri, "pathIri");
        Objects.requireNonNull(kind, "kind");
        choices = List.copyOf(choices);
    }

    /** {@code sh:minCount >= 1}. */
    public boolean required() {
        return minCount >= 1;
    }

    /** {@code sh:maxCount} absent or greater than 1: the form offers several inputs. */
    public boolean repeatable() {
        return maxCount == null || maxCount > 1;
    }

    /** The HTML input type for input-rendered kinds. */
    public String inputType() {
        return kind.control();
    }

    /** Choices are rendered as a {@code <select>} up to this many; longer code lists as an input with a datalist. */
    public static final int SELECT_LIMIT = 100;

    public boolean select() {
        return kind == Kind.CHOICE && choices.size() <= SELECT_LIMIT;
    }

    /** The {@code step} attribute of a number input. */
    public String step() {
        return kind == Kind.INTEGER ? "1" : "any";
    }

    /** {@code min} for number and date inputs (inclusive bounds only; exclusive ones are checked on the server). */
    public String htmlMin() {
        return kind == Kind.INTEGER && minInclusive == null && minExclusive != null ? plusOne(minExclusive, 1) : minInclusive;
    }

    /** {@code max} for number and date inputs. */
    public String htmlMax() {
        return kind == Kind.INTEGER && maxInclusive == null && maxExclusive != null ? plusOne(maxExclusive, -1) : maxInclusive;
    }

    private static String plusOne(String integer, int delta) {
        try {
            return new java.math.BigInteger(integer.trim()).add(java.math.BigInteger.valueOf(delta)).toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The HTML5 {@code pattern} attribute: the browser anchors the whole value, SHACL searches, so an unanchored side
     * gets {@code .*}. Null when the pattern has flags (HTML cannot express them; the server still checks).
     */
    public String htmlPattern() {
        if (pattern == null || (patternFlags != null && !patternFlags.isBlank())) {
            return null;
        }
        String p = pattern;
        boolean start = p.startsWith("^");
        boolean end = p.endsWith("$") && !p.endsWith("\\$");
        String core = p.substring(start ? 1 : 0, end ? p.length() - 1 : p.length());
        return (start ? "" : ".*") + "(?:" + core + ")" + (end ? "" : ".*");
    }

    /**
     * The indices in use for this repeatable field under {@code fullKey} in submitted values (keys
     * {@code fullKey[i]} or {@code fullKey[i].child}), sorted; used by the template to render one input (or fieldset)
     * per value plus an empty one.
     */
    public List<Integer> indices(Map<String, List<String>> values, String fullKey) {
        TreeSet<Integer> found = new TreeSet<>();
        if (values != null) {
            for (String k : values.keySet()) {
                if (k.startsWith(fullKey + "[")) {
                    Matcher m = INDEXED.matcher(k);
                    if (m.find(fullKey.length()) && m.start() == fullKey.length()) {
                        found.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** The next free index under {@code fullKey}: where the empty extra input goes. */
    public int nextIndex(Map<String, List<String>> values, String fullKey) {
        List<Integer> used = indices(values, fullKey);
        return used.isEmpty() ? 0 : used.getLast() + 1;
    }
}
