package eu.federator.server.portal.manage;

import eu.federator.catalogue.sd.CatalogueEvent;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdFilter;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.federation.FederationController;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue's event log, newest first (what the graph projection and the peers that follow this catalogue read),
 * and the state of following the peer catalogues, as {@code GET /admin/federation} reports it.
 */
@Controller
@Hidden
public class ManageEventsController {
    static final int PAGE_SIZE = 50;

    private final SelfDescriptionStore store;
    private final FederationController federation;

    public ManageEventsController(SelfDescriptionStore store, FederationController federation) {
        this.store = store;
        this.federation = federation;
    }

    /** An event with the subject of its self-description (null when it has been deleted since). */
    public record Row(CatalogueEvent event, String subject) {
    }

    /** A peer with how long ago it last succeeded. */
    public record Peer(FederationController.PeerView view, String sinceSuccess) {
    }

    @GetMapping("/manage/events")
    public String page(@RequestParam(defaultValue = "1") int page, Model model) {
        ManagePaging.check(page);
        long last = store.lastSequence();
        // sequences are gap-free, so page n is the window (upper - PAGE_SIZE, upper]
        long upper = Math.max(0, last - (long) (page - 1) * PAGE_SIZE);
        long lower = Math.max(0, upper - PAGE_SIZE);
        List<CatalogueEvent> events = new ArrayList<>(upper > lower ? store.events(lower, (int) (upper - lower)) : List.of());
        events.sort((a, b) -> Long.compare(b.sequence(), a.sequence()));
        List<String> hashes = events.stream().map(CatalogueEvent::hash).distinct().toList();
        Map<String, String> subjects = hashes.isEmpty() ? Map.of() : store.list(new SdFilter(null, null, null, null, List.of(), List.of(),
                        EnumSet.allOf(Lifecycle.class), List.of(), hashes, Set.of(), List.of(), 0, hashes.size())).items().stream()
                .collect(Collectors.toMap(SelfDescription::hash, SelfDescription::subject));
        model.addAttribute("events", events.stream().map(e -> new Row(e, subjects.get(e.hash()))).toList());
        model.addAttribute("last", last);
        model.addAttribute("page", page);
        model.addAttribute("pages", ManagePaging.pages(last, PAGE_SIZE));

        FederationController.State state = federation.state();
        Instant now = Instant.now();
        model.addAttribute("federation", state);
        model.addAttribute("peers", state.peers().stream().map(p -> new Peer(p, p.lastSuccess() == null ? "never"
                : ago(Duration.between(Instant.parse(p.lastSuccess()), now)))).toList());
        return "portal/manage/events";
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        if (s < 172_800) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " days ago";
    }
}
