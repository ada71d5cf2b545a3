package eu.federator.trustframework.compliance;

import eu.federator.credentials.did.DidResolutionException;
import eu.federator.credentials.did.DidResolver;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.bundle.TrustFrameworkBundle.RuleSet;
import eu.federator.trustframework.bundle.TrustFrameworks;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates a presentation against the Gaia-X trust framework it is written for: 22.10 (Tagus, the GXDCH v1 rule
 * list in its execution order) or 25.11 (Loire, GXDCH v2). Every rule runs, even after a failure, and reports one
 * {@link RuleResult} per focus (a credential, a credential subject, an issuer) with a message that says how to fix
 * it. Thread-safe; share one instance.
 *
 * <p>Signatures come from the trust core ({@link CredentialVerifier}): proof, key in the DID document, certificate
 * chain to the configured anchors. Shapes are validated on the credential subjects of the presentation together, as
 * one data graph (never on the envelopes), with the ontology's subclass facts added (docs/trust-frameworks.md).
 */
public final class ComplianceEngine {

    private static final String V2 = "https://www.w3.org/ns/credentials/v2";
    private static final Pattern CRITERION = Pattern.compile("P\\d+(\\.\\d+)*");
    /** EU member states plus the EEA (IS, LI, NO): ISO 3166-1 alpha-2. */
    static final Set<String> EU_EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");
    /** Loire registration-number classes (subclasses of gx:RegistrationNumber). */
    private static final Set<String> REGISTRATION_CLASSES = Set.of("RegistrationNumber", "VatID", "LeiCode", "EORI", "EUID",
            "TaxID", "LocalRegistrationNumber");

    private final CredentialVerifier verifier;
    private final TrustFrameworks frameworks;
    private final DidResolver dids;
    private final LinkedData linkedData;

    /**
     * @param verifier   the trust core (signatures, keys, certificates, validity)
     * @param frameworks the trust-framework versions
     * @param dids       resolves the did:web strings of rule CPR-08
     * @param linkedData JSON-LD to RDF for the shapes (the same bundled contexts the verifier uses)
     */
    /** DID resolution (CPR-08) and JSON-LD processing (SHACL data graphs) are the verifier's, with its caches and policy. */
    public ComplianceEngine(CredentialVerifier verifier, TrustFrameworks frameworks) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.frameworks = Objects.requireNonNull(frameworks, "frameworks");
        this.dids = verifier.dids();
        this.linkedData = verifier.linkedData();
    }

    /** An engine whose verifier, DID resolution and contexts all follow {@code settings} (web mirror, anchors, ...). */
    public static ComplianceEngine create(VerifierSettings settings, TrustFrameworks frameworks) throws IOException {
        return new ComplianceEngine(CredentialVerifier.create(settings), frameworks);
    }

    public TrustFrameworks frameworks() {
        return frameworks;
    }

    /**
     * @param presentation a JSON-LD presentation or a compact JWS (vp+jwt, or a JWT carrying a VCDM 1.1 VP)
     * @param level        the Loire level asked for; null for the Tagus endpoint or to detect the version (then Loire
     *                     input is evaluated for standard compliance)
     */
    public ComplianceReport evaluate(byte[] presentation, LabelLevel level, ComplianceOptions options) {
        RuleSet family = detect(presentation).orElse(level != null ? RuleSet.LOIRE : RuleSet.TAGUS);
        TrustFrameworkBundle bundle = frameworks.latest(family);
        List<RuleResult> rules = new ArrayList<>();
        String required = options.requiredVersion() != null ? options.requiredVersion()
                : level != null ? frameworks.latest(RuleSet.LOIRE).version() : null;
        if (required != null) {
            rules.add(required.equals(bundle.version())
                    ? RuleResult.passed(RuleIds.VERSION, "trust framework " + bundle.version() + " (" + bundle.name() + ")", null)
                    : RuleResult.failed(RuleIds.VERSION, "the input is a Gaia-X " + bundle.version() + " (" + bundle.name()
                    + ") presentation but this endpoint evaluates " + required + ": send "
                    + (family == RuleSet.TAGUS ? "a VCDM 2.0 vp+jwt with enveloped vc+jwt credentials to the Loire endpoints"
                    : "a VCDM 1.1 JSON-LD presentation to POST /api/credential-offers"), null));
        }
        VerificationOptions verification = family == RuleSet.TAGUS
                ? new VerificationOptions(options.at(), true, false, true) // GXDCH v1 does not require a VP proof
                : VerificationOptions.at(options.at());
        VerificationResult result = verifier.verify(presentation, verification);
        Input input = new Input(bundle, result, options, level);
        input.collect(rules);
        if (family == RuleSet.TAGUS) {
            input.tagus(rules);
        } else {
            input.loire(rules);
        }
        return new ComplianceReport(bundle.version(), family == RuleSet.LOIRE ? (level == null ? LabelLevel.SC : level) : null,
                rules, result);
    }

    /** VCDM 2.0 (or a JWT whose payload is one) → Loire; VCDM 1.1 → Tagus; empty when the input cannot be read. */
    static Optional<RuleSet> detect(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8).trim();
        JsonValue document;
        try {
            if (text.startsWith("{")) {
                document = Json.parse(input);
            } else {
                String[] parts = text.split("\\.", -1);
                if (parts.length != 3) {
                    return Optional.empty();
                }
                document = Json.parse(Base64.getUrlDecoder().decode(parts[1]));
                if (document instanceof JsonObject claims && claims.get("vp") instanceof JsonObject vp) {
                    document = vp;
                }
            }
        } catch (JsonSyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!(document instanceof JsonObject object)) {
            return Optional.empty();
        }
        JsonValue context = object.get("@context");
        boolean v2 = context instanceof JsonString s ? V2.equals(s.getString())
                : context instanceof JsonArray a && a.stream().anyMatch(v -> v instanceof JsonString s && V2.equals(s.getString()));
        return Optional.of(v2 ? RuleSet.LOIRE : RuleSet.TAGUS);
    }

    // ================================================================================================ one evaluation

    /** A credential of the presentation with its report. */
    private record Credential(CredentialReport report, JsonObject document, String id, String issuer, List<String> types) {
    }

    /** A credential subject and the credential that carries it. */
    private record Subject(String id, List<String> types, JsonObject json, Credential credential) {
    }

    private final class Input {
        final TrustFrameworkBundle bundle;
        final VerificationResult result;
        final ComplianceOptions options;
        final LabelLevel level;
        final String gx;
        final List<Credential> credentials = new ArrayList<>();
        final List<Subject> subjects = new ArrayList<>();
        final Map<String, Subject> subjectsById = new LinkedHashMap<>();
        final Graph data = GraphFactory.createGraphMem();
        CredentialReport presentation;
        boolean graphComplete = true;

        Input(TrustFrameworkBundle bundle, VerificationResult result, ComplianceOptions options, LabelLevel level) {
            this.bundle = bundle;
            this.result = result;
            this.options = options;
            this.level = level;
            this.gx = bundle.contextUrl() != null ? bundle.contextUrl() : "https://w3id.org/gaia-x/development#";
        }

        // ---------------------------------------------------------------------------------------- input

        void collect(List<RuleResult> rules) {
            List<RuleResult> problems = new ArrayList<>();
            for (CredentialReport report : result.credentials()) {
                for (Check check : report.checks()) {
                    if (!check.ok() && check.outcome() == Check.Outcome.FAILED && Set.of(CheckName.SYNTAX, CheckName.STRUCTURE,
                            CheckName.JSONLD_CONTEXT).contains(check.name())) {
                        problems.add(RuleResult.failed(RuleIds.INPUT, check.name() + ": " + check.message(), report.id()));
                    }
                }
                if ("VerifiablePresentation".equals(report.kind()) && presentation == null) {
                    presentation = report;
                } else if ("VerifiableCredential".equals(report.kind()) && report.document() != null) {
                    JsonObject vc = report.document();
                    Credential credential = new Credential(report, vc, report.id(), report.issuer(), types(vc));
                    credentials.add(credential);
                    for (JsonValue value : many(vc.get("credentialSubject"))) {
                        if (value instanceof JsonObject cs) {
                            Subject subject = new Subject(id(cs).orElse(null), types(cs), cs, credential);
                            subjects.add(subject);
                            if (subject.id() != null) {
                                subjectsById.putIfAbsent(subject.id(), subject);
                            }
                            addToGraph(vc, cs, problems);
                        }
                    }
                }
            }
            if (presentation == null && problems.isEmpty()) {
                problems.add(RuleResult.failed(RuleIds.INPUT, "the input is not a verifiable presentation: send a "
                        + "VerifiablePresentation whose verifiableCredential lists the credentials", null));
            } else if (credentials.isEmpty() && problems.isEmpty()) {
                problems.add(RuleResult.failed(RuleIds.INPUT, "the presentation contains no credential: put the "
                        + "participant's credentials into verifiableCredential", presentation.id()));
            }
            if (problems.isEmpty()) {
                rules.add(RuleResult.passed(RuleIds.INPUT, "a presentation of " + credentials.size() + " credential(s) with "
                        + subjects.size() + " subject(s)", presentation.id()));
            }
            rules.addAll(problems);
        }

        /** The subject as its own JSON-LD document (the credential's contexts), converted to RDF into {@link #data}. */
        private void addToGraph(JsonObject vc, JsonObject subject, List<RuleResult> problems) {
            var doc = Json.provider().createObjectBuilder();
            if (vc.containsKey("@context")) {
                doc.add("@context", vc.get("@context"));
            }
            doc.add("@graph", Json.provider().createArrayBuilder().add(subject));
            try {
                String nquads = linkedData.canonicalize(doc.build());
                RDFParser.fromString(nquads, Lang.NQUADS).parse(new org.apache.jena.riot.system.StreamRDFBase() {
                    @Override
                    public void triple(Triple triple) {
                        data.add(triple);
                    }

                    @Override
                    public void quad(org.apache.jena.sparql.core.Quad quad) {
                        data.add(quad.asTriple());
                    }
                });
            } catch (LinkedDataException | RiotException e) {
                graphComplete = false;
                problems.add(RuleResult.failed(RuleIds.INPUT, "the credential subject " + id(subject).orElse("(no id)")
                        + " cannot be read as JSON-LD: " + e.getMessage() + "; fix its @context and terms", id(vc).orElse(null)));
            }
        }

        // ---------------------------------------------------------------------------------------- signatures

        /** Proof present, signature (key resolved, algorithm, purpose, issuer binding) and certificate chain. */
        void signatures(List<RuleResult> rules, CredentialReport report, String proofRule, String signatureRule, String certificateRule) {
            String focus = report.id();
            Optional<Check> present = report.check(CheckName.PROOF_PRESENT);
            boolean hasProof = present.map(Check::ok).orElse(report.compactJws() != null);
            if (proofRule != null) {
                rules.add(hasProof ? RuleResult.passed(proofRule, "proof present", focus)
                        : RuleResult.failed(proofRule, "proof not found: sign the credential (JsonWebSignature2020 with "
                        + "assertionMethod) before putting it into the presentation", focus));
            }
            if (!hasProof) {
                rules.add(RuleResult.failed(signatureRule, "not verifiable: the credential has no proof; sign it", focus));
                rules.add(RuleResult.failed(certificateRule, "not verifiable: the credential has no proof; sign it with a key "
                        + "whose JWK names its certificate chain (x5u)", focus));
                return;
            }
            List<String> failed = new ArrayList<>();
            for (String name : List.of(CheckName.PROOF_ALGORITHM, CheckName.PROOF_PURPOSE, CheckName.KEY_RESOLVED,
                    CheckName.SIGNATURE, CheckName.ISSUER_BINDING, CheckName.HOLDER_BINDING)) {
                report.check(name).filter(c -> c.outcome() == Check.Outcome.FAILED).ifPresent(c -> failed.add(c.name() + ": " + c.message()));
            }
            boolean signed = report.check(CheckName.SIGNATURE).map(Check::ok).orElse(false);
            if (failed.isEmpty() && !signed) {
                failed.add("the signature was not verified");
            }
            rules.add(failed.isEmpty()
                    ? RuleResult.passed(signatureRule, "signed by " + report.verificationMethod(), focus)
                    : RuleResult.failed(signatureRule, String.join("; ", failed)
                    + " (publish the issuer's DID document with the signing key under assertionMethod and sign the "
                    + "unmodified credential with it)", focus));
            List<String> certificate = new ArrayList<>();
            for (String name : List.of(CheckName.CERTIFICATE_KEY, CheckName.CERTIFICATE_CHAIN, CheckName.CERTIFICATE_VALIDITY)) {
                report.check(name).filter(c -> c.outcome() == Check.Outcome.FAILED).ifPresent(c -> certificate.add(c.name() + ": " + c.message()));
            }
            if (certificate.isEmpty() && report.check(CheckName.CERTIFICATE_CHAIN).map(Check::ok).orElse(false) == false) {
                certificate.add(report.check(CheckName.KEY_RESOLVED).map(Check::ok).orElse(false)
                        ? "no certificate chain was validated: the key's JWK must name its chain (x5u, or x5c in the JWS "
                        + "header) ending at a configured trust anchor (and trust anchors must be configured)"
                        : "not checked: the signing key could not be resolved");
            }
            rules.add(certificate.isEmpty()
                    ? RuleResult.passed(certificateRule, "certificate chain valid to a trust anchor", focus)
                    : RuleResult.failed(certificateRule, String.join("; ", certificate), focus));
        }

        // ---------------------------------------------------------------------------------------- Tagus

        void tagus(List<RuleResult> rules) {
            // A. signatures of every credential (the VP's own proof is not required by GXDCH v1)
            for (Credential c : credentials) {
                signatures(rules, c.report(), RuleIds.TAGUS_PROOF, RuleIds.TAGUS_SIGNATURE, RuleIds.TAGUS_CERTIFICATE);
            }
            // B.1 registered shapes
            for (Credential c : credentials) {
                Set<String> atomic = new LinkedHashSet<>();
                c.types().stream().filter(t -> !t.equals("VerifiableCredential")).forEach(atomic::add);
                subjects.stream().filter(s -> s.credential() == c).forEach(s -> atomic.addAll(s.types()));
                List<String> unknown = atomic.stream().filter(t -> !bundle.implemented().contains(t)).toList();
                rules.add(unknown.isEmpty()
                        ? RuleResult.passed(RuleIds.TAGUS_SHAPES_REGISTERED, "types " + atomic + " have shapes in " + bundle.version(), c.id())
                        : RuleResult.failed(RuleIds.TAGUS_SHAPES_REGISTERED, "the credential uses type(s) " + unknown
                        + " that trust framework " + bundle.version() + " does not implement; use one of "
                        + bundle.implementedShapes() + " (an operator can add shapes with a bundle extension)", c.id()));
            }
            // B.2 SHACL over all subjects together
            shacl(rules, RuleIds.TAGUS_SHACL);
            // C.1 terms and conditions per issuer
            Set<String> notaries = notaries();
            if (options.termsPerIssuer()) {
                Set<String> issuers = new LinkedHashSet<>();
                credentials.forEach(c -> {
                    if (c.issuer() != null && !notaries.contains(c.issuer())) {
                        issuers.add(c.issuer());
                    }
                });
                for (String issuer : issuers) {
                    boolean signed = subjects.stream().anyMatch(s -> s.types().contains("GaiaXTermsAndConditions")
                            && issuer.equals(s.credential().issuer()));
                    rules.add(signed ? RuleResult.passed(RuleIds.TAGUS_TERMS_PER_ISSUER, "the issuer signed the Gaia-X terms and conditions", issuer)
                            : RuleResult.failed(RuleIds.TAGUS_TERMS_PER_ISSUER, "the issuer " + issuer + " has no "
                            + "gx:GaiaXTermsAndConditions credential in the presentation: add one it signed, with the "
                            + "22.10 terms text", issuer));
                }
            }
            // C.2 legal address and did:web resolvability (CPR-08)
            for (Subject participant : ofType("LegalParticipant")) {
                Node p = iri(participant.id());
                List<String> codes = new ArrayList<>();
                if (p != null) {
                    for (Node address : objects(p, gx("legalAddress"))) {
                        objects(address, gx("countrySubdivisionCode")).forEach(n -> codes.add(n.isLiteral() ? n.getLiteralLexicalForm() : n.toString()));
                    }
                }
                String focus = focus(participant);
                if (codes.isEmpty()) {
                    rules.add(RuleResult.failed(RuleIds.TAGUS_LEGAL_ADDRESS, "legalAddress.countrySubdivisionCode is missing: "
                            + "add gx:legalAddress with gx:countrySubdivisionCode (an ISO 3166-2 code such as BE-BRU)", focus));
                }
                for (String code : codes) {
                    rules.add(bundle.subdivisionCodes().contains(code)
                            ? RuleResult.passed(RuleIds.TAGUS_LEGAL_ADDRESS, "legalAddress " + code + " is an ISO 3166-2 subdivision", focus)
                            : RuleResult.failed(RuleIds.TAGUS_LEGAL_ADDRESS, "legalAddress.code: " + code + " needs to be a valid "
                            + "ISO-3166-2 country principal subdivision code (e.g. BE-BRU, DE-BY)", focus));
                }
                Set<String> webDids = new LinkedHashSet<>();
                collectDidWeb(participant.json(), webDids);
                List<String> unresolvable = new ArrayList<>();
                for (String did : webDids) {
                    try {
                        dids.resolve(did);
                    } catch (DidResolutionException | RuntimeException e) {
                        unresolvable.add(did + " (" + e.getMessage() + ")");
                    }
                }
                rules.add(unresolvable.isEmpty()
                        ? RuleResult.passed(RuleIds.TAGUS_DID_RESOLVABLE, webDids.isEmpty() ? "no did:web in the subject"
                        : "every did:web resolves: " + webDids, focus)
                        : RuleResult.failed(RuleIds.TAGUS_DID_RESOLVABLE, "At least one did was not resolvable " + unresolvable
                        + ": publish the DID document at the did:web location or correct the DID (CPR-08)", focus));
            }
            // C.3 registration number issued by a trusted notary
            if (!ofType("LegalParticipant").isEmpty()) {
                List<Subject> numbers = ofType("legalRegistrationNumber");
                if (numbers.isEmpty()) {
                    rules.add(RuleResult.failed(RuleIds.TAGUS_REGISTRATION_NUMBER, "Unable to find a VerifiableCredential "
                            + "containing the legalRegistrationNumber issued by a notary: obtain one from a registration-number "
                            + "notary and add it to the presentation", null));
                }
                for (Subject number : numbers) {
                    rules.add(RuleResult.passed(RuleIds.TAGUS_REGISTRATION_NUMBER, "legalRegistrationNumber credential present", number.credential().id()));
                    String issuer = number.credential().issuer();
                    rules.add(issuer != null && notaries.contains(issuer)
                            ? RuleResult.passed(RuleIds.TAGUS_REGISTRATION_NOTARY, "issued by the trusted notary " + issuer, number.credential().id())
                            : RuleResult.failed(RuleIds.TAGUS_REGISTRATION_NOTARY, "The issuer of the LegalRegistrationNumber "
                            + "VerifiableCredential is not trusted: " + issuer + " is not a configured registration-number notary "
                            + "(trusted: " + notaries + ")", number.credential().id()));
                }
            }
            // C.4 / C.5 issuer matches
            linkIssuerMatch(rules, "ServiceOffering", "providedBy", RuleIds.TAGUS_PROVIDER_ISSUER, "Service and participant issuers must match");
            linkIssuerMatch(rules, "DataResource", "producedBy", RuleIds.TAGUS_PRODUCER_ISSUER, "DataResource providedBy and Participant issuers must match");
            boolean pii = false;
            for (Subject resource : ofType("DataResource")) {
                Node r = iri(resource.id());
                if (r != null && objects(r, gx("containsPII")).stream().anyMatch(n -> n.isLiteral() && "true".equals(n.getLiteralLexicalForm()))) {
                    pii = true;
                }
            }
            if (pii) {
                rules.add(!ofType("LegitimateInterest").isEmpty()
                        ? RuleResult.passed(RuleIds.TAGUS_LEGITIMATE_INTEREST, "a gx:LegitimateInterest accompanies the personal data", null)
                        : RuleResult.failed(RuleIds.TAGUS_LEGITIMATE_INTEREST, "a DataResource has gx:containsPII true but the "
                        + "presentation has no gx:LegitimateInterest credential: add one (gx:legalBasis, gx:dataProtectionContact)", null));
            }
            // C.6 label level 1
            for (Subject label : ofType("ServiceOfferingLabelLevel1")) {
                List<String> notConfirmed = new ArrayList<>();
                int count = 0;
                Node l = iri(label.id());
                if (l != null) {
                    for (Node criteria : objects(l, gx("criteria"))) {
                        for (Triple t : data.find(criteria, Node.ANY, Node.ANY).toList()) {
                            String name = TrustFrameworkBundle.localName(t.getPredicate().getURI());
                            if (!CRITERION.matcher(name).matches()) {
                                continue;
                            }
                            count++;
                            List<Node> responses = t.getObject().isLiteral() ? List.of(t.getObject()) : objects(t.getObject(), gx("response"));
                            if (responses.stream().noneMatch(n -> n.isLiteral() && "Confirm".equals(n.getLiteralLexicalForm()))) {
                                notConfirmed.add(name + "=" + responses.stream().map(n -> n.isLiteral() ? n.getLiteralLexicalForm() : n.toString()).toList());
                            }
                        }
                    }
                }
                String focus = focus(label);
                rules.add(count > 0 && notConfirmed.isEmpty()
                        ? RuleResult.passed(RuleIds.TAGUS_LABEL_LEVEL_1, "all " + count + " label level 1 criteria are confirmed", focus)
                        : RuleResult.failed(RuleIds.TAGUS_LABEL_LEVEL_1, count == 0 ? "no label level 1 criteria found under gx:criteria"
                        : "every label level 1 criterion must be answered \"Confirm\"; not confirmed: " + notConfirmed.stream().sorted().toList(), focus));
            }
        }

        private void linkIssuerMatch(List<RuleResult> rules, String type, String property, String rule, String gxdchMessage) {
            for (Subject subject : ofType(type)) {
                Node s = iri(subject.id());
                List<Node> targets = s == null ? List.of() : objects(s, gx(property));
                String focus = focus(subject);
                if (targets.isEmpty()) {
                    rules.add(RuleResult.failed(rule, gxdchMessage + ": the " + type + " has no gx:" + property
                            + "; link the participant's credential subject id", focus));
                }
                for (Node target : targets) {
                    Subject participant = target.isURI() ? subjectsById.get(target.getURI()) : null;
                    if (participant == null) {
                        rules.add(RuleResult.failed(rule, gxdchMessage + ": gx:" + property + " " + target
                                + " is not a credential subject of this presentation; add the participant's credential "
                                + "(links go to the credentialSubject id, not the credential id)", focus));
                    } else if (!Objects.equals(participant.credential().issuer(), subject.credential().issuer())) {
                        rules.add(RuleResult.failed(rule, gxdchMessage + ": the " + type + " is issued by "
                                + subject.credential().issuer() + " but the participant by " + participant.credential().issuer()
                                + "; the participant must issue its own " + type, focus));
                    } else {
                        rules.add(RuleResult.passed(rule, "issued by the same issuer as " + target.getURI(), focus));
                    }
                }
            }
        }

        // ---------------------------------------------------------------------------------------- Loire

        void loire(List<RuleResult> rules) {
            List<CredentialReport> secured = new ArrayList<>();
            if (presentation != null) {
                secured.add(presentation);
            }
            credentials.forEach(c -> secured.add(c.report()));
            for (CredentialReport report : secured) {
                signatures(rules, report, null, RuleIds.LOIRE_SIGNATURE, RuleIds.LOIRE_CERTIFICATE);
                Optional<Check> validity = report.check(CheckName.VALIDITY);
                rules.add(validity.map(Check::ok).orElse(false)
                        ? RuleResult.passed(RuleIds.LOIRE_VALIDITY, validity.get().message(), report.id())
                        : RuleResult.failed(RuleIds.LOIRE_VALIDITY, validity.map(Check::message).orElse("the validity period was not checked")
                        + ": issue the credential again with validFrom/validUntil (nbf/exp) covering the evaluation time", report.id()));
            }
            Set<String> notaries = notaries();
            // LegalPerson present
            List<Subject> persons = ofType("LegalPerson");
            rules.add(persons.isEmpty()
                    ? RuleResult.failed(RuleIds.LOIRE_LEGAL_PERSON, "the presentation has no gx:LegalPerson credential: add the "
                    + "participant's LegalPerson credential, signed by the participant", presentationId())
                    : RuleResult.passed(RuleIds.LOIRE_LEGAL_PERSON, persons.size() + " gx:LegalPerson subject(s)", focus(persons.getFirst())));
            Set<String> participants = new LinkedHashSet<>();
            persons.forEach(p -> {
                if (p.credential().issuer() != null) {
                    participants.add(p.credential().issuer());
                }
            });
            // gx:Issuer with accepted terms: every gx:Issuer subject, and one per participant
            for (Subject issuer : ofType("Issuer")) {
                Node n = iri(issuer.id());
                List<String> hashes = n == null ? List.of() : objects(n, gx("gaiaxTermsAndConditions")).stream()
                        .filter(Node::isLiteral).map(Node::getLiteralLexicalForm).toList();
                Set<String> acceptedNow = bundle.termsAcceptedAt(options.at());
                boolean accepted = !hashes.isEmpty() && hashes.stream().allMatch(h -> acceptedNow.contains(h.toLowerCase(Locale.ROOT)));
                rules.add(accepted
                        ? RuleResult.passed(RuleIds.LOIRE_ISSUER_TERMS, "accepted terms and conditions " + hashes, focus(issuer))
                        : RuleResult.failed(RuleIds.LOIRE_ISSUER_TERMS, (hashes.isEmpty() ? "gx:gaiaxTermsAndConditions is missing"
                        : "gx:gaiaxTermsAndConditions " + hashes + " is not an accepted hash") + ": use the SHA-256 of the "
                        + "current Gaia-X terms and conditions, one of " + acceptedNow
                        + (bundle.termsHashes().keySet().stream().anyMatch(h -> !acceptedNow.contains(h)) ? " (deprecated hashes are no longer accepted)" : ""),
                        focus(issuer)));
            }
            for (String participant : participants) {
                boolean has = ofType("Issuer").stream().anyMatch(s -> participant.equals(s.credential().issuer()));
                if (!has) {
                    rules.add(RuleResult.failed(RuleIds.LOIRE_ISSUER_TERMS, "the participant " + participant + " has no gx:Issuer "
                            + "credential in the presentation: add one it signed, with gx:gaiaxTermsAndConditions set to the "
                            + "accepted hash", participant));
                }
            }
            if (participants.isEmpty() && ofType("Issuer").isEmpty()) {
                rules.add(RuleResult.failed(RuleIds.LOIRE_ISSUER_TERMS, "the presentation has no gx:Issuer credential: add one "
                        + "with gx:gaiaxTermsAndConditions set to the accepted hash", presentationId()));
            }
            // registration number linked, issued by a trusted notary
            Set<Credential> registrationCredentials = new LinkedHashSet<>();
            for (Subject person : persons) {
                Node p = iri(person.id());
                List<Node> links = p == null ? List.of() : objects(p, gx("registrationNumber"));
                String focus = focus(person);
                if (links.isEmpty()) {
                    rules.add(RuleResult.failed(RuleIds.LOIRE_REGISTRATION_NUMBER, "the LegalPerson has no gx:registrationNumber: "
                            + "link the credential subject id of the notary's registration-number credential", focus));
                }
                for (Node link : links) {
                    Subject number = link.isURI() ? subjectsById.get(link.getURI()) : null;
                    if (number == null || number.types().stream().noneMatch(this::isRegistrationClass)) {
                        rules.add(RuleResult.failed(RuleIds.LOIRE_REGISTRATION_NUMBER, "gx:registrationNumber " + link
                                + (number == null ? " is not a credential subject of this presentation"
                                : " is typed " + number.types() + ", not a registration number")
                                + ": add the notary's gx:VatID/gx:LeiCode/gx:EORI/gx:EUID/gx:TaxID credential and link its subject id", focus));
                        continue;
                    }
                    rules.add(RuleResult.passed(RuleIds.LOIRE_REGISTRATION_NUMBER, "linked to " + number.types() + " " + link.getURI(), focus));
                    registrationCredentials.add(number.credential());
                    String issuer = number.credential().issuer();
                    rules.add(issuer != null && notaries.contains(issuer)
                            ? RuleResult.passed(RuleIds.LOIRE_REGISTRATION_NOTARY, "issued by the trusted notary " + issuer, number.credential().id())
                            : RuleResult.failed(RuleIds.LOIRE_REGISTRATION_NOTARY, "the registration-number credential is issued by "
                            + issuer + ", which is not a trusted notary: obtain it from one of " + notaries
                            + " (operators configure federator.compliance.trusted-notaries / --trusted-notary)", number.credential().id()));
                }
            }
            // ServiceOffering providedBy a LegalPerson of the VP
            for (Subject offering : ofType("ServiceOffering")) {
                Node o = iri(offering.id());
                List<Node> providers = o == null ? List.of() : objects(o, gx("providedBy"));
                String focus = focus(offering);
                if (providers.isEmpty()) {
                    rules.add(RuleResult.failed(RuleIds.LOIRE_PROVIDED_BY, "the ServiceOffering has no gx:providedBy: link the "
                            + "provider's LegalPerson credential subject id", focus));
                }
                for (Node provider : providers) {
                    Subject person = provider.isURI() ? subjectsById.get(provider.getURI()) : null;
                    rules.add(person != null && person.types().contains("LegalPerson")
                            ? RuleResult.passed(RuleIds.LOIRE_PROVIDED_BY, "provided by " + provider.getURI(), focus)
                            : RuleResult.failed(RuleIds.LOIRE_PROVIDED_BY, "gx:providedBy " + provider + " is not a gx:LegalPerson "
                            + "of this presentation: add the provider's LegalPerson credential to the presentation", focus));
                }
            }
            // issuer relations
            issuerRelations(rules, participants, registrationCredentials);
            // shapes
            shacl(rules, RuleIds.LOIRE_SHACL);
            // label levels
            if (level != null && level != LabelLevel.SC) {
                labelCriteria(rules, persons);
            }
        }

        private void issuerRelations(List<RuleResult> rules, Set<String> participants, Set<Credential> registrationCredentials) {
            if (participants.isEmpty()) {
                rules.add(RuleResult.failed(RuleIds.LOIRE_ISSUER_RELATIONS, "no participant: the issuer relations are checked "
                        + "against the issuer of the gx:LegalPerson credential, which is missing", presentationId()));
                return;
            }
            int before = rules.size();
            for (Credential c : credentials) {
                if (registrationCredentials.contains(c)) {
                    continue;
                }
                if (c.issuer() == null || !participants.contains(c.issuer())) {
                    rules.add(RuleResult.failed(RuleIds.LOIRE_ISSUER_RELATIONS, "the credential is issued by " + c.issuer()
                            + " but a participant's credentials (LegalPerson, Issuer, offerings, resources) must be issued by the "
                            + "participant itself (" + participants + "); only the registration number comes from a notary", c.id()));
                }
            }
            for (Subject offering : ofType("ServiceOffering")) {
                Node o = iri(offering.id());
                for (Node provider : o == null ? List.<Node>of() : objects(o, gx("providedBy"))) {
                    Subject person = provider.isURI() ? subjectsById.get(provider.getURI()) : null;
                    if (person != null && !Objects.equals(person.credential().issuer(), offering.credential().issuer())) {
                        rules.add(RuleResult.failed(RuleIds.LOIRE_ISSUER_RELATIONS, "the ServiceOffering is issued by "
                                + offering.credential().issuer() + " but its provider's LegalPerson by " + person.credential().issuer()
                                + ": the provider issues its own offerings", focus(offering)));
                    }
                }
            }
            if (presentation != null) {
                String holder = presentation.issuer();
                if (holder != null && !participants.contains(holder)) {
                    rules.add(RuleResult.failed(RuleIds.LOIRE_ISSUER_RELATIONS, "the presentation is signed by " + holder
                            + " but the participant is " + participants + ": the participant presents (signs the vp+jwt of) its own credentials",
                            presentation.id()));
                }
            }
            if (rules.size() == before) {
                rules.add(RuleResult.passed(RuleIds.LOIRE_ISSUER_RELATIONS, "the participant " + participants
                        + " issued and presented its credentials; the registration number comes from the notary", presentationId()));
            }
        }

        private void labelCriteria(List<RuleResult> rules, List<Subject> persons) {
            List<Subject> offerings = ofType("ServiceOffering");
            if (offerings.isEmpty()) {
                rules.add(RuleResult.failed(RuleIds.LOIRE_LABEL_SERVICE_OFFERING, "label " + level + " is granted to a service "
                        + "offering: add a gx:ServiceOffering credential provided by the participant", presentationId()));
                return;
            }
            rules.add(RuleResult.passed(RuleIds.LOIRE_LABEL_SERVICE_OFFERING, offerings.size() + " service offering(s)", focus(offerings.getFirst())));
            for (Subject offering : offerings) {
                Node o = iri(offering.id());
                List<String> missing = new ArrayList<>();
                for (String property : List.of("dataAccountExport", "dataProtectionRegime", "serviceOfferingTermsAndConditions")) {
                    if (o == null || objects(o, gx(property)).isEmpty()) {
                        missing.add("gx:" + property);
                    }
                }
                rules.add(missing.isEmpty()
                        ? RuleResult.passed(RuleIds.LOIRE_LABEL_DECLARATIONS, "data export, data protection regime and terms declared", focus(offering))
                        : RuleResult.failed(RuleIds.LOIRE_LABEL_DECLARATIONS, "label " + level + " needs the declarations "
                        + missing + " on the ServiceOffering (data portability, data protection regime, terms)", focus(offering)));
            }
            if (level == LabelLevel.L3) {
                for (Subject person : persons) {
                    Node p = iri(person.id());
                    List<String> countries = new ArrayList<>();
                    if (p != null) {
                        for (Node address : objects(p, gx("headquartersAddress"))) {
                            objects(address, gx("countryCode")).stream().filter(Node::isLiteral)
                                    .forEach(n -> countries.add(n.getLiteralLexicalForm().toUpperCase(Locale.ROOT)));
                        }
                    }
                    boolean european = !countries.isEmpty() && countries.stream().allMatch(EU_EEA::contains);
                    rules.add(european
                            ? RuleResult.passed(RuleIds.LOIRE_LABEL_EU_HEADQUARTERS, "headquarters in " + countries, focus(person))
                            : RuleResult.failed(RuleIds.LOIRE_LABEL_EU_HEADQUARTERS, "label level 3 requires the provider's "
                            + "headquarters in the EU/EEA; gx:headquartersAddress gx:countryCode is " + countries, focus(person)));
                }
            }
        }

        private boolean isRegistrationClass(String type) {
            if (REGISTRATION_CLASSES.contains(type)) {
                return true;
            }
            Node registration = gx("RegistrationNumber");
            Deque<Node> todo = new ArrayDeque<>(List.of(gx(type)));
            Set<Node> seen = new LinkedHashSet<>();
            while (!todo.isEmpty()) {
                Node c = todo.pop();
                if (!seen.add(c)) {
                    continue;
                }
                if (c.equals(registration)) {
                    return true;
                }
                bundle.subclassFacts().find(c, RDFS.subClassOf.asNode(), Node.ANY).forEach(t -> todo.push(t.getObject()));
            }
            return false;
        }

        // ---------------------------------------------------------------------------------------- SHACL

        void shacl(List<RuleResult> rules, String rule) {
            if (subjects.isEmpty()) {
                rules.add(RuleResult.failed(rule, "no credential subject to validate", presentationId()));
                return;
            }
            Graph graph = bundle.subclassFacts().isEmpty() ? data : new Union(data, bundle.subclassFacts());
            ValidationReport report = ShaclValidator.get().validate(bundle.shapes(), graph);
            int failures = 0;
            for (ReportEntry entry : report.getEntries()) {
                if (entry.severity() != null && !entry.severity().level().getURI().endsWith("Violation")) {
                    continue;
                }
                failures++;
                String path = entry.resultPath() == null ? "" : " " + entry.resultPath().toString();
                String value = entry.value() == null ? "" : " (value " + entry.value() + ")";
                rules.add(RuleResult.failed(rule, "ERROR: " + node(entry.focusNode()) + path + ": " + entry.message() + value
                        + "; DETAILS: shape " + node(entry.source()) + " of trust framework " + bundle.version()
                        + " - correct the credential subject so that it satisfies this constraint", focusOf(entry.focusNode())));
            }
            if (failures == 0) {
                rules.add(graphComplete
                        ? RuleResult.passed(rule, subjects.size() + " credential subject(s) conform to the " + bundle.version() + " shapes", presentationId())
                        : RuleResult.failed(rule, "not every credential subject could be converted to RDF (see " + RuleIds.INPUT + ")", presentationId()));
            }
        }

        private String node(Node n) {
            return n == null ? "" : n.isURI() ? "<" + n.getURI() + ">" : n.isBlank() ? "_:" + n.getBlankNodeLabel() : n.toString();
        }

        /** The focus node's IRI, or for a blank node the IRI of the subject it hangs off (one or two hops). */
        private String focusOf(Node n) {
            Node current = n;
            for (int hop = 0; hop < 3 && current != null; hop++) {
                if (current.isURI()) {
                    return current.getURI();
                }
                Node node = current;
                current = data.find(Node.ANY, Node.ANY, node).toList().stream().map(Triple::getSubject).findFirst().orElse(null);
            }
            return presentationId();
        }

        // ---------------------------------------------------------------------------------------- helpers

        private Set<String> notaries() {
            Set<String> notaries = new LinkedHashSet<>(options.trustedNotaries());
            if (options.bundleNotaries()) {
                notaries.addAll(bundle.trustedNotaries());
            }
            return notaries;
        }

        private List<Subject> ofType(String type) {
            return subjects.stream().filter(s -> s.types().contains(type)).toList();
        }

        private String focus(Subject subject) {
            return subject.id() != null ? subject.id() : subject.credential().id();
        }

        private String presentationId() {
            return presentation == null ? null : presentation.id();
        }

        private Node gx(String local) {
            return NodeFactory.createURI(gx + local);
        }

        private Node iri(String id) {
            return id == null ? null : NodeFactory.createURI(id);
        }

        private List<Node> objects(Node subject, Node predicate) {
            return data.find(subject, predicate, Node.ANY).mapWith(Triple::getObject).toList();
        }
    }

    private static void collectDidWeb(JsonValue value, Set<String> into) {
        if (value instanceof JsonString s && s.getString().startsWith("did:web:")) {
            String did = s.getString();
            int cut = did.length();
            for (char c : new char[]{'#', '?', '/'}) {
                int i = did.indexOf(c);
                if (i >= 0) {
                    cut = Math.min(cut, i);
                }
            }
            into.add(did.substring(0, cut));
        } else if (value instanceof JsonObject o) {
            o.values().forEach(v -> collectDidWeb(v, into));
        } else if (value instanceof JsonArray a) {
            a.forEach(v -> collectDidWeb(v, into));
        }
    }

    private static List<JsonValue> many(JsonValue value) {
        return value == null ? List.of() : value instanceof JsonArray a ? a : List.of(value);
    }

    private static Optional<String> id(JsonObject o) {
        JsonValue id = o.containsKey("id") ? o.get("id") : o.get("@id");
        return id instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    /** The local names of {@code type}/{@code @type}: {@code gx:LegalPerson} and a full gx IRI both give {@code LegalPerson}. */
    private static List<String> types(JsonObject o) {
        JsonValue type = o.containsKey("type") ? o.get("type") : o.get("@type");
        List<String> types = new ArrayList<>();
        for (JsonValue v : many(type)) {
            if (v instanceof JsonString s) {
                types.add(TrustFrameworkBundle.localName(s.getString()));
            }
        }
        return types;
    }

    @SuppressWarnings("unused")
    private static Node rdfType() {
        return RDF.type.asNode();
    }
}
