package eu.federator.server.catalogue.search;

import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.sd.SelfDescriptionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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
                                 @Schema(description = "per dimension (kind, provider, status): matches per value, each counted "
                                         + "with every filter except that dimension's own") Map<String, Map<String, Long>> facets) {
    }

    @Schema(name = "SearchHit")
    public record Hit(SelfDescriptionView meta, @Schema(description = "text relevance (0 without q)") double rank) {
    }

    @GetMapping(path = "/self-descriptions/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Full-text search with facets (Federator extension)",
            description = """
                    Searches the literals of the claims (names, descriptions, keywords, ...), the subject id and the type names \
                    of the self-descriptions, in web-search syntax: words (all must occur), `"a phrase"`, `or`, `-excluded`. \
                    Words are matched whole and case-insensitively, without stemming. Best matches first, then newest. \
                    Filters: kinds, providers, statuses (default: active). Facets count the matches per kind, provider and \
                    status, so a client can show how many hits each filter value would give.""")
    public SearchResponse search(
            @Parameter(description = "the search text; empty: everything that passes the filters") @RequestParam(defaultValue = "") String q,
            @Parameter(description = "participant, service-offering, resource, data-product, other") @RequestParam(required = false) List<String> kinds,
            @Parameter(description = "provider participant ids") @RequestParam(required = false) List<String> providers,
            @Parameter(description = "active (default), deprecated, revoked, eol") @RequestParam(required = false) List<String> statuses,
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "0 to 1000") @RequestParam(defaultValue = "20") int limit) {
        if (q.length() > MAX_QUERY) {
            throw badRequest("q is longer than " + MAX_QUERY + " characters");
        }
        page(offset, limit, 1000);
        SdSearch.Result result = store.search(new SdSearch(q, kinds(kinds), values(providers), statuses(statuses), offset, limit));
        return new SearchResponse(result.totalCount(), result.hits().stream().map(h -> new Hit(SelfDescriptionView.of(h.sd()), h.rank())).toList(),
                result.facets());
    }
}
