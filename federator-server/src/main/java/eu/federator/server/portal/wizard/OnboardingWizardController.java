package eu.federator.server.portal.wizard;

import eu.federator.credentials.keys.KeyType;
import eu.federator.server.portal.Viewer;
import eu.federator.server.portal.onboarding.Onboarding;
import eu.federator.server.portal.onboarding.OnboardingDraft;
import eu.federator.server.portal.onboarding.OnboardingDraft.Step;
import eu.federator.server.portal.onboarding.OnboardingException;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.forms.Form;
import eu.federator.trustframework.forms.FormCatalogue;
import eu.federator.trustframework.forms.FormResult;
import eu.federator.trustframework.forms.ShapeForms;
import eu.federator.trustframework.notary.RegistrationNumberType;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The onboarding wizard: a hosted did:web identity, the registration-number credential from the notary, the
 * gx:LegalPerson credential from a form generated from the trust framework's shapes (and gx:Issuer), the compliance
 * label, the registration as participant. Each step is a page with one form; the state is the {@link Onboarding}
 * draft, so the wizard resumes where the user left it.
 */
@Controller
@Hidden
@RequestMapping("/onboarding")
public class OnboardingWizardController {
    static final String VERSION = TrustFrameworks.LOIRE;
    static final String GX = "https://w3id.org/gaia-x/development#";
    static final String LP = "lp.";

    private final Onboarding onboarding;
    private final FormCatalogue forms;

    public OnboardingWizardController(Onboarding onboarding, FormCatalogue forms) {
        this.onboarding = onboarding;
        this.forms = forms;
    }

    /** The wizard's pages, in order, with the step each one does. */
    public enum Page {
        IDENTITY("identity", "Identity", Step.IDENTITY),
        REGISTRATION_NUMBER("registration-number", "Registration number", Step.REGISTRATION_NUMBER),
        CREDENTIALS("credentials", "Legal person", Step.PARTICIPANT_CREDENTIALS),
        LABEL("label", "Compliance", Step.LABEL),
        REGISTER("register", "Register", Step.REGISTRATION),
        DONE("done", "Done", Step.DONE);

        private final String path;
        private final String title;
        private final Step step;

        Page(String path, String title, Step step) {
            this.path = path;
            this.title = title;
            this.step = step;
        }

        public String path() {
            return "/onboarding/" + path;
        }

        public String title() {
            return title;
        }

        static Page of(Step step) {
            return Arrays.stream(values()).filter(p -> p.step == step).findFirst().orElseThrow();
        }
    }

    @GetMapping
    public String start(@ModelAttribute("viewer") Viewer viewer) {
        return "redirect:" + Page.of(onboarding.next(owner(viewer))).path();
    }

    // --------------------------------------------------------------------------------------------- 1. identity

    @GetMapping("/identity")
    public String identity(@ModelAttribute("viewer") Viewer viewer, Model model) {
        return page(viewer, Page.IDENTITY, model);
    }

    @PostMapping("/identity")
    public String createIdentity(@ModelAttribute("viewer") Viewer viewer, @RequestParam(defaultValue = "") String name,
                                 @RequestParam(defaultValue = "ec-p256") String keyType, @RequestParam(required = false) MultipartFile key,
                                 @RequestParam(required = false) String keyPassword, @RequestParam(required = false) MultipartFile chain,
                                 Model model, HttpServletResponse response) throws IOException {
        String owner = owner(viewer);
        model.addAttribute("name", name);
        try {
            if (key != null && !key.isEmpty()) {
                if (chain == null || chain.isEmpty()) {
                    return refused(viewer, Page.IDENTITY, model, response, "chain", "Give the certificate chain of the key (PEM, leaf first).");
                }
                onboarding.createIdentity(owner, name.strip(), new String(key.getBytes(), StandardCharsets.UTF_8),
                        keyPassword == null || keyPassword.isEmpty() ? null : keyPassword.toCharArray(), new String(chain.getBytes(), StandardCharsets.UTF_8));
            } else {
                KeyType type;
                try {
                    type = KeyType.fromLabel(keyType);
                } catch (IllegalArgumentException e) {
                    return refused(viewer, Page.IDENTITY, model, response, "keyType", e.getMessage());
                }
                onboarding.createIdentity(owner, name.strip(), type);
            }
        } catch (OnboardingException e) {
            return refused(viewer, Page.IDENTITY, model, response, "name", e.getMessage());
        }
        return "redirect:" + Page.REGISTRATION_NUMBER.path();
    }

    /** The hosted private key as PEM, once (the participant's own backup). */
    @PostMapping("/identity/key")
    public ResponseEntity<byte[]> exportKey(@ModelAttribute("viewer") Viewer viewer) {
        String pem;
        try {
            pem = onboarding.exportPrivateKey(owner(viewer));
        } catch (OnboardingException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("private-key.pem").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pem.getBytes(StandardCharsets.US_ASCII));
    }

    // --------------------------------------------------------------------------------------------- 2. registration number

    @GetMapping("/registration-number")
    public String registrationNumber(@ModelAttribute("viewer") Viewer viewer, Model model) {
        return page(viewer, Page.REGISTRATION_NUMBER, model);
    }

    @PostMapping("/registration-number")
    public String requestRegistrationNumber(@ModelAttribute("viewer") Viewer viewer, @RequestParam(defaultValue = "") String type,
                                            @RequestParam(defaultValue = "") String value, Model model, HttpServletResponse response) {
        String owner = owner(viewer);
        model.addAttribute("type", type);
        model.addAttribute("value", value);
        try {
            return switch (onboarding.requestRegistrationNumber(owner, type, value)) {
                case Onboarding.Outcome.Done<OnboardingDraft> done -> "redirect:" + Page.CREDENTIALS.path();
                case Onboarding.Outcome.Refused<OnboardingDraft> refused -> refused(viewer, Page.REGISTRATION_NUMBER, model, response, "value",
                        refused.message());
            };
        } catch (OnboardingException e) {
            return refused(viewer, Page.REGISTRATION_NUMBER, model, response, value.isBlank() ? "value" : "type", e.getMessage());
        }
    }

    // --------------------------------------------------------------------------------------------- 3. legal person

    @GetMapping("/credentials")
    public String credentials(@ModelAttribute("viewer") Viewer viewer, Model model) {
        model.addAttribute("values", Map.of());
        model.addAttribute("errors", Map.of());
        return page(viewer, Page.CREDENTIALS, model);
    }

    @PostMapping("/credentials")
    public String signCredentials(@ModelAttribute("viewer") Viewer viewer, HttpServletRequest request, Model model, HttpServletResponse response) {
        String owner = owner(viewer);
        OnboardingDraft draft = onboarding.draft(owner).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT, "Create your identity first."));
        Form form = fullLegalPersonForm();
        FormResult result = shapes().submit(form, draft.did() + "#legal-person", "gx:LegalPerson", withRegistrationNumber(form, draft, request), LP);
        if (!result.ok()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("values", result.values());
            model.addAttribute("errors", result.errorsByField());
            model.addAttribute("formErrors", result.formErrors());
            return page(viewer, Page.CREDENTIALS, model);
        }
        try {
            onboarding.signParticipantCredentials(owner, result.subject());
        } catch (OnboardingException e) {
            model.addAttribute("values", result.values());
            model.addAttribute("errors", Map.of());
            model.addAttribute("formErrors", List.of(e.getMessage()));
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(viewer, Page.CREDENTIALS, model);
        }
        return "redirect:" + Page.LABEL.path();
    }

    /**
     * The request's form values, with the reference to the registration number filled in: the user does not type it,
     * the notary's credential decides it.
     */
    private Map<String, List<String>> withRegistrationNumber(Form form, OnboardingDraft draft, HttpServletRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, List.of(v)));
        form.fieldForPath(GX + "registrationNumber").ifPresent(f -> params.put(LP + f.key(), List.of(onboarding.registrationSubject(draft))));
        return params;
    }

    // --------------------------------------------------------------------------------------------- 4. label, 5. register

    @GetMapping("/label")
    public String label(@ModelAttribute("viewer") Viewer viewer, Model model) {
        return page(viewer, Page.LABEL, model);
    }

    @PostMapping("/label")
    public String obtainLabel(@ModelAttribute("viewer") Viewer viewer, Model model, HttpServletResponse response) {
        return outcome(viewer, Page.LABEL, Page.REGISTER, () -> onboarding.obtainLabel(owner(viewer)), model, response);
    }

    @GetMapping("/register")
    public String register(@ModelAttribute("viewer") Viewer viewer, Model model) {
        return page(viewer, Page.REGISTER, model);
    }

    @PostMapping("/register")
    public String registerParticipant(@ModelAttribute("viewer") Viewer viewer, Model model, HttpServletResponse response) {
        return outcome(viewer, Page.REGISTER, Page.DONE, () -> onboarding.register(owner(viewer)), model, response);
    }

    @GetMapping("/done")
    public String done(@ModelAttribute("viewer") Viewer viewer, Model model) {
        return page(viewer, Page.DONE, model);
    }

    // --------------------------------------------------------------------------------------------- helpers

    private String outcome(Viewer viewer, Page page, Page next, java.util.function.Supplier<Onboarding.Outcome<OnboardingDraft>> step,
                           Model model, HttpServletResponse response) {
        try {
            return switch (step.get()) {
                case Onboarding.Outcome.Done<OnboardingDraft> done -> "redirect:" + next.path();
                case Onboarding.Outcome.Refused<OnboardingDraft> refused -> {
                    model.addAttribute("problems", refused.problems());
                    yield refused(viewer, page, model, response, "step", refused.message());
                }
            };
        } catch (OnboardingException e) {
            return refused(viewer, page, model, response, "step", e.getMessage());
        }
    }

    private String refused(Viewer viewer, Page page, Model model, HttpServletResponse response, String field, String message) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("fieldErrors", Map.of(field, message));
        return page(viewer, page, model);
    }

    private String page(Viewer viewer, Page page, Model model) {
        String owner = owner(viewer);
        OnboardingDraft draft = onboarding.draft(owner).orElse(null);
        Step next = draft == null ? Step.IDENTITY : draft.next();
        if (page.ordinal() > Page.of(next).ordinal()) {
            return "redirect:" + Page.of(next).path(); // a later step before its turn: back to the one to do
        }
        model.addAttribute("page", page);
        model.addAttribute("pages", Page.values());
        model.addAttribute("current", Page.of(next));
        model.addAttribute("draft", draft);
        model.addAttribute("labCa", onboarding.labCa());
        model.addAttribute("keyTypes", List.of("ec-p256", "ec-p384", "rsa", "rsa-3072", "ed25519"));
        model.addAttribute("registrationTypes", Arrays.stream(RegistrationNumberType.values()).map(RegistrationNumberType::pathName).toList());
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", List.of());
        }
        if (page == Page.CREDENTIALS) {
            model.addAttribute("form", legalPersonForm());
            model.addAttribute("prefix", LP);
            if (!model.containsAttribute("formErrors")) {
                model.addAttribute("formErrors", List.of());
            }
            if (!model.containsAttribute("values")) {
                model.addAttribute("values", Map.of());
                model.addAttribute("errors", Map.of());
            }
        }
        return "portal/onboarding/" + page.path;
    }

    private ShapeForms shapes() {
        return forms.forms(VERSION);
    }

    private Form fullLegalPersonForm() {
        return shapes().forClass(GX + "LegalPerson").orElseThrow(() -> new IllegalStateException("no gx:LegalPerson shape in " + VERSION));
    }

    /** The gx:LegalPerson form as shown: without the registration-number reference (filled in from the notary's credential). */
    private Form legalPersonForm() {
        Form form = fullLegalPersonForm();
        return new Form(form.shapeIri(), form.targetClass(), form.title(), form.help(),
                form.fields().stream().filter(f -> !(GX + "registrationNumber").equals(f.pathIri())).toList(), form.notes());
    }

    private static String owner(Viewer viewer) {
        if (!viewer.signedIn()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first.");
        }
        return viewer.caller().subject();
    }
}
