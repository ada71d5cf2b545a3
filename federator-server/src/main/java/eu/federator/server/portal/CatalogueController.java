package eu.federator.server.portal;

import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.CatalogueException;
import eu.federator.server.catalogue.CatalogueParameters;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The portal's catalogue pages: search with free text and facets, and a page per self-description. Server-rendered
 * (Thymeleaf); with htmx the result list is replaced in place, without it every link and form still works.
 */
@Controller
@Hidden
public class CatalogueController {
    static final int PAGE_SIZE = 20;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final SelfDescriptionStore store;

    public CatalogueController(SelfDescriptionStore store) {
        this.store = store;
    }

    @GetMapping("/")
    public String home() {
        return "redirect:/catalogue";
    }

    @GetMapping("/catalogue")
    public String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) List<String> kinds,
                         @RequestParam(required = false) List<String> providers, @RequestParam(required = false) List<String> statuses,
                         @RequestParam(defaultValue = "1") int page,
                         @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        if (page < 1 || page > 10_000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be between 1 and 10000");
        }
        SdSearch search;
        try {
            search = new SdSearch(q.length() > 500 ? q.substring(0, 500) : q, CatalogueParameters.kinds(kinds),
                    CatalogueParameters.values(providers), CatalogueParameters.statuses(statuses), (page - 1) * PAGE_SIZE, PAGE_SIZE);
        } catch (CatalogueException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        SdSearch.Result result = store.search(search);
        model.addAttribute("q", q);
        model.addAttribute("kinds", search.kinds().stream().map(k -> k.value()).toList());
        model.addAttribute("providers", search.providers());
        model.addAttribute("statuses", search.statuses().stream().map(s -> s.value()).toList());
        model.addAttribute("result", result);
        model.addAttribute("hits", result.hits().stream().map(h -> new Hit(h.sd(), CatalogueView.name(h.sd()))).toList());
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (result.totalCount() + PAGE_SIZE - 1) / PAGE_SIZE));
        // htmx asks for the result list only
        return htmx != null ? "portal/search :: results" : "portal/search";
    }

    /** A search hit as the page lists it. */
    public record Hit(SelfDescription sd, String name) {
    }

    @GetMapping("/catalogue/sd/{hash}")
    public String detail(@PathVariable String hash, Model model) {
        if (!HASH.matcher(hash).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such self-description");
        }
        SelfDescriptionStore.Projected row = store.projections(List.of(hash)).get(hash);
        if (row == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such self-description");
        }
        model.addAttribute("sd", row.sd());
        model.addAttribute("name", CatalogueView.name(row.sd()));
        model.addAttribute("claims", CatalogueView.claims(row));
        model.addAttribute("bundled", store.bundled(hash));
        model.addAttribute("raw", store.content(hash).map(c -> new String(c.bytes(), StandardCharsets.UTF_8)).orElse(""));
        return "portal/detail";
    }
}
