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
import eu.federator.trustframework.forms.Field;
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

    /** What the portal composes and signs itself: the trust framework's classes a catalogue lists. */
    static final List<String> TYPES = List.of("gx:ServiceOffering", "gx:DataProduct", "gx:PhysicalResource", "gx:SoftwareResource");

    @GetMapping
    public String page(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String replaces,
                       @RequestParam(defaultValue = "gx:ServiceOffering") String type, Model model) {
        requirePublisher(viewer);
        model.addAttribute("replaces", replaces == null ? null : publishing.owned(viewer, replaces));
        model.addAttribute("problems", List.of());
        return compose(viewer, model, type(type), Map.of(), Map.of(), List.of(), "", null);
    }

    /**
     * A credential of one of {@link #TYPES} from the form generated from its shape, signed with the participant's
     * hosted key and presented with its participant credentials (only for participants onboarded here: others sign
     * themselves and upload). References to the provider are the participant's own legal person, never typed.
     */
    @PostMapping("/compose")
    public String composeOffering(@ModelAttribute("viewer") Viewer viewer, @RequestParam(name = "_name", defaultValue = "") String name,
                                  @RequestParam(name = "_type", defaultValue = "gx:ServiceOffering") String typeParam,
                                  HttpServletRequest request, Model model, HttpServletResponse response) {
        requirePublisher(viewer);
        String type = type(typeParam);
        model.addAttribute("replaces", null);
        model.addAttribute("problems", List.of());
        OnboardingDraft draft = hostedDraft(viewer).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                "Only participants onboarded through this portal have a key here; sign your offering yourself and upload it."));
        Form form = fullForm(type);
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, List.of(v)));
        String provider = onboarding.legalPersonSubject(draft);
        form.fields().stream().filter(PublishController::providerReference).forEach(f -> params.put(SO + f.key(), List.of(provider)));
        FormResult result = forms.forms(TrustFrameworks.LOIRE).submit(form, draft.did() + "#published", type, params, SO);
        String nameError = name.matches("[a-z0-9][a-z0-9-]{0,61}[a-z0-9]") ? null
                : "Lower-case letters, digits and hyphens, 2 to 63 characters, e.g. object-storage.";
        if (!result.ok() || nameError != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return compose(viewer, model, type, result.values(), result.errorsByField(), result.formErrors(), name, nameError);
        }
        try {
            Onboarding.Outcome<String> outcome = "gx:ServiceOffering".equals(type)
                    ? onboarding.publishOffering(viewer.caller().subject(), name, result.subject())
                    : onboarding.publish(viewer.caller().subject(), name, type, result.subject());
            return switch (outcome) {
                case Onboarding.Outcome.Done<String> done -> "redirect:/catalogue/sd/" + done.value() + "?published";
                case Onboarding.Outcome.Refused<String> refused -> {
                    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                    List<String> errors = new java.util.ArrayList<>(List.of(refused.message()));
                    errors.addAll(refused.problems());
                    yield compose(viewer, model, type, result.values(), Map.of(), errors, name, null);
                }
            };
        } catch (OnboardingException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return compose(viewer, model, type, result.values(), Map.of(), List.of(e.getMessage()), name, null);
        }
    }

    private String compose(Viewer viewer, Model model, String type, Map<String, List<String>> values, Map<String, List<String>> errors,
                           List<String> formErrors, String name, String nameError) {
        boolean hosted = hostedDraft(viewer).isPresent();
        model.addAttribute("hosted", hosted);
        if (hosted) {
            model.addAttribute("types", TYPES);
            model.addAttribute("type", type);
            model.addAttribute("offeringForm", shownForm(type));
            model.addAttribute("prefix", SO);
            model.addAttribute("values", values);
            model.addAttribute("errors", errors);
            model.addAttribute("composeErrors", formErrors);
            model.addAttribute("offeringName", name);
            model.addAttribute("nameError", nameError);
        }
        return "portal/publish/publish";
    }

    private static String type(String type) {
        if (!TYPES.contains(type)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "type must be one of " + TYPES);
        }
        return type;
    }

    private java.util.Optional<OnboardingDraft> hostedDraft(Viewer viewer) {
        return onboarding.draft(viewer.caller().subject()).filter(d -> d.did().equals(viewer.participant()) && d.legalPerson() != null);
    }

    private Form fullForm(String type) {
        return forms.forms(TrustFrameworks.LOIRE).forClass(type)
                .orElseThrow(() -> new IllegalStateException("no " + type + " shape in " + TrustFrameworks.LOIRE));
    }

    /** The form as shown: without the references to the provider (always the participant's own legal person). */
    private Form shownForm(String type) {
        Form form = fullForm(type);
        return new Form(form.shapeIri(), form.targetClass(), form.title(), form.help(),
                form.fields().stream().filter(f -> !providerReference(f)).toList(), form.notes());
    }

    /** gx:providedBy, and references whose class is the legal person or participant (a data product's provider, ...). */
    static boolean providerReference(Field field) {
        if ((GX + "providedBy").equals(field.pathIri())) {
            return true;
        }
        return field.kind() == Field.Kind.IRI && field.classIri() != null
                && (field.classIri().endsWith("#LegalPerson") || field.classIri().endsWith("#Participant"));
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
