package eu.federator.catalogue.sd;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Full-text search over self-descriptions with facets (a Federator extension of the XFSC API; PostgreSQL full-text
 * search, so it works the same on the embedded and on an external database). Every non-empty filter must match;
 * within one filter any of its values matches.
 *
 * @param text       web-search syntax ({@code "exact phrase"}, {@code or}, {@code -excluded}); blank: everything
 * @param kinds      kind in (empty: any)
 * @param providers  provider in (empty: any)
 * @param statuses   status in (empty: active)
 * @param keywords   has any of these keywords (exact, as stored; empty: any)
 * @param countries  has any of these country codes (upper-cased here; empty: any)
 * @param compliance compliance status in (empty: any)
 * @param sort       the order of the hits
 * @param offset     hits to skip
 * @param limit      hits to return
 */
public record SdSearch(String text, Set<SdKind> kinds, List<String> providers, Set<Lifecycle> statuses, List<String> keywords,
                       List<String> countries, Set<Compliance> compliance, Sort sort, int offset, int limit) {
    /** The facet dimensions, in the order pages show them. */
    public static final List<String> DIMENSIONS = List.of("kind", "provider", "keyword", "country", "compliance", "status");

    public SdSearch {
        text = text == null ? "" : text.trim();
        kinds = Set.copyOf(kinds);
        providers = List.copyOf(providers);
        statuses = statuses.isEmpty() ? Set.of(Lifecycle.ACTIVE) : Set.copyOf(statuses);
        keywords = List.copyOf(keywords);
        countries = countries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).distinct().toList();
        compliance = Set.copyOf(compliance);
        sort = sort == null ? Sort.RELEVANCE : sort;
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** Kinds, providers and statuses only, by relevance. */
    public SdSearch(String text, Set<SdKind> kinds, List<String> providers, Set<Lifecycle> statuses, int offset, int limit) {
        this(text, kinds, providers, statuses, List.of(), List.of(), Set.of(), Sort.RELEVANCE, offset, limit);
    }

    /** The order of the hits; every order ends with the hash, so pages are stable. */
    public enum Sort {
        /** Best text match first, then newest status time (without text: newest status time). */
        RELEVANCE("relevance"),
        /** Newest upload first. */
        NEWEST("newest"),
        /** Oldest upload first. */
        OLDEST("oldest"),
        /** By name (title, else subject id), A–Z, case-insensitively. */
        NAME("name");

        private final String value;

        Sort(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Optional<Sort> parse(String value) {
            return Arrays.stream(values()).filter(s -> s.value.equalsIgnoreCase(value.trim())).findFirst();
        }
    }

    /**
     * @param totalCount how many match
     * @param hits       in the order asked for
     * @param facets     per dimension ({@link #DIMENSIONS}) the number of matches per value (at most 100 values, most
     *                   frequent first), each counted with every filter except that dimension's own
     */
    public record Result(long totalCount, List<Hit> hits, Map<String, Map<String, Long>> facets) {
        public Result {
            hits = List.copyOf(hits);
            facets = Map.copyOf(facets);
        }
    }

    /** A hit with its text rank (0 without text) and its facet values. */
    public record Hit(SelfDescription sd, double rank, SdFacets facets) {
        public Hit {
            facets = facets == null ? SdFacets.NOT_RECORDED : facets;
        }

        public Hit(SelfDescription sd, double rank) {
            this(sd, rank, null);
        }
    }
}
