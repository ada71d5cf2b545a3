package eu.federator.server.portal.manage;

import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.admin.GraphAdminController;
import eu.federator.server.catalogue.federation.FederationController;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administration's start page (role Ro-MU-CA, like every page under {@code /manage}): what the catalogue holds by
 * status and kind, the participants, the graph projection and the federation peers at a glance, and the way to each page.
 */
@Controller
@Hidden
public class ManageOverviewController {
    private final SelfDescriptionStore store;
    private final GraphAdminController graph;
    private final FederationController federation;

    public ManageOverviewController(SelfDescriptionStore store, GraphAdminController graph, FederationController federation) {
        this.store = store;
        this.graph = graph;
        this.federation = federation;
    }

    /**
     * One row of the counts table: a status and its self-descriptions per kind.
     *
     * @param perKind in the order of {@link SdKind#values()}
     */
    public record StatusRow(String status, List<Long> perKind, long total) {
    }

    @GetMapping("/manage")
    public String overview(Model model) {
        List<StatusRow> rows = new ArrayList<>();
        for (Lifecycle status : Lifecycle.values()) {
            // one search per status: its kind facet counts that status's self-descriptions per kind
            SdSearch.Result result = store.search(new SdSearch("", Set.of(), List.of(), Set.of(status), 0, 0));
            Map<String, Long> kinds = result.facets().get("kind");
            rows.add(new StatusRow(status.value(), List.of(SdKind.values()).stream().map(k -> kinds.getOrDefault(k.value(), 0L)).toList(),
                    result.totalCount()));
        }
        model.addAttribute("kinds", List.of(SdKind.values()).stream().map(SdKind::value).toList());
        model.addAttribute("rows", rows);
        model.addAttribute("participants", store.participants(0, 0).totalCount());
        model.addAttribute("graph", graph.state());
        FederationController.State state = federation.state();
        model.addAttribute("federation", state);
        model.addAttribute("failingPeers", state.peers().stream().filter(p -> p.consecutiveFailures() > 0).count());
        return "portal/manage/overview";
    }
}
