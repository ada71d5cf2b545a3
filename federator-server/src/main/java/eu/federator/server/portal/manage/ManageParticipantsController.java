package eu.federator.server.portal.manage;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdFilter;
import eu.federator.catalogue.sd.SdNotFoundException;
import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Participants: the list, a participant with its self-descriptions and credentials, and deleting one after a
 * confirmation. Through the same {@link Catalogue} calls as {@code /participants}, so the same rules apply (deleting a
 * participant deletes its participant self-description; its offerings stay, as through the API).
 * The id is a query parameter: DIDs hold {@code :} and, for did:web paths, more.
 */
@Controller
@Hidden
public class ManageParticipantsController {
    static final int PAGE_SIZE = 20;
    private static final int SHOWN_SDS = 100;

    private final Catalogue catalogue;

    public ManageParticipantsController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A row of the list: the participant and how many active self-descriptions it provides. */
    public record Row(SelfDescriptionStore.Participant participant, long active) {
    }

    @GetMapping("/manage/participants")
    public String list(@RequestParam(defaultValue = "1") int page, Model model) {
        ManagePaging.check(page);
        SelfDescriptionStore.ParticipantPage participants = catalogue.store().participants((page - 1) * PAGE_SIZE, PAGE_SIZE);
        List<String> ids = participants.items().stream().map(SelfDescriptionStore.Participant::id).toList();
        // one search for the page: its provider facet counts the active self-descriptions of each listed participant
        Map<String, Long> active = ids.isEmpty() ? Map.of() : catalogue.store()
                .search(new SdSearch("", Set.of(), ids, Set.of(Lifecycle.ACTIVE), 0, 0)).facets().get("provider");
        model.addAttribute("rows", participants.items().stream().map(p -> new Row(p, active.getOrDefault(p.id(), 0L))).toList());
        model.addAttribute("total", participants.totalCount());
        model.addAttribute("page", page);
        model.addAttribute("pages", ManagePaging.pages(participants.totalCount(), PAGE_SIZE));
        return "portal/manage/participants";
    }

    @GetMapping("/manage/participant")
    public String participant(@RequestParam String id, Model model) {
        SelfDescriptionStore.Participant p = find(id);
        model.addAttribute("participant", p);
        SdFilter filter = new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(Lifecycle.values()), List.of(), List.of(),
                Set.of(), List.of(p.id()), 0, SHOWN_SDS);
        model.addAttribute("sds", catalogue.store().list(filter));
        model.addAttribute("own", catalogue.store().get(p.sdHash()).orElse(null));
        model.addAttribute("credentials", catalogue.store().bundled(p.sdHash()));
        return "portal/manage/participant";
    }

    @GetMapping("/manage/participant/delete")
    public String confirmDelete(@RequestParam String id, Model model) {
        SelfDescriptionStore.Participant p = find(id);
        model.addAttribute("participant", p);
        model.addAttribute("offerings", catalogue.store().search(new SdSearch("", Set.of(), List.of(p.id()),
                Set.of(Lifecycle.ACTIVE), 0, 0)).totalCount());
        return "portal/manage/participant-delete";
    }

    @PostMapping("/manage/participant/delete")
    public String delete(@RequestParam String id, RedirectAttributes redirect) {
        SelfDescriptionStore.Participant p;
        try {
            p = catalogue.deleteParticipant(id);
        } catch (SdNotFoundException e) {
            throw notFound(id);
        }
        redirect.addFlashAttribute("notice", "Deleted participant " + p.name() + " (" + p.id() + ") and its participant self-description "
                + p.sdHash() + ".");
        return "redirect:/manage/participants";
    }

    private SelfDescriptionStore.Participant find(String id) {
        return catalogue.store().participant(id).orElseThrow(() -> notFound(id));
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no participant " + id + " (deleted already?).");
    }
}
