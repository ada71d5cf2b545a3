package eu.federator.catalogue.query;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The XFSC {@code parameters} object as SPARQL variable bindings. Each key names a variable (without {@code ?});
 * each value becomes one RDF term:
 * <ul>
 *   <li>a JSON string → a plain string literal (never parsed as SPARQL: no injection);</li>
 *   <li>a JSON number → xsd:integer (no fraction or exponent) or xsd:decimal / xsd:double;</li>
 *   <li>true / false → xsd:boolean;</li>
 *   <li>{@code {"@id": "https://..."}} → an IRI;</li>
 *   <li>{@code {"@value": "...", "@type": "datatype IRI"}} or {@code {"@value": "...", "@language": "en"}} → that literal
 *   (JSON-LD value objects).</li>
 * </ul>
 * null, arrays and other objects are rejected.
 */
public final class QueryParameters {
    private static final Pattern VARNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private QueryParameters() {
    }

    public static Map<String, Node> fromJson(JsonObject parameters) {
        Map<String, Node> result = new LinkedHashMap<>();
        if (parameters == null) {
            return result;
        }
        parameters.forEach((name, value) -> result.put(checkName(name), node(name, value)));
        return result;
    }

    static String checkName(String name) {
        if (!VARNAME.matcher(name).matches()) {
            throw new QueryRejectedException(QueryRejectedException.Reason.PARAMETER,
                    "parameter \"" + name + "\" is not a SPARQL variable name (letters, digits and _; no ? or $)");
        }
        return name;
    }

    private static Node node(String name, JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> NodeFactory.createLiteralString(((JsonString) value).getString());
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                String text = n.toString();
                if (n.isIntegral() && !text.contains(".") && !text.contains("e") && !text.contains("E")) {
                    yield NodeFactory.createLiteralDT(n.bigIntegerValue().toString(), XSDDatatype.XSDinteger);
                }
                yield text.contains("e") || text.contains("E") ? NodeFactory.createLiteralDT(text, XSDDatatype.XSDdouble)
                        : NodeFactory.createLiteralDT(n.bigDecimalValue().toPlainString(), XSDDatatype.XSDdecimal);
            }
            case TRUE -> NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean);
            case FALSE -> NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean);
            case OBJECT -> object(name, value.asJsonObject());
            default -> throw new QueryRejectedException(QueryRejectedException.Reason.PARAMETER, "parameter \"" + name + "\" is "
                    + value.getValueType().name().toLowerCase() + ": give a string, number, boolean, {\"@id\": IRI} or a JSON-LD value object");
        };
    }

    private static Node object(String name, JsonObject o) {
        if (o.size() == 1 && o.get("@id") instanceof JsonString id) {
            String iri = id.getString();
            if (!iri.matches("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]*")) {
                throw new QueryRejectedException(QueryRejectedException.Reason.PARAMETER,
                        "parameter \"" + name + "\": \"" + iri + "\" is not an absolute IRI");
            }
            return NodeFactory.createURI(iri);
        }
        if (o.get("@value") instanceof JsonString lexical && o.size() <= 2) {
            if (o.get("@type") instanceof JsonString type) {
                return NodeFactory.createLiteralDT(lexical.getString(), TypeMapper.getInstance().getSafeTypeByName(type.getString()));
            }
            if (o.get("@language") instanceof JsonString lang) {
                return NodeFactory.createLiteralLang(lexical.getString(), lang.getString());
            }
            if (o.size() == 1) {
                return NodeFactory.createLiteralString(lexical.getString());
            }
        }
        throw new QueryRejectedException(QueryRejectedException.Reason.PARAMETER, "parameter \"" + name
                + "\": an object must be {\"@id\": IRI} or a JSON-LD value object {\"@value\", \"@type\" | \"@language\"}");
    }
}
