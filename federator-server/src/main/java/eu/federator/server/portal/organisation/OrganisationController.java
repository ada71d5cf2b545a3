package eu.federator.server.portal.organisation;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdFilter;
import eu.federator.catalogue.sd.SdPage;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.server.portal.PortalPublishing;
import eu.federator.server.portal.Viewer;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * My organisation: the participant's published self-descriptions with status and expiry; revoke, replace (publish a
 * new version of the same subject), download.
 */
@Controller
@Hidden
@RequestMapping("/organisation")
public class OrganisationController {
    static final int PAGE_SIZE = 50;
    /** Credentials that end within this time are flagged on the page. */
    static final Duration SOON = Duration.ofDays(30);

    private final Catalogue catalogue;
    private final PortalPublishing publishing;

    public OrganisationController(Catalogue catalogue, PortalPublishing publishing) {
        this.catalogue = catalogue;
        this.publishing = publishing;
    }

    @GetMapping
    public String organisation(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String status,
                               @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String done, Model model) {
        String participant = participant(viewer);
        if (page < 1 || page > 10_000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be between 1 and 10000");
        }
        Set<Lifecycle> statuses = status == null || status.isBlank() ? Set.of() : Set.of(Lifecycle.parse(status).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be one of active, deprecated, revoked, eol")));
        SdPage sds = catalogue.store().list(new SdFilter(null, null, null, null, List.of(), List.of(), statuses, List.of(), List.of(),
                Set.of(), List.of(participant), (page - 1) * PAGE_SIZE, PAGE_SIZE));
        SelfDescriptionStore.Participant registered;
        try {
            registered = catalogue.participant(participant);
        } catch (RuntimeException notRegistered) {
            registered = null;
        }
        Instant now = catalogue.clock().instant();
        model.addAttribute("participant", participant);
        model.addAttribute("registered", registered);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("rows", sds.items().stream().map(sd -> new Row(sd, ending(sd, now))).toList());
        model.addAttribute("total", sds.totalCount());
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (sds.totalCount() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("done", done);
        return "portal/organisation/organisation";
    }

    /** A self-description as the page lists it; {@code endingSoon}: active and ending within {@link #SOON}. */
    public record Row(SelfDescription sd, boolean endingSoon) {
    }

    private static boolean ending(SelfDescription sd, Instant now) {
        return sd.status() == Lifecycle.ACTIVE && sd.expirationTime() != null && sd.expirationTime().isBefore(now.plus(SOON));
    }

    @GetMapping("/sd/{hash}/revoke")
    public String confirmRevoke(@ModelAttribute("viewer") Viewer viewer, @PathVariable String hash, Model model) {
        participant(viewer);
        model.addAttribute("sd", publishing.owned(viewer, hash));
        return "portal/organisation/revoke";
    }

    @PostMapping("/sd/{hash}/revoke")
    public String revoke(@ModelAttribute("viewer") Viewer viewer, @PathVariable String hash) {
        participant(viewer);
        SelfDescription sd = publishing.owned(viewer, hash);
        if (sd.status() != Lifecycle.ACTIVE) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This self-description is " + sd.status().value() + ", not active: nothing to revoke.");
        }
        publishing.revoke(viewer, hash);
        return "redirect:/organisation?done=revoked";
    }

    @GetMapping("/sd/{hash}/download")
    public ResponseEntity<byte[]> download(@ModelAttribute("viewer") Viewer viewer, @PathVariable String hash) {
        participant(viewer);
        SelfDescription sd = publishing.owned(viewer, hash);
        SelfDescriptionStore.Content content = catalogue.store().content(sd.hash())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "The content of " + hash + " is gone."));
        boolean jwt = content.contentType() != null && content.contentType().contains("jwt");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType() == null ? "application/octet-stream" : content.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(sd.hash() + (jwt ? ".jwt" : ".json")).build().toString())
                .body(content.bytes());
    }

    private static String participant(Viewer viewer) {
        if (viewer.participant() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your account acts for no participant yet: onboard your organisation first (Onboarding).");
        }
        return viewer.participant();
    }
}
