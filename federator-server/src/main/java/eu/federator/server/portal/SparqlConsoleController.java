package eu.federator.server.portal;

import eu.federator.catalogue.graph.GraphStoreException;
import eu.federator.catalogue.query.QueryOutcome;
import eu.federator.catalogue.query.QueryRejectedException;
import eu.federator.catalogue.query.QueryTimeoutException;
import eu.federator.catalogue.query.SparqlQueries;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.Var;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SPARQL console for power users: a query in a text area, the answer as a table, example queries to start from.
 * The same read-only rules, limits and timeout as {@code POST /query}. A GET form (reads change nothing), so a query is
 * a link that can be shared.
 */
@Controller
@Hidden
public class SparqlConsoleController {
    static final int MAX_QUERY = 10_000;
    static final String PREFIXES = """
            PREFIX gx: <https://w3id.org/gaia-x/development#>
            PREFIX fc: <urn:federator:catalogue:>
            """;

    /** An example: what it shows, and the query. */
    public record Example(String title, String query) {
    }

    static final List<Example> EXAMPLES = List.of(
            new Example("Active service offerings and their keywords", PREFIXES + """
                    SELECT ?offering ?keyword WHERE {
                      GRAPH ?g { ?offering a gx:ServiceOffering . OPTIONAL { ?offering gx:keyword ?keyword } }
                      ?g fc:status "active"
                    } LIMIT 20"""),
            new Example("Self-descriptions by lifecycle status", PREFIXES + """
                    SELECT ?status (COUNT(*) AS ?n) WHERE { ?g fc:status ?status } GROUP BY ?status ORDER BY DESC(?n)"""),
            new Example("Offerings per provider", PREFIXES + """
                    SELECT ?provider (COUNT(?offering) AS ?offerings) WHERE {
                      ?offering gx:providedBy ?provider
                    } GROUP BY ?provider ORDER BY DESC(?offerings) LIMIT 20"""),
            new Example("Participants and their country", PREFIXES + """
                    SELECT ?participant ?country WHERE {
                      ?participant a gx:LegalPerson ; gx:legalAddress/gx:countryCode ?country
                    } LIMIT 20"""));

    private final SparqlQueries queries;

    public SparqlConsoleController(SparqlQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/catalogue/sparql")
    public String console(@RequestParam(defaultValue = "") String query, Model model, HttpServletResponse response) {
        model.addAttribute("examples", EXAMPLES);
        model.addAttribute("query", query.isBlank() ? EXAMPLES.getFirst().query() : query);
        if (query.isBlank()) {
            return "portal/sparql";
        }
        if (query.length() > MAX_QUERY) {
            return error(model, response, 400, "The query is longer than " + MAX_QUERY + " characters.");
        }
        try {
            QueryOutcome outcome = queries.execute(queries.prepare(query, Map.of()), queries.timeout(null), true);
            switch (outcome) {
                case QueryOutcome.Select select -> {
                    model.addAttribute("vars", select.vars().stream().map(Var::getVarName).toList());
                    List<List<String>> rows = new ArrayList<>();
                    select.rows().forEach(b -> rows.add(select.vars().stream().map(v -> text(b.get(v))).toList()));
                    model.addAttribute("rows", rows);
                    model.addAttribute("total", select.totalCount());
                    model.addAttribute("limit", select.limit());
                }
                case QueryOutcome.Ask ask -> model.addAttribute("ask", ask.result());
                case QueryOutcome.GraphResult graph -> {
                    org.apache.jena.rdf.model.Model result = ModelFactory.createModelForGraph(graph.graph()); // a materialised copy: prefixes may be set
                    result.setNsPrefixes(graph.prefixes());
                    StringWriter turtle = new StringWriter();
                    RDFDataMgr.write(turtle, result, Lang.TURTLE);
                    model.addAttribute("turtle", turtle.toString());
                }
            }
            return "portal/sparql";
        } catch (QueryRejectedException e) {
            return error(model, response, 400, e.getMessage());
        } catch (QueryTimeoutException e) {
            return error(model, response, 504, e.getMessage() + " Add a LIMIT or a more selective pattern.");
        } catch (GraphStoreException e) {
            return error(model, response, 503, "The catalogue graph is unavailable; try again later.");
        }
    }

    private static String error(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("error", message);
        return "portal/sparql";
    }

    private static String text(Node node) {
        if (node == null) {
            return "";
        }
        return node.isLiteral() ? node.getLiteralLexicalForm() : node.isURI() ? node.getURI() : node.toString();
    }
}
