package eu.federator.catalogue.federation;

import java.time.Duration;
import java.util.Objects;

/**
 * A catalogue this one follows.
 *
 * @param url           its base URL ({@code https://catalogue.example.org}); its feed is {@code <url>/federation/changes}.
 *                      What is stored from it gets this URL as origin
 * @param token         the bearer token its feed accepts (a peer token of that catalogue), or null
 * @param poll          how long to wait after it had nothing new
 * @param pageSize      events asked for per request (1 to {@link ChangeFeed#MAX_LIMIT})
 * @param acceptRelayed also act on events the peer relays from other catalogues (their origin is kept); off: only
 *                      what was submitted to the peer itself is taken
 */
public record Peer(String url, String token, Duration poll, int pageSize, boolean acceptRelayed) {
    public Peer {
        url = CatalogueUrls.normalize(url);
        token = token == null || token.isBlank() ? null : token.strip();
        Objects.requireNonNull(poll, "poll");
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("the poll interval of peer " + url + " must be positive");
        }
        if (pageSize < 1 || pageSize > ChangeFeed.MAX_LIMIT) {
            throw new IllegalArgumentException("the page size of peer " + url + " must be between 1 and " + ChangeFeed.MAX_LIMIT);
        }
    }

    public Peer(String url, String token) {
        this(url, token, Duration.ofSeconds(5), ChangeFeed.DEFAULT_LIMIT, false);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "Peer[" + url + (token == null ? "" : ", token set") + ", poll " + poll + ", page " + pageSize
                + (acceptRelayed ? ", relayed accepted" : "") + "]";
    }
}
