package eu.federator.server.catalogue.federation;

import eu.federator.catalogue.federation.ChangeFeed;
import eu.federator.catalogue.federation.FederatedQuery;
import eu.federator.catalogue.federation.FederationSubscriber;
import eu.federator.catalogue.federation.Outcome;
import eu.federator.catalogue.federation.Rejection;
import eu.federator.catalogue.ingest.IngestException;
import eu.federator.credentials.json.Json;
import eu.federator.server.catalogue.CatalogueException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed other catalogues follow ({@code GET /federation/changes}, role Ro-FC-PEER or Ro-MU-CA) and the state
 * of following this catalogue's peers ({@code GET /admin/federation}, {@code POST /admin/federation/reset}, Ro-MU-CA).
 * Errors in the XFSC envelope.
 */
@RestController
@Tag(name = "Federation", description = "Catalogue-to-catalogue federation: the change feed peers follow, and the state of following them")
public class FederationController {
    private static final int STATUS_REJECTIONS = 20;

    private final ChangeFeed feed;
    private final FederationSubscriber subscriber;
    private final FederatedQuery query;

    public FederationController(ChangeFeed feed, FederationSubscriber subscriber, FederatedQuery query) {
        this.feed = feed;
        this.subscriber = subscriber;
        this.query = query;
    }

    @GetMapping(path = "/federation/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "This catalogue's changes, in order, for peer catalogues",
            description = """
                    The event log after `after`: `{"catalogue", "lastSequence", "head", "more", "events": [{"sequence", \
                    "type": "stored|status|deleted", "sdHash", "status", "at", "origin"}]}`; stored events also carry \
                    `contentType` and `content`, exactly the submitted bytes (as text; `contentBase64` if they are not UTF-8). \
                    Continue with `after=lastSequence`; `more` says there is more right now. Only self-descriptions submitted \
                    here are exported, unless `federator.catalogue.federation.relay` is on. Needs role Ro-FC-PEER (or \
                    Ro-MU-CA); in local mode a peer token.""",
            responses = {
                    @ApiResponse(responseCode = "200", description = "a page of the feed", content = @Content(mediaType = "application/json",
                            schema = @Schema(example = "{\"catalogue\": \"https://b.example\", \"lastSequence\": 2, \"head\": 2, \"more\": false, "
                                    + "\"events\": [{\"sequence\": 1, \"type\": \"stored\", \"sdHash\": \"…\", \"status\": \"active\", "
                                    + "\"at\": \"2026-06-01T12:00:00Z\", \"origin\": null, \"contentType\": \"application/vp+jwt\", \"content\": \"eyJ…\"}]}"))),
                    @ApiResponse(responseCode = "400", description = "after or limit is not a number in range", content = @Content(mediaType = "application/json"))})
    public ResponseEntity<String> changes(
            @Parameter(description = "the last sequence already processed (0: from the start)") @RequestParam(defaultValue = "0") String after,
            @Parameter(description = "how many events to look at (default 100; larger values are lowered to 1000)") @RequestParam(required = false) String limit) {
        long from = number("after", after, 0, Long.MAX_VALUE);
        int n = limit == null || limit.isBlank() ? ChangeFeed.DEFAULT_LIMIT
                : (int) Math.min(ChangeFeed.MAX_LIMIT, number("limit", limit, 1, Long.MAX_VALUE));
        String body = Json.write(feed.page(from, n).toJson());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @Schema(name = "FederationState")
    public record State(@Schema(description = "this catalogue's id (federator.catalogue.federation.self-url)") String catalogue,
                        @Schema(description = "the feed also exports what was federated from elsewhere") boolean relay,
                        @Schema(description = "the catalogues this one follows") List<PeerView> peers,
                        @Schema(description = "catalogues /query/search forwards to") List<String> partners) {
    }

    @Schema(name = "FederationPeer")
    public record PeerView(String url, boolean acceptRelayed, long pollSeconds,
                           @Schema(description = "the last event of the peer's feed that is done") long cursor,
                           @Schema(description = "the id the peer's feed gives itself") String peerCatalogue,
                           String lastSuccess, String lastError, String lastErrorAt,
                           @Schema(description = "failed rounds in a row (0: following fine)") int consecutiveFailures,
                           @Schema(description = "events applied since this server started") long processedSinceStart,
                           @Schema(description = "events per outcome since the peer was first followed: stored, present, revoked, "
                                   + "expired, deleted, ignored, rejected") Map<String, Long> counts,
                           @Schema(description = "the latest refused events, newest first") List<RejectionView> recentRejections) {
    }

    @Schema(name = "FederationRejection")
    public record RejectionView(long sequence, String sdHash, String reason, String message, List<IngestException.Problem> problems, String at) {
    }

    @GetMapping(path = "/admin/federation", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Following the peer catalogues: cursor, last success and error, counts, latest rejections (Ro-MU-CA)")
    public State state() {
        List<PeerView> peers = subscriber.status(STATUS_REJECTIONS).stream().map(s -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Outcome o : Outcome.values()) {
                counts.put(o.value(), s.counts().getOrDefault(o, 0L));
            }
            return new PeerView(s.url(), s.acceptRelayed(), s.poll().toSeconds(), s.cursor(), s.peerCatalogue(), text(s.lastSuccess()),
                    s.lastError(), text(s.lastErrorAt()), s.consecutiveFailures(), s.processedSinceStart(), counts,
                    s.recentRejections().stream().map(FederationController::view).toList());
        }).toList();
        return new State(feed.catalogue(), feed.relays(), peers, query.partners().stream().map(FederatedQuery.Partner::url).toList());
    }

    @PostMapping(path = "/admin/federation/reset", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Move a peer's cursor (Ro-MU-CA)",
            description = "The peer's events after `cursor` are applied again: what is here already stays as it is, what was "
                    + "refused is verified again (e.g. after adding a trust anchor or a schema). Also for a peer whose event log "
                    + "was replaced (its feed's head is below our cursor).")
    public State reset(@Parameter(description = "the peer's URL, as configured") @RequestParam String peer,
                       @Parameter(description = "the new cursor (default 0: from the start)") @RequestParam(defaultValue = "0") String cursor) {
        long to = number("cursor", cursor, 0, Long.MAX_VALUE);
        try {
            subscriber.reset(peer, to);
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(HttpStatus.NOT_FOUND, "not_found_error", e.getMessage());
        } catch (IllegalStateException e) {
            throw new CatalogueException(HttpStatus.CONFLICT, "conflict_error", e.getMessage());
        }
        return state();
    }

    private static RejectionView view(Rejection r) {
        return new RejectionView(r.sequence(), r.sdHash(), r.reason(), r.message(), r.problems(), text(r.at()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", name + " must be a whole number of at least " + min
                    + ", not \"" + value + "\"");
        }
    }
}
