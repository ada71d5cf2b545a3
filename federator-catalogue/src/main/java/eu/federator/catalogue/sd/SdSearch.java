package eu.federator.catalogue.sd;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Full-text search over self-descriptions with facets (a Federator extension of the XFSC API; PostgreSQL full-text
 * search, so it works the same on the embedded and on an external database).
 *
 * @param text      web-search syntax ({@code "exact phrase"}, {@code or}, {@code -excluded}); blank: everything
 * @param kinds     kind in (empty: any)
 * @param providers provider in (empty: any)
 * @param statuses  status in (empty: active)
 * @param offset    hits to skip
 * @param limit     hits to return
 */
public record SdSearch(String text, Set<SdKind> kinds, List<String> providers, Set<Lifecycle> statuses, int offset, int limit) {
    public SdSearch {
        text = text == null ? "" : text.trim();
        kinds = Set.copyOf(kinds);
        providers = List.copyOf(providers);
        statuses = statuses.isEmpty() ? Set.of(Lifecycle.ACTIVE) : Set.copyOf(statuses);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /**
     * @param totalCount how many match
     * @param hits       best first (text rank, then newest status time)
     * @param facets     per dimension ({@code kind}, {@code provider}, {@code status}) the number of matches per value, each
     *                   counted with every filter except that dimension's own
     */
    public record Result(long totalCount, List<Hit> hits, Map<String, Map<String, Long>> facets) {
        public Result {
            hits = List.copyOf(hits);
            facets = Map.copyOf(facets);
        }
    }

    public record Hit(SelfDescription sd, double rank) {
    }
}
