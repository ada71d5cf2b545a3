package eu.federator.server.catalogue.search;

import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.sd.SelfDescriptionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.federator.server.catalogue.CatalogueParameters.badRequest;
import static eu.federator.server.catalogue.CatalogueParameters.kinds;
import static eu.federator.server.catalogue.CatalogueParameters.page;
import static eu.federator.server.catalogue.CatalogueParameters.statuses;
import static eu.federator.server.catalogue.CatalogueParameters.values;

/** Full-text search with facets over the catalogue (a Federator extension of the XFSC API). */
@RestController
@Tag(name = "Self-descriptions", description = "XFSC Federated Catalogue /self-descriptions; errors as {\"code\", \"message\"}")
public class SearchController {
    private static final int MAX_QUERY = 500;

    private final SelfDescriptionStore store;

    public SearchController(SelfDescriptionStore store) {
        this.store = store;
    }

    @Schema(name = "SearchResult")
    public record SearchResponse(long totalCount, List<Hit> items,
                                 @Schema(description = "per dimension (kind, provider, keyword, country, compliance, status): matches "
                                         + "per value (at most 100 values, most frequent first), each counted with every filter except "
                                         + "that dimension's own") Map<String, Map<String, Long>> facets) {
    }

    @Schema(name = "SearchHit")
    public record Hit(SelfDescriptionView meta, @Schema(description = "text relevance (0 without q)") double rank,
                      @Schema(description = "the subject's gx:keyword / dcat:keyword values") List<String> keywords,
                      @Schema(description = "ISO 3166-1 alpha-2 codes of its claims and, for an offering, of its provider's address")
                      List<String> countries,
                      @Schema(description = "compliant, non-compliant, none, not-checked") String compliance) {
    }

    @GetMapping(path = "/self-descriptions/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Full-text search with facets (Federator extension)",
            description = """
                    Searches the literals of the claims (names, descriptions, keywords, ...), the subject id and the type names \
                    of the self-descriptions, in web-search syntax: words (all must occur), `"a phrase"`, `or`, `-excluded`. \
                    Words are matched whole and case-insensitively, without stemming. Best matches first, then newest. \
                    Filters (each any of its values; all filters together): kinds, providers, keywords, countries, compliance, \
                    statuses (default: active). Facets count the matches per kind, provider, keyword, country, compliance status \
                    and lifecycle status, each with every filter except its own, so a client can show how many hits each filter \
                    value would give. Orders: relevance (default; without q newest status first), newest, oldest, name.""")
    @Parameter(name = "keywords", in = ParameterIn.QUERY, description = "keywords, exactly as stored (any of them); repeat the "
            + "parameter for several: a keyword may contain commas", array = @ArraySchema(schema = @Schema(type = "string")))
    public SearchResponse search(HttpServletRequest request,
            @Parameter(description = "the search text; empty: everything that passes the filters") @RequestParam(defaultValue = "") String q,
            @Parameter(description = "participant, service-offering, resource, data-product, other") @RequestParam(required = false) List<String> kinds,
            @Parameter(description = "provider participant ids") @RequestParam(required = false) List<String> providers,
            @Parameter(description = "active (default), deprecated, revoked, eol") @RequestParam(required = false) List<String> statuses,
            @Parameter(description = "ISO 3166-1 alpha-2 country codes (any of them)") @RequestParam(required = false) List<String> countries,
            @Parameter(description = "compliant, non-compliant, none, not-checked") @RequestParam(required = false) List<String> compliance,
            @Parameter(description = "relevance (default), newest, oldest, name") @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "0 to 1000") @RequestParam(defaultValue = "20") int limit) {
        if (q.length() > MAX_QUERY) {
            throw badRequest("q is longer than " + MAX_QUERY + " characters");
        }
        page(offset, limit, 1000);
        SdSearch.Result result = store.search(new SdSearch(q, kinds(kinds), values(providers), statuses(statuses),
                SearchParameters.keywords(request), SearchParameters.facetValues("countries", countries),
                SearchParameters.compliance(compliance), SearchParameters.sort(sort), offset, limit));
        return new SearchResponse(result.totalCount(), result.hits().stream().map(h -> new Hit(SelfDescriptionView.of(h.sd()), h.rank(),
                h.facets().keywords(), h.facets().countries(), h.facets().compliance().value())).toList(), facets(result));
    }

    /** In the order of {@link SdSearch#DIMENSIONS}, each most frequent value first. */
    private static Map<String, Map<String, Long>> facets(SdSearch.Result result) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        SdSearch.DIMENSIONS.forEach(d -> facets.put(d, result.facets().getOrDefault(d, Map.of())));
        return facets;
    }
}
