package eu.federator.server.portal.manage;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdConflictException;
import eu.federator.catalogue.sd.SdFilter;
import eu.federator.catalogue.sd.SdNotFoundException;
import eu.federator.catalogue.sd.SdPage;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.server.security.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finding self-descriptions by hash, subject or provider (any status), and revoking or deleting one after a
 * confirmation page, through the same {@link Catalogue} calls as {@code POST /self-descriptions/{hash}/revoke} and
 * {@code DELETE /self-descriptions/{hash}}: the graph and the change feed follow as for the API. The reason the
 * administrator gives is written to the server log with who acted (the catalogue keeps no reason).
 */
@Controller
@Hidden
public class ManageSelfDescriptionsController {
    private static final Logger log = LoggerFactory.getLogger(ManageSelfDescriptionsController.class);
    static final int PAGE_SIZE = 20;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_REASON = 500;

    private final Catalogue catalogue;

    public ManageSelfDescriptionsController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The lifecycle actions of the page. */
    enum Action {
        REVOKE("revoke", "Revoke"), DELETE("delete", "Delete");

        final String path;
        final String label;

        Action(String path, String label) {
            this.path = path;
            this.label = label;
        }

        static Action of(String path) {
            for (Action a : values()) {
                if (a.path.equals(path)) {
                    return a;
                }
            }
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such action: " + path + " (revoke or delete)");
        }
    }

    @GetMapping("/manage/self-descriptions")
    public String find(@RequestParam(defaultValue = "") String hash, @RequestParam(defaultValue = "") String subject,
                       @RequestParam(defaultValue = "") String provider, @RequestParam(required = false) List<String> statuses,
                       @RequestParam(defaultValue = "1") int page, Model model) {
        ManagePaging.check(page);
        String h = hash.strip().toLowerCase(java.util.Locale.ROOT);
        if (!h.isEmpty() && !HASH.matcher(h).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + hash + "' is not a self-description hash (64 hex characters)");
        }
        Set<Lifecycle> chosen = EnumSet.noneOf(Lifecycle.class);
        for (String s : statuses == null ? List.<String>of() : statuses) {
            chosen.add(Lifecycle.parse(s).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "unknown status '" + s + "'; one of active, deprecated, revoked, eol")));
        }
        SdFilter filter = new SdFilter(null, null, null, null, List.of(), List.of(),
                chosen.isEmpty() ? EnumSet.allOf(Lifecycle.class) : chosen, values(subject), values(h), Set.of(), values(provider),
                (page - 1) * PAGE_SIZE, PAGE_SIZE);
        SdPage found = catalogue.store().list(filter);
        model.addAttribute("hash", h);
        model.addAttribute("subject", subject.strip());
        model.addAttribute("provider", provider.strip());
        model.addAttribute("statuses", chosen.stream().map(Lifecycle::value).toList());
        model.addAttribute("allStatuses", List.of(Lifecycle.values()).stream().map(Lifecycle::value).toList());
        model.addAttribute("found", found);
        model.addAttribute("page", page);
        model.addAttribute("pages", ManagePaging.pages(found.totalCount(), PAGE_SIZE));
        return "portal/manage/self-descriptions";
    }

    @GetMapping("/manage/self-descriptions/{action}")
    public String confirm(@PathVariable String action, @RequestParam String hash, Model model) {
        Action a = Action.of(action);
        SelfDescription sd = find(hash);
        if (a == Action.REVOKE && sd.status() != Lifecycle.ACTIVE) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This self-description is " + sd.status().value()
                    + "; only an active one can be revoked (deprecated, revoked and eol are final). Delete it instead if it must go.");
        }
        model.addAttribute("sd", sd);
        model.addAttribute("action", a.path);
        model.addAttribute("label", a.label);
        return "portal/manage/sd-confirm";
    }

    @PostMapping("/manage/self-descriptions/{action}")
    public String act(@PathVariable String action, @RequestParam String hash, @RequestParam(defaultValue = "") String reason,
                      Caller caller, RedirectAttributes redirect) {
        Action a = Action.of(action);
        String h = checked(hash);
        String why = reason.strip().length() > MAX_REASON ? reason.strip().substring(0, MAX_REASON) : reason.strip();
        SelfDescription sd;
        try {
            sd = a == Action.REVOKE ? catalogue.revoke(h) : catalogue.delete(h);
        } catch (SdNotFoundException e) {
            throw notFound(h);
        } catch (SdConflictException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
        log.info("Portal: {} {} self-description {} ({}){}", caller.kind() == Caller.Kind.LOCAL_ADMIN ? "the local administrator" : caller.subject(),
                a == Action.REVOKE ? "revoked" : "deleted", h, sd.subject(), why.isEmpty() ? "" : ", reason: " + why.replaceAll("\\s+", " "));
        redirect.addFlashAttribute("notice", (a == Action.REVOKE ? "Revoked " : "Deleted ") + name(sd) + " (" + h + ")"
                + (why.isEmpty() ? "." : ". Reason: " + why));
        // a revoked one is still there to see with its new status; a deleted one is gone
        return a == Action.REVOKE ? "redirect:/manage/self-descriptions?hash=" + h : "redirect:/manage/self-descriptions";
    }

    private SelfDescription find(String hash) {
        String h = checked(hash);
        return catalogue.store().get(h).orElseThrow(() -> notFound(h));
    }

    private static String checked(String hash) {
        String h = hash.strip();
        if (!HASH.matcher(h).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such self-description: '" + hash + "' is not a hash");
        }
        return h;
    }

    private static ResponseStatusException notFound(String hash) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no self-description " + hash + " (deleted already?).");
    }

    private static List<String> values(String value) {
        List<String> list = new ArrayList<>();
        if (!value.isBlank()) {
            list.add(value.strip());
        }
        return list;
    }

    static String name(SelfDescription sd) {
        return sd.title() != null ? sd.title() : sd.subject();
    }
}
