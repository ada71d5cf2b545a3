package eu.federator.server.portal;

import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.catalogue.CatalogueException;
import eu.federator.server.catalogue.CatalogueParameters;
import eu.federator.server.catalogue.search.SearchParameters;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
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
 * The portal's catalogue pages: search with free text, facets and orders, and a page per self-description with its
 * verification report, compliance and lifecycle history. Server-rendered (Thymeleaf); with htmx the result list is
 * replaced in place, without it every link and form still works.
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
                         @RequestParam(required = false) List<String> countries, @RequestParam(required = false) List<String> compliance,
                         @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page,
                         @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model) {
        if (page < 1 || page > 10_000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be between 1 and 10000");
        }
        SdSearch search;
        try {
            search = new SdSearch(q.length() > 500 ? q.substring(0, 500) : q, CatalogueParameters.kinds(kinds),
                    CatalogueParameters.values(providers), CatalogueParameters.statuses(statuses), SearchParameters.keywords(request),
                    SearchParameters.facetValues("countries", countries), SearchParameters.compliance(compliance),
                    SearchParameters.sort(sort), (page - 1) * PAGE_SIZE, PAGE_SIZE);
        } catch (CatalogueException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        SdSearch.Result result = store.search(search);
        CatalogueView.Selection selection = CatalogueView.Selection.of(search);
        long pages = Math.max(1, (result.totalCount() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("q", search.text());
        model.addAttribute("selection", selection);
        model.addAttribute("sort", search.sort().value());
        model.addAttribute("sorts", CatalogueView.SORTS);
        model.addAttribute("result", result);
        model.addAttribute("facets", CatalogueView.facets(result, selection));
        model.addAttribute("hits", result.hits().stream().map(h -> new Hit(h.sd(), CatalogueView.name(h.sd()), h.facets().keywords(),
                h.facets().countries(), h.facets().compliance().value())).toList());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("previous", page > 1 ? selection.href(page - 1) : null);
        model.addAttribute("next", page < pages ? selection.href(page + 1) : null);
        model.addAttribute("clear", selection.filtered() ? selection.cleared().href(1) : null);
        // htmx asks for the result list only
        return htmx != null ? "portal/search :: results" : "portal/search";
    }

    /** A search hit as the page lists it. */
    public record Hit(SelfDescription sd, String name, List<String> keywords, List<String> countries, String compliance) {
    }

    @GetMapping("/catalogue/sd/{hash}")
    public String detail(@PathVariable String hash, Model model) {
        if (!HASH.matcher(hash).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such self-description");
        }
        SelfDescriptionStore.Projected row = store.projections(List.of(hash)).get(hash);
        SelfDescriptionStore.Recorded recorded = store.recorded(hash).orElse(null);
        if (row == null || recorded == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such self-description");
        }
        model.addAttribute("sd", row.sd());
        model.addAttribute("name", CatalogueView.name(row.sd()));
        model.addAttribute("claims", CatalogueView.claims(row));
        model.addAttribute("facets", recorded.facets());
        model.addAttribute("keywordLinks", recorded.facets().keywords().stream()
                .map(k -> new CatalogueView.Link(k, CatalogueView.href("keywords", k))).toList());
        model.addAttribute("countryLinks", recorded.facets().countries().stream()
                .map(c -> new CatalogueView.Link(c, CatalogueView.href("countries", c))).toList());
        model.addAttribute("compliance", CatalogueView.complianceLabel(recorded.facets().compliance().value()));
        model.addAttribute("report", recorded.report());
        model.addAttribute("checks", recorded.report() == null ? List.of() : CatalogueView.checks(recorded.report()));
        model.addAttribute("versions", store.versions(row.sd().subject()));
        model.addAttribute("bundled", store.bundled(hash));
        model.addAttribute("raw", store.content(hash).map(c -> new String(c.bytes(), StandardCharsets.UTF_8)).orElse(""));
        return "portal/detail";
    }
}
