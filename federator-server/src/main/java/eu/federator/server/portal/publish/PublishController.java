package eu.federator.server.portal.publish;

import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.sd.SdConflictException;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.server.portal.PortalPublishing;
import eu.federator.server.portal.Viewer;
import eu.federator.server.portal.onboarding.Onboarding;
import eu.federator.server.portal.onboarding.OnboardingDraft;
import eu.federator.server.portal.onboarding.OnboardingException;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.forms.Form;
import eu.federator.trustframework.forms.FormCatalogue;
import eu.federator.trustframework.forms.FormResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publish an offering: upload (or paste) an already signed credential or presentation; it goes through the catalogue's
 * ingest with every check, for the participant the user acts for.
 */
@Controller
@Hidden
@RequestMapping("/publish")
public class PublishController {
    /** The largest upload the page takes (the API's request limit applies too). */
    static final int MAX_BYTES = 1024 * 1024;

    static final String GX = "https://w3id.org/gaia-x/development#";
    static final String SO = "so.";

    private final PortalPublishing publishing;
    private final Onboarding onboarding;
    private final FormCatalogue forms;

    public PublishController(PortalPublishing publishing, Onboarding onboarding, FormCatalogue forms) {
        this.publishing = publishing;
        this.onboarding = onboarding;
        this.forms = forms;
    }

    @GetMapping
    public String page(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String replaces, Model model) {
        requirePublisher(viewer);
        model.addAttribute("replaces", replaces == null ? null : publishing.owned(viewer, replaces));
        model.addAttribute("problems", List.of());
        return compose(viewer, model, Map.of(), Map.of(), List.of(), "");
    }

    /**
     * A service offering from the form generated from the trust framework's gx:ServiceOffering shape, signed with the
     * participant's hosted key and presented with its participant credentials (only for participants onboarded here:
     * others sign themselves and upload).
     */
    @PostMapping("/compose")
    public String composeOffering(@ModelAttribute("viewer") Viewer viewer, @RequestParam(name = "_name", defaultValue = "") String name,
                                  HttpServletRequest request, Model model, HttpServletResponse response) {
        requirePublisher(viewer);
        model.addAttribute("replaces", null);
        model.addAttribute("problems", List.of());
        OnboardingDraft draft = hostedDraft(viewer).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                "Only participants onboarded through this portal have a key here; sign your offering yourself and upload it."));
        Form form = fullOfferingForm();
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, List.of(v)));
        form.fieldForPath(GX + "providedBy").ifPresent(f -> params.put(SO + f.key(), List.of(draft.did() + "#provider")));
        FormResult result = forms.forms(TrustFrameworks.LOIRE).submit(form, draft.did() + "#offering", "gx:ServiceOffering", params, SO);
        Map<String, String> nameError = name.matches("[a-z0-9][a-z0-9-]{0,61}[a-z0-9]") ? Map.of()
                : Map.of("_name", "Lower-case letters, digits and hyphens, 2 to 63 characters, e.g. object-storage.");
        if (!result.ok() || !nameError.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return compose(viewer, model, result.values(), result.errorsByField(), result.formErrors(), name, nameError);
        }
        try {
            return switch (onboarding.publishOffering(viewer.caller().subject(), name, result.subject())) {
                case Onboarding.Outcome.Done<String> done -> "redirect:/catalogue/sd/" + done.value() + "?published";
                case Onboarding.Outcome.Refused<String> refused -> {
                    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                    List<String> errors = new java.util.ArrayList<>(List.of(refused.message()));
                    errors.addAll(refused.problems());
                    yield compose(viewer, model, result.values(), Map.of(), errors, name);
                }
            };
        } catch (OnboardingException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return compose(viewer, model, result.values(), Map.of(), List.of(e.getMessage()), name);
        }
    }

    private String compose(Viewer viewer, Model model, Map<String, List<String>> values, Map<String, List<String>> errors,
                           List<String> formErrors, String name) {
        return compose(viewer, model, values, errors, formErrors, name, Map.of());
    }

    private String compose(Viewer viewer, Model model, Map<String, List<String>> values, Map<String, List<String>> errors,
                           List<String> formErrors, String name, Map<String, String> nameError) {
        boolean hosted = hostedDraft(viewer).isPresent();
        model.addAttribute("hosted", hosted);
        if (hosted) {
            model.addAttribute("offeringForm", offeringForm());
            model.addAttribute("prefix", SO);
            model.addAttribute("values", values);
            model.addAttribute("errors", errors);
            model.addAttribute("composeErrors", formErrors);
            model.addAttribute("offeringName", name);
            model.addAttribute("nameError", nameError.get("_name"));
        }
        return "portal/publish/publish";
    }

    private java.util.Optional<OnboardingDraft> hostedDraft(Viewer viewer) {
        return onboarding.draft(viewer.caller().subject()).filter(d -> d.did().equals(viewer.participant()) && d.legalPerson() != null);
    }

    private Form fullOfferingForm() {
        return forms.forms(TrustFrameworks.LOIRE).forClass(GX + "ServiceOffering")
                .orElseThrow(() -> new IllegalStateException("no gx:ServiceOffering shape in " + TrustFrameworks.LOIRE));
    }

    /** The gx:ServiceOffering form as shown: without gx:providedBy (always the participant's own legal person). */
    private Form offeringForm() {
        Form form = fullOfferingForm();
        return new Form(form.shapeIri(), form.targetClass(), form.title(), form.help(),
                form.fields().stream().filter(f -> !(GX + "providedBy").equals(f.pathIri())).toList(), form.notes());
    }

    @PostMapping("/upload")
    public String upload(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) MultipartFile file,
                         @RequestParam(required = false) String text, @RequestParam(required = false) String replaces,
                         Model model, HttpServletResponse response) throws IOException {
        requirePublisher(viewer);
        String replacing = replaces == null || replaces.isBlank() ? null : replaces;
        model.addAttribute("replaces", replacing == null ? null : publishing.owned(viewer, replacing));
        byte[] content = file != null && !file.isEmpty() ? file.getBytes()
                : text != null && !text.isBlank() ? text.strip().getBytes(StandardCharsets.UTF_8) : null;
        if (content == null) {
            return refused(model, response, HttpStatus.BAD_REQUEST, "Choose a file or paste the credential.", List.of());
        }
        if (content.length > MAX_BYTES) {
            return refused(model, response, HttpStatus.CONTENT_TOO_LARGE, "The credential is larger than 1 MiB.", List.of());
        }
        try {
            SelfDescription stored = publishing.publish(viewer, content, replacing);
            return "redirect:/catalogue/sd/" + stored.hash() + "?published";
        } catch (IngestException e) {
            return refused(model, response, HttpStatus.UNPROCESSABLE_CONTENT, "The catalogue refused it: " + e.getMessage(), e.problems());
        } catch (SdConflictException e) {
            return refused(model, response, HttpStatus.CONFLICT, e.getMessage(), List.of());
        }
    }

    private static String refused(Model model, HttpServletResponse response, HttpStatus status, String message, List<IngestException.Problem> problems) {
        response.setStatus(status.value());
        model.addAttribute("error", message);
        model.addAttribute("problems", problems);
        return "portal/publish/publish";
    }

    static void requirePublisher(Viewer viewer) {
        if (viewer.participant() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your account acts for no participant yet: onboard your organisation first (Onboarding).");
        }
        if (!viewer.publisher()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Publishing needs one of the roles Ro-MU-A, Ro-SD-A or Ro-MU-CA.");
        }
    }
}
