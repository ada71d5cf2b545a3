package eu.federator.bench.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a portal visitor asks for, drawn at random with fixed weights: catalogue searches of every shape the search form
 * produces (common and rare words, a phrase, facet filters, later pages, the empty query), the htmx partial that
 * replaces the result list, and self-description pages.
 *
 * <p>The words are those of {@code CatalogueGenerator}: its descriptions draw {@link #COMMON} words with a Zipf-like law
 * (the first ones occur in most offerings), {@link #RARE} ones are the tail of that list, the phrases are its category
 * names. On another catalogue the searches still run, they just hit differently.
 */
final class PageMix {

    /** A page type of the mix, with its weight (out of the sum of all weights). */
    enum Type {
        COMMON_WORD("search: common word", 14),
        RARE_WORD("search: rare word", 10),
        PHRASE("search: phrase", 8),
        FACETS("search: word + facet filter", 14),
        LATER_PAGE("search: page 2-5", 10),
        EMPTY_QUERY("search: empty query", 10),
        HTMX("search: htmx partial", 10),
        DETAIL("self-description page", 24);

        final String label;
        final int weight;

        Type(String label, int weight) {
            this.label = label;
            this.weight = weight;
        }
    }

    /** One request: path and query, and whether it is sent as htmx does ({@code HX-Request: true}). */
    record Page(Type type, String path, boolean htmx) {
    }

    static final List<String> COMMON = List.of("sovereign", "european", "secure", "scalable", "managed", "encrypted", "hosted",
            "available", "compliant", "automated");
    static final List<String> RARE = List.of("railway", "aviation", "maritime", "forestry", "fisheries", "viticulture", "quantum",
            "homomorphic", "enclave", "confidential", "attestation", "tpm", "hsm", "pkcs11", "eidas", "qualified");
    static final List<String> PHRASES = List.of("object storage", "block storage", "managed kubernetes", "virtual machines",
            "bare metal servers", "managed postgresql", "data analytics platform", "machine learning training", "iot device hub",
            "content delivery network", "identity and access management", "backup and archive", "email and collaboration",
            "data exchange connector", "secure messaging", "geospatial data service");
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(Type.values()).mapToInt(t -> t.weight).sum();

    private final List<String> hashes;
    private final List<String> providers;

    /**
     * @param hashes    self-descriptions to open (random ones of the catalogue, active and not)
     * @param providers provider ids for the provider filter
     */
    PageMix(List<String> hashes, List<String> providers) {
        if (hashes.isEmpty() || providers.isEmpty()) {
            throw new IllegalArgumentException("the page mix needs at least one self-description hash and one provider");
        }
        this.hashes = List.copyOf(hashes);
        this.providers = List.copyOf(providers);
    }

    Page next(SplittableRandom r) {
        int x = r.nextInt(TOTAL_WEIGHT);
        Type type = null;
        for (Type t : Type.values()) {
            if (x < t.weight) {
                type = t;
                break;
            }
            x -= t.weight;
        }
        return switch (type) {
            case COMMON_WORD -> search(type, q(pick(r, COMMON)), false);
            case RARE_WORD -> search(type, q(pick(r, RARE)), false);
            case PHRASE -> search(type, q("\"" + pick(r, PHRASES) + "\""), false);
            case FACETS -> search(type, q(anyWord(r)) + "&" + facet(r), false);
            case LATER_PAGE -> search(type, q(pick(r, COMMON)) + "&page=" + (2 + r.nextInt(4)), false);
            case EMPTY_QUERY -> search(type, switch (r.nextInt(3)) {
                case 0 -> "";
                case 1 -> "page=" + (2 + r.nextInt(4));
                default -> facet(r);
            }, false);
            case HTMX -> search(type, q(anyWord(r)), true);
            case DETAIL -> new Page(type, "/catalogue/sd/" + pick(r, hashes), false);
        };
    }

    private String facet(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> "kinds=service-offering";
            case 1 -> "kinds=participant";
            case 2 -> "providers=" + encode(pick(r, providers));
            default -> "statuses=active&statuses=revoked";
        };
    }

    private static String anyWord(SplittableRandom r) {
        return r.nextBoolean() ? pick(r, COMMON) : pick(r, RARE);
    }

    private static Page search(Type type, String query, boolean htmx) {
        return new Page(type, "/catalogue" + (query.isEmpty() ? "" : "?" + query), htmx);
    }

    private static String q(String text) {
        return "q=" + encode(text);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
