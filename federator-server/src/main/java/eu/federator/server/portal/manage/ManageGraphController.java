package eu.federator.server.portal.manage;

import eu.federator.server.catalogue.admin.GraphAdminController;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The graph projection: its state, and a rebuild or compaction started in the background ({@link GraphJobs}) whose
 * progress the page shows: htmx polls the progress fragment every second while a job runs; without JavaScript the page
 * has a refresh link.
 */
@Controller
@Hidden
public class ManageGraphController {
    private final GraphAdminController graph;
    private final GraphJobs jobs;

    public ManageGraphController(GraphAdminController graph, GraphJobs jobs) {
        this.graph = graph;
        this.jobs = jobs;
    }

    @GetMapping("/manage/graph")
    public String page(Model model) {
        model.addAttribute("graph", graph.state());
        model.addAttribute("job", jobs.current().orElse(null));
        return "portal/manage/graph";
    }

    /** The progress fragment htmx polls (and a page of its own without htmx). */
    @GetMapping("/manage/graph/progress")
    public String progress(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("graph", graph.state());
        model.addAttribute("job", jobs.current().orElse(null));
        return htmx != null ? "portal/manage/graph :: progress" : "portal/manage/graph";
    }

    @PostMapping("/manage/graph/rebuild")
    public String rebuild(RedirectAttributes redirect) {
        return start(GraphJobs.Kind.REBUILD, redirect);
    }

    @PostMapping("/manage/graph/compact")
    public String compact(RedirectAttributes redirect) {
        return start(GraphJobs.Kind.COMPACT, redirect);
    }

    private String start(GraphJobs.Kind kind, RedirectAttributes redirect) {
        if (jobs.start(kind).isEmpty()) {
            redirect.addFlashAttribute("notice", "A " + jobs.current().map(j -> j.kind().label().toLowerCase(java.util.Locale.ROOT))
                    .orElse("job") + " is still running; wait until it is done, then start the " + kind.label().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        // Post/Redirect/Get: reloading the page does not start another job
        return "redirect:/manage/graph";
    }
}
