package eu.federator.catalogue.query;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.graph.GraphFactory;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Serialisations of {@link QueryOutcome}s, chosen by media type. */
public final class ResultFormats {
    /** The XFSC shape {@code {"totalCount": n, "items": [{var: value}]}}. */
    public static final String XFSC_JSON = "application/json";
    public static final String SPARQL_JSON = "application/sparql-results+json";
    public static final String SPARQL_XML = "application/sparql-results+xml";
    public static final String CSV = "text/csv";
    public static final String TSV = "text/tab-separated-values";
    public static final String JSON_LD = "application/ld+json";
    public static final String TURTLE = "text/turtle";
    public static final String N_TRIPLES = "application/n-triples";

    private ResultFormats() {
    }

    /** Whether {@code mediaType} (no parameters) can carry this kind of result. */
    public static boolean supports(PreparedQuery.Kind kind, String mediaType) {
        return switch (mediaType) {
            case XFSC_JSON -> true;
            case SPARQL_JSON, SPARQL_XML -> !kind.graph();
            case CSV, TSV -> kind == PreparedQuery.Kind.SELECT;
            case JSON_LD, TURTLE, N_TRIPLES -> kind.graph();
            default -> false;
        };
    }

    /** The format used when the client accepts anything: XFSC JSON for SELECT and ASK, JSON-LD for graphs. */
    public static String preferred(PreparedQuery.Kind kind) {
        return kind.graph() ? JSON_LD : XFSC_JSON;
    }

    public static byte[] write(QueryOutcome outcome, String mediaType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (outcome) {
            case QueryOutcome.Select select -> {
                if (mediaType.equals(XFSC_JSON)) {
                    return xfsc(select).getBytes(StandardCharsets.UTF_8);
                }
                ResultSet rs = ResultSet.adapt(RowSetStream.create(select.vars(), select.rows().iterator()));
                ResultSetMgr.write(out, rs, resultLang(mediaType));
            }
            case QueryOutcome.Ask ask -> {
                if (mediaType.equals(XFSC_JSON)) {
                    return Json.createObjectBuilder().add("totalCount", 1)
                            .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("result", ask.result())))
                            .build().toString().getBytes(StandardCharsets.UTF_8);
                }
                ResultSetMgr.write(out, ask.result(), resultLang(mediaType));
            }
            case QueryOutcome.GraphResult graph -> {
                var g = GraphFactory.createDefaultGraph();
                g.getPrefixMapping().setNsPrefixes(graph.prefixes());
                graph.graph().find().forEachRemaining(g::add);
                RDFFormat format = switch (mediaType) {
                    case TURTLE -> RDFFormat.TURTLE_PRETTY;
                    case N_TRIPLES -> RDFFormat.NTRIPLES;
                    default -> RDFFormat.JSONLD11;
                };
                RDFDataMgr.write(out, g, format);
            }
        }
        return out.toByteArray();
    }

    private static Lang resultLang(String mediaType) {
        return switch (mediaType) {
            case SPARQL_XML -> ResultSetLang.RS_XML;
            case CSV -> ResultSetLang.RS_CSV;
            case TSV -> ResultSetLang.RS_TSV;
            default -> ResultSetLang.RS_JSON;
        };
    }

    /**
     * XFSC items: IRIs as their full string, numbers and booleans as JSON numbers and booleans, other literals as
     * their lexical form, blank nodes as {@code _:label}; unbound variables are absent. {@code totalCount} is the real
     * count when asked for, otherwise the number of items.
     */
    static String xfsc(QueryOutcome.Select select) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Binding row : select.rows()) {
            JsonObjectBuilder item = Json.createObjectBuilder();
            for (Var v : select.vars()) {
                Node n = row.get(v);
                if (n != null) {
                    value(item, v.getVarName(), n);
                }
            }
            items.add(item);
        }
        long total = select.totalCount() >= 0 ? select.totalCount() : select.rows().size();
        return Json.createObjectBuilder().add("totalCount", total).add("items", items).build().toString();
    }

    private static void value(JsonObjectBuilder item, String name, Node n) {
        if (n.isURI()) {
            item.add(name, n.getURI());
        } else if (n.isBlank()) {
            item.add(name, "_:" + n.getBlankNodeLabel());
        } else if (n.isLiteral()) {
            Optional<BigDecimal> number = number(n);
            if (number.isPresent()) {
                item.add(name, number.get());
            } else if (XSDDatatype.XSDboolean.getURI().equals(n.getLiteralDatatypeURI()) && n.getLiteralLexicalForm().matches("true|false|1|0")) {
                item.add(name, n.getLiteralLexicalForm().equals("true") || n.getLiteralLexicalForm().equals("1"));
            } else {
                item.add(name, n.getLiteralLexicalForm());
            }
        } else {
            item.add(name, n.toString());
        }
    }

    private static Optional<BigDecimal> number(Node n) {
        String dt = n.getLiteralDatatypeURI();
        if (dt == null || !dt.startsWith(XSDDatatype.XSD + "#")) {
            return Optional.empty();
        }
        String local = dt.substring(XSDDatatype.XSD.length() + 1);
        if (!local.matches("integer|decimal|long|int|short|byte|nonNegativeInteger|positiveInteger|nonPositiveInteger|negativeInteger"
                + "|unsignedLong|unsignedInt|unsignedShort|unsignedByte|double|float")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(n.getLiteralLexicalForm().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // NaN, INF or ill-formed: keep the text
        }
    }
}
