package eu.federator.server.portal;

import eu.federator.catalogue.sd.Compliance;
import eu.federator.catalogue.sd.IngestReport;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the portal's catalogue pages show: the search's selection as links (every facet value a link that toggles it,
 * keeping the rest), and of a self-description its claims and its verification report as readable rows.
 */
final class CatalogueView {
    private CatalogueView() {
    }

    /** Facet dimension → its query parameter. */
    static final Map<String, String> PARAMETERS = parameters();
    static final Map<String, String> LABELS = Map.of("kind", "Type", "provider", "Provider", "keyword", "Keyword", "country", "Country",
            "compliance", "Compliance", "status", "Lifecycle");
    private static final Map<String, String> COMPLIANCE_LABELS = Map.of("compliant", "Gaia-X compliant",
            "non-compliant", "Compliance credential not valid for it", "none", "No compliance credential",
            "not-checked", "Not checked (stored before compliance was recorded)");
    static final List<Option> SORTS = List.of(new Option("relevance", "Relevance"), new Option("newest", "Newest first"),
            new Option("oldest", "Oldest first"), new Option("name", "Name A–Z"));

    private static Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kind", "kinds");
        p.put("provider", "providers");
        p.put("keyword", "keywords");
        p.put("country", "countries");
        p.put("compliance", "compliance");
        p.put("status", "statuses");
        return Collections.unmodifiableMap(p);
    }

    record Link(String label, String href) {
    }

    /** An option of a select. */
    record Option(String value, String label) {
    }

    /** A hidden input of the search form. */
    record Input(String name, String value) {
    }

    /** A facet: its values with counts, each a link that adds it to the selection or takes it out. */
    record Facet(String dimension, String label, List<FacetValue> values) {
    }

    record FacetValue(String value, String label, long count, boolean selected, String href) {
    }

    /**
     * What a search page shows: the text, the selected values per dimension (statuses as searched: active when none was
     * asked for), the order.
     */
    record Selection(String q, Map<String, List<String>> selected, String sort) {
        static Selection of(SdSearch s) {
            Map<String, List<String>> selected = new LinkedHashMap<>();
            selected.put("kind", s.kinds().stream().map(SdKind::value).sorted().toList());
            selected.put("provider", s.providers());
            selected.put("keyword", s.keywords());
            selected.put("country", s.countries());
            selected.put("compliance", s.compliance().stream().map(Compliance::value).sorted().toList());
            selected.put("status", s.statuses().stream().map(Lifecycle::value).sorted().toList());
            return new Selection(s.text(), selected, s.sort().value());
        }

        List<String> of(String dimension) {
            return selected.getOrDefault(dimension, List.of());
        }

        /** The same selection with {@code value} of {@code dimension} added, or taken out when it is selected. */
        Selection toggled(String dimension, String value) {
            Map<String, List<String>> copy = new LinkedHashMap<>(selected);
            List<String> values = new ArrayList<>(of(dimension));
            if (!values.remove(value)) {
                values.add(value);
            }
            copy.put(dimension, List.copyOf(values));
            return new Selection(q, copy, sort);
        }

        /** The text and the order only. */
        Selection cleared() {
            return new Selection(q, Map.of(), sort);
        }

        boolean filtered() {
            return selected.entrySet().stream().anyMatch(e -> e.getKey().equals("status")
                    ? !e.getValue().equals(List.of("active")) : !e.getValue().isEmpty());
        }

        /** The hidden inputs of the search form: every selected value but the default status. */
        public List<Input> hidden() {
            List<Input> inputs = new ArrayList<>();
            PARAMETERS.forEach((dimension, parameter) -> {
                if (!(dimension.equals("status") && of(dimension).equals(List.of("active")))) {
                    of(dimension).forEach(v -> inputs.add(new Input(parameter, v)));
                }
            });
            return inputs;
        }

        String href(int page) {
            StringJoiner query = new StringJoiner("&");
            if (!q.isEmpty()) {
                query.add("q=" + encode(q));
            }
            hidden().forEach(input -> query.add(input.name() + "=" + encode(input.value())));
            if (!sort.equals("relevance")) {
                query.add("sort=" + encode(sort));
            }
            if (page > 1) {
                query.add("page=" + page);
            }
            return query.length() == 0 ? "/catalogue" : "/catalogue?" + query;
        }
    }

    /** The facets in page order; a selected value without matches stays listed (with 0) so that it can be taken out. */
    static List<Facet> facets(SdSearch.Result result, Selection selection) {
        List<Facet> facets = new ArrayList<>();
        for (String dimension : SdSearch.DIMENSIONS) {
            Map<String, Long> counts = new LinkedHashMap<>(result.facets().getOrDefault(dimension, Map.of()));
            selection.of(dimension).forEach(v -> counts.putIfAbsent(v, 0L));
            List<FacetValue> values = counts.entrySet().stream().map(e -> new FacetValue(e.getKey(),
                    dimension.equals("compliance") ? complianceLabel(e.getKey()) : e.getKey(), e.getValue(),
                    selection.of(dimension).contains(e.getKey()), selection.toggled(dimension, e.getKey()).href(1))).toList();
            if (!values.isEmpty()) {
                facets.add(new Facet(dimension, LABELS.get(dimension), values));
            }
        }
        return facets;
    }

    /** A search for one value of one parameter (a keyword or country on a self-description's page). */
    static String href(String parameter, String value) {
        return "/catalogue?" + parameter + "=" + encode(value);
    }

    static String complianceLabel(String value) {
        return COMPLIANCE_LABELS.getOrDefault(value, value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The checks of one credential or presentation, in the order they ran. */
    record CheckGroup(String credential, String kind, List<IngestReport.CheckRow> checks, boolean passed) {
    }

    static List<CheckGroup> checks(IngestReport report) {
        Map<String, List<IngestReport.CheckRow>> byCredential = new LinkedHashMap<>();
        report.checks().forEach(c -> byCredential.computeIfAbsent(c.kind() + " " + c.credential(), k -> new ArrayList<>()).add(c));
        return byCredential.values().stream().map(rows -> new CheckGroup(rows.getFirst().credential(), rows.getFirst().kind(), rows,
                rows.stream().allMatch(r -> r.outcome().equals("passed")))).toList();
    }

    /**
     * @param subject   the subject, shortened with the self-description's prefixes
     * @param property  the property, shortened
     * @param value     the object: a literal's text, or a shortened IRI
     * @param link      an absolute http(s) IRI of the object, for a link, else null
     */
    record Claim(String subject, String property, String value, String link) {
    }

    static List<Claim> claims(SelfDescriptionStore.Projected row) {
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(row.claims(), Lang.NTRIPLES).parse(graph);
        Map<String, String> prefixes = row.prefixes();
        List<Claim> claims = new ArrayList<>();
        graph.find().forEachRemaining(t -> claims.add(new Claim(term(t.getSubject(), prefixes), term(t.getPredicate(), prefixes),
                t.getObject().isLiteral() ? t.getObject().getLiteralLexicalForm() : term(t.getObject(), prefixes),
                t.getObject().isURI() && t.getObject().getURI().matches("https?://.*") ? t.getObject().getURI() : null)));
        claims.sort(Comparator.comparing(Claim::subject).thenComparing(Claim::property).thenComparing(Claim::value));
        return claims;
    }

    private static String term(Node node, Map<String, String> prefixes) {
        if (node.isBlank()) {
            return "_:" + node.getBlankNodeLabel().substring(0, Math.min(8, node.getBlankNodeLabel().length()));
        }
        if (!node.isURI()) {
            return node.toString();
        }
        String iri = node.getURI();
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            if (iri.startsWith(p.getValue()) && iri.length() > p.getValue().length()) {
                return p.getKey() + ":" + iri.substring(p.getValue().length());
            }
        }
        return iri;
    }

    /** A name for a list or a heading: the title, else the subject. */
    static String name(SelfDescription sd) {
        return sd.title() != null ? sd.title() : sd.subject();
    }
}
