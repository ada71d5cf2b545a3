package eu.federator.catalogue.ingest;

import eu.federator.catalogue.schema.CompositeShapes;
import eu.federator.catalogue.schema.CompositeShapesSource;
import eu.federator.catalogue.sd.BundledCredential;
import eu.federator.catalogue.sd.Compliance;
import eu.federator.catalogue.sd.IngestReport;
import eu.federator.catalogue.sd.SdFacets;
import eu.federator.catalogue.sd.NewSelfDescription;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.credentials.json.Jcs;
import eu.federator.trustframework.issue.ComplianceCredentials;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns submitted bytes into a {@link NewSelfDescription}, or says precisely why not. One pass: parse and verify with the
 * trust core (every check on by default), read each credential subject as RDF once, classify it by trust-framework base
 * class, decide what the self-description is, validate its claims against the composite shapes (compiled once per schema
 * change), check the compliance credential when one is required. Nothing is stored here; {@code SelfDescriptionStore}
 * does that.
 *
 * <p><b>What a submission is.</b> A presentation that holds a service offering (or data product, or resource) is that
 * offering, whatever else it holds: GXDCH makes providers present their LegalPerson, registration-number and issuer
 * credentials together with each offering. Those participant credentials are <i>bundled</i>: recorded once by hash,
 * never a self-description of their own and never a new version of the participant. A presentation of only participant
 * credentials is the participant's self-description. Two different offerings in one submission are refused.
 */
public final class IngestPipeline {
    private static final int MAX_SHACL_PROBLEMS = 50;
    private static final int MAX_MESSAGE = 400;
    private static final List<SdKind> SD_PRECEDENCE = List.of(SdKind.SERVICE_OFFERING, SdKind.DATA_PRODUCT, SdKind.RESOURCE,
            SdKind.PARTICIPANT, SdKind.OTHER);

    private final CredentialVerifier verifier;
    private final CompositeShapesSource shapes;
    private final Classifier classifier;
    private final Supplier<Graph> ontologies;
    private volatile SubclassFacts subclassFacts;

    private record SubclassFacts(Graph ontologies, Graph facts) {
    }

    /**
     * @param ontologies the current union of ontologies: their {@code rdfs:subClassOf} facts are added to the data graph
     *                   for SHACL, so that {@code sh:class gx:RegistrationNumber} accepts a {@code gx:VatID}
     */
    public IngestPipeline(CredentialVerifier verifier, CompositeShapesSource shapes, Classifier classifier, Supplier<Graph> ontologies) {
        this.verifier = Objects.requireNonNull(verifier);
        this.shapes = Objects.requireNonNull(shapes);
        this.classifier = Objects.requireNonNull(classifier);
        this.ontologies = Objects.requireNonNull(ontologies);
    }

    /**
     * What a submission would become, if accepted.
     *
     * @param verification the trust core's report, for the caller to show
     * @param warnings     relaxed checks that failed, skipped checks, missing shapes
     */
    public record Accepted(NewSelfDescription sd, VerificationResult verification, List<String> warnings) {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param content     the submitted bytes
     * @param contentType the media type they came with (stored with them)
     * @param origin      null for a submission to this catalogue, else the peer catalogue it was federated from
     * @throws IngestException with every reason the submission is not accepted
     */
    public Accepted analyse(byte[] content, String contentType, IngestSettings settings, Instant now, String origin) {
        VerificationResult result = verifier.verify(content, new VerificationOptions(now, settings.verifySemantics(),
                settings.verifyVpSignature(), settings.verifyVcSignature()));
        return examine(result, content, contentType, settings, origin);
    }

    /**
     * The same as {@link #analyse}, for a submission the trust core has verified already (with the options of
     * {@code settings}): for callers that report the verification themselves, such as {@code POST /verification}.
     */
    public Accepted examine(VerificationResult result, byte[] content, String contentType, IngestSettings settings, String origin) {
        List<String> warnings = new ArrayList<>(result.warnings());
        verified(result, settings, warnings);

        List<Credential> credentials = new ArrayList<>();
        List<IngestException.Problem> problems = new ArrayList<>();
        for (CredentialReport report : result.credentials()) {
            if ("VerifiableCredential".equals(report.kind()) && report.document() != null) {
                credentials.add(read(report, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new IngestException(IngestException.Reason.SEMANTICS, summary("the credential subjects cannot be read", problems), problems);
        }
        if (credentials.isEmpty()) {
            throw new IngestException(IngestException.Reason.SEMANTICS, "the submission contains no credential: submit a "
                    + "verifiable credential, or a presentation whose verifiableCredential lists them");
        }
        Composition composition = compose(credentials, settings);

        Graph claims = GraphFactory.createDefaultGraph();
        Graph data = GraphFactory.createDefaultGraph();
        for (Credential c : credentials) {
            c.graph().find().forEachRemaining(data::add);
            if (composition.own().contains(c)) {
                c.graph().find().forEachRemaining(claims::add);
            }
        }
        String schema;
        if (settings.verifySchema()) {
            schema = validate(data, warnings);
        } else {
            schema = "not validated (verifySchema=false)";
            warnings.add("verifySchema=false: the claims were not validated against the shapes");
        }
        ComplianceFinding compliance = compliance(composition, credentials, settings.compliance().trustedIssuers());
        if (settings.compliance().required()) {
            compliance.require();
        }
        SdFacets facets = new SdFacets(keywords(claims, composition.main()), countries(claims, composition), compliance.status());
        IngestReport report = new IngestReport(checks(result), warnings, schema, compliance.info());
        return new Accepted(newSelfDescription(content, contentType, result, composition, claims, origin, facets, report), result, warnings);
    }

    // ------------------------------------------------------------------------------------------------ verification

    private static void verified(VerificationResult result, IngestSettings settings, List<String> warnings) {
        List<IngestException.Problem> failures = new ArrayList<>();
        boolean malformed = false;
        for (CredentialReport report : result.credentials()) {
            for (Check check : report.failures()) {
                if (settings.relaxedChecks().contains(check.name())) {
                    warnings.add("relaxed check failed: " + report.id() + ": " + check.name() + " (" + check.message() + ")");
                } else if (!CheckName.EMBEDDED_CREDENTIALS.equals(check.name())) {
                    failures.add(new IngestException.Problem(report.id(), check.name(), check.message()));
                    malformed |= CheckName.SYNTAX.equals(check.name());
                }
            }
            if (settings.verifyVpSignature() && "VerifiablePresentation".equals(report.kind()) && report.compactJws() == null
                    && report.check(CheckName.PROOF_PRESENT).isEmpty() && report.check(CheckName.SIGNATURE).isEmpty()) {
                // the trust core accepts an unsigned presentation as a mere container (as GXDCH does); a catalogue that
                // verifies presentation signatures needs one to verify, as XFSC does ("No proof found")
                String message = "the presentation has no proof: sign it as its holder, or run the catalogue with "
                        + "federator.catalogue.ingest.verify-vp-signature=false to accept unsigned presentations";
                if (settings.relaxedChecks().contains(CheckName.PROOF_PRESENT)) {
                    warnings.add("relaxed check failed: " + report.id() + ": " + CheckName.PROOF_PRESENT + " (" + message + ")");
                } else {
                    failures.add(new IngestException.Problem(report.id(), CheckName.PROOF_PRESENT, message));
                }
            }
            for (Check check : report.checks()) {
                if (check.outcome() == Check.Outcome.SKIPPED) {
                    warnings.add("skipped: " + report.id() + ": " + check.name() + (check.message().isBlank() ? "" : " (" + check.message() + ")"));
                }
            }
        }
        // "presentation.credentials" only repeats the contained credentials' failures, which are listed (or relaxed) above
        if (!failures.isEmpty()) {
            throw new IngestException(malformed ? IngestException.Reason.MALFORMED : IngestException.Reason.VERIFICATION,
                    summary(malformed ? "the submission is not well-formed" : "verification failed", failures), failures);
        }
    }

    // ------------------------------------------------------------------------------------------------ subjects

    private record Subject(String id, List<String> types, SdKind kind) {
    }

    private record Credential(CredentialReport report, List<Subject> subjects, SdKind kind, Graph graph, Map<String, String> prefixes) {
    }

    private Credential read(CredentialReport report, List<IngestException.Problem> problems) {
        JsonObject vc = report.document();
        List<Subject> subjects = new ArrayList<>();
        Graph graph = GraphFactory.createDefaultGraph();
        Map<String, String> prefixes = new TreeMap<>();
        prefixes(vc.get("@context"), prefixes);
        List<JsonObject> objects = new ArrayList<>();
        JsonValue cs = vc.get("credentialSubject");
        if (cs instanceof JsonObject o) {
            objects.add(o);
        } else if (cs instanceof JsonArray a) {
            a.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).forEach(objects::add);
        }
        if (objects.isEmpty()) {
            problems.add(new IngestException.Problem(report.id(), "credentialSubject", "the credential has no credentialSubject "
                    + "object; a self-description states its claims there"));
            return new Credential(report, subjects, SdKind.OTHER, graph, prefixes);
        }
        for (JsonObject subject : objects) {
            prefixes(subject.get("@context"), prefixes);
            Optional<String> id = string(subject, "id").or(() -> string(subject, "@id"));
            if (id.isEmpty()) {
                problems.add(new IngestException.Problem(report.id(), "credentialSubject.id", "the credential subject has no id; "
                        + "give it one (a DID or URL): the catalogue keeps one active self-description per subject id"));
                continue;
            }
            Graph subjectGraph;
            try {
                subjectGraph = toRdf(vc, subject);
            } catch (LinkedDataException | RiotException e) {
                problems.add(new IngestException.Problem(report.id(), CheckName.JSONLD_CONTEXT, "the credential subject " + id.get()
                        + " cannot be read as JSON-LD: " + e.getMessage() + "; make every context available and every term defined"));
                continue;
            }
            subjectGraph.find().forEachRemaining(graph::add);
            Node node;
            try {
                node = subjectNode(vc, subject, id.get(), subjectGraph);
            } catch (LinkedDataException | RiotException e) {
                problems.add(new IngestException.Problem(report.id(), CheckName.JSONLD_CONTEXT, "the id of the credential subject "
                        + id.get() + " cannot be expanded: " + e.getMessage()));
                continue;
            }
            List<String> types = new ArrayList<>();
            if (node != null) {
                subjectGraph.find(node, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
                    if (t.getObject().isURI()) {
                        types.add(t.getObject().getURI());
                    }
                });
            }
            subjects.add(new Subject(node == null ? id.get() : node.getURI(), types, classifier.classify(types)));
        }
        SdKind kind = SD_PRECEDENCE.stream().filter(k -> subjects.stream().anyMatch(s -> s.kind() == k)).findFirst().orElse(SdKind.OTHER);
        return new Credential(report, subjects, kind, graph, prefixes);
    }

    /** The subject as its own JSON-LD document under the credential's contexts, as RDF (fresh blank nodes per call). */
    private Graph toRdf(JsonObject vc, JsonObject subject) throws LinkedDataException {
        var doc = Json.provider().createObjectBuilder();
        if (vc.containsKey("@context")) {
            doc.add("@context", vc.get("@context"));
        }
        doc.add("@graph", Json.provider().createArrayBuilder().add(subject));
        String nquads = verifier.linkedData().canonicalize(doc.build());
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(nquads, Lang.NQUADS).parse(new StreamRDFBase() {
            @Override
            public void triple(Triple triple) {
                graph.add(triple);
            }

            @Override
            public void quad(Quad quad) {
                graph.add(quad.asTriple());
            }
        });
        return graph;
    }

    /** An absolute IRI (its "//" keeps any context from reading it as a compact IRI) that no claim uses. */
    private static final String PROBE = "https://federator.invalid/ns#subject-probe";

    /**
     * The subject's node as JSON-LD expands its id: usually the id as written, but a context can make it a compact IRI.
     * XFSC's {@code sd_resource.json} defines {@code "did": "https://www.w3.org/TR/did-core/#"}, so its subject
     * {@code did:example:fad4...} is {@code https://www.w3.org/TR/did-core/#example:fad4...} in the claims; looking for
     * the id as written found no rdf:type and refused the submission as having no proper subject. Null for a blank node.
     */
    private Node subjectNode(JsonObject vc, JsonObject subject, String id, Graph claims) throws LinkedDataException {
        if (id.startsWith("_:")) {
            return null;
        }
        Node written = NodeFactory.createURI(id);
        if (claims.contains(written, Node.ANY, Node.ANY)) {
            return written;
        }
        var probe = Json.provider().createObjectBuilder();
        if (subject.containsKey("@context")) {
            probe.add("@context", subject.get("@context"));
        }
        probe.add("@id", id).add(PROBE, "probe");
        Node predicate = NodeFactory.createURI(PROBE);
        return toRdf(vc, probe.build()).find(Node.ANY, predicate, Node.ANY).nextOptional().map(Triple::getSubject)
                .filter(Node::isURI).orElse(written);
    }

    /** Prefix definitions of inline contexts: {@code "gx": "https://w3id.org/gaia-x/development#"}. */
    private static void prefixes(JsonValue context, Map<String, String> into) {
        if (context instanceof JsonArray a) {
            a.forEach(v -> prefixes(v, into));
        } else if (context instanceof JsonObject o) {
            o.forEach((term, value) -> {
                if (value instanceof JsonString s && !term.startsWith("@") && !term.contains(":")
                        && (s.getString().endsWith("#") || s.getString().endsWith("/")) && s.getString().contains(":")) {
                    into.putIfAbsent(term, s.getString());
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ composition

    /** What the self-description is: its main subject, its own credentials, the bundled ones. */
    private record Composition(SdKind kind, Subject main, Credential mainCredential, List<Credential> own, List<Credential> bundled) {
    }

    private Composition compose(List<Credential> credentials, IngestSettings settings) {
        SdKind kind = SD_PRECEDENCE.stream().filter(k -> credentials.stream().anyMatch(c -> c.kind() == k)).findFirst().orElseThrow();
        if (kind == SdKind.OTHER && settings.requireBaseClass()) {
            List<String> seen = credentials.stream().flatMap(c -> c.subjects().stream()).map(s -> s.id() + " " + s.types()).toList();
            throw new IngestException(IngestException.Reason.SEMANTICS, "no credential subject is a participant, service offering, "
                    + "resource or data product (subjects: " + String.join("; ", seen) + "); base classes are " + classifier.describe()
                    + ". Type the subject with one of them, or load an ontology that makes its type a subclass of one",
                    List.of(new IngestException.Problem(null, "base-class", "no proper credential subject found")));
        }
        boolean offering = kind == SdKind.SERVICE_OFFERING || kind == SdKind.DATA_PRODUCT || kind == SdKind.RESOURCE;
        // a compliance credential is about the others, not part of what they describe: bundled, like the provider's
        // credentials with an offering (it cannot list itself, and its claims are no claims about the subject)
        boolean onlyCompliance = credentials.stream().allMatch(IngestPipeline::complianceCredential);
        List<Credential> own = new ArrayList<>();
        List<Credential> bundled = new ArrayList<>();
        for (Credential c : credentials) {
            boolean isOwn = (onlyCompliance || !complianceCredential(c))
                    && (!offering || c.kind() == SdKind.SERVICE_OFFERING || c.kind() == SdKind.DATA_PRODUCT || c.kind() == SdKind.RESOURCE);
            (isOwn ? own : bundled).add(c);
        }
        Set<String> mains = new LinkedHashSet<>();
        Subject main = null;
        Credential mainCredential = null;
        for (Credential c : own) {
            for (Subject s : c.subjects()) {
                if (s.kind() == kind) {
                    mains.add(s.id());
                    if (main == null) {
                        main = s;
                        mainCredential = c;
                    }
                }
            }
        }
        if (mains.size() > 1) {
            throw new IngestException(IngestException.Reason.SEMANTICS, "the submission describes " + mains.size() + " different "
                    + kind.value() + "s (" + String.join(", ", mains) + "); submit each as its own self-description",
                    List.of(new IngestException.Problem(null, "one-subject", "several " + kind.value() + " subjects: " + mains)));
        }
        return new Composition(kind, main, mainCredential, own, bundled);
    }

    // ------------------------------------------------------------------------------------------------ SHACL

    /** @return what the report says of the validation */
    private String validate(Graph data, List<String> warnings) {
        CompositeShapes composite = shapes.current();
        if (composite.isEmpty()) {
            warnings.add("no shape schemas are loaded, so the claims were not validated (add shapes with POST /schemas)");
            return "not validated (no shape schemas loaded)";
        }
        Graph facts = subclassFacts();
        ValidationReport report = ShaclValidator.get().validate(composite.shapes(), facts.isEmpty() ? data : new Union(data, facts));
        if (report.conforms()) {
            return "conforms to the shapes";
        }
        List<IngestException.Problem> problems = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            if (problems.size() == MAX_SHACL_PROBLEMS) {
                break;
            }
            String component = e.sourceConstraintComponent() == null ? "sh:Violation" : shortComponent(e.sourceConstraintComponent().getURI());
            String path = e.resultPath() == null ? "" : e.resultPath().toString() + ": ";
            String message = path + e.message();
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "…";
            }
            problems.add(new IngestException.Problem(e.focusNode() == null ? null : e.focusNode().toString(), component, message));
        }
        throw new IngestException(IngestException.Reason.SCHEMA, summary("the claims do not conform to the shapes ("
                + report.getEntries().size() + " violation(s))", problems), problems);
    }

    /** The {@code rdfs:subClassOf} triples between named classes of the current ontologies (derived once per change). */
    private Graph subclassFacts() {
        Graph current = ontologies.get();
        SubclassFacts f = subclassFacts;
        if (f != null && f.ontologies() == current) {
            return f.facts();
        }
        Graph facts = GraphFactory.createDefaultGraph();
        if (current != null) {
            current.find(Node.ANY, RDFS.subClassOf.asNode(), Node.ANY).forEachRemaining(t -> {
                if (t.getSubject().isURI() && t.getObject().isURI()) {
                    facts.add(t);
                }
            });
        }
        subclassFacts = new SubclassFacts(current, facts);
        return facts;
    }

    private static String shortComponent(String iri) {
        return iri.startsWith("http://www.w3.org/ns/shacl#") ? "sh:" + iri.substring("http://www.w3.org/ns/shacl#".length()) : iri;
    }

    // ------------------------------------------------------------------------------------------------ compliance

    /**
     * What the compliance or label credentials among the submitted ones say of the self-description: compliant when one
     * came with it from a trusted compliance service and they list every credential of it with a matching digest.
     *
     * @param found    whether any compliance credential came with it
     * @param problems why it is not compliant
     * @param info     for the report: the (first trusted, else first) compliance credential, or null
     */
    private record ComplianceFinding(boolean found, List<IngestException.Problem> problems, IngestReport.ComplianceInfo info) {
        Compliance status() {
            return !found ? Compliance.NONE : problems.isEmpty() ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
        }

        /** @throws IngestException with reason {@link IngestException.Reason#COMPLIANCE} unless compliant */
        void require() {
            if (!found) {
                throw new IngestException(IngestException.Reason.COMPLIANCE, "this catalogue requires a Gaia-X compliance credential: "
                        + "add the gx:compliance (Tagus) or gx:LabelCredential (Loire) credential the compliance service issued for these "
                        + "credentials to the presentation", List.of(new IngestException.Problem(null, "compliance.present", "no compliance credential")));
            }
            if (!problems.isEmpty()) {
                throw new IngestException(IngestException.Reason.COMPLIANCE, summary("the compliance credential does not cover the submission", problems), problems);
            }
        }
    }

    private static ComplianceFinding compliance(Composition composition, List<Credential> credentials, Set<String> trustedIssuers) {
        List<IngestException.Problem> problems = new ArrayList<>();
        Map<String, String> covered = new LinkedHashMap<>(); // credential id -> digest stated by a trusted compliance credential
        Credential shown = null;
        boolean shownTrusted = false;
        for (Credential c : credentials) {
            JsonObject vc = c.report().document();
            boolean tagus = tagusCompliance(vc);
            if (!tagus && !loireLabel(vc)) {
                continue;
            }
            boolean trusted = trustedIssuers.contains(c.report().issuer());
            if (shown == null || (trusted && !shownTrusted)) {
                shown = c;
                shownTrusted = trusted;
            }
            if (!trusted) {
                problems.add(new IngestException.Problem(c.report().id(), "compliance.issuer", "the compliance credential is issued by "
                        + c.report().issuer() + ", which is not a trusted compliance service (" + trustedIssuers + ")"));
                continue;
            }
            for (JsonValue s : many(vc.get("credentialSubject"))) {
                if (!(s instanceof JsonObject subject)) {
                    continue;
                }
                if (tagus) {
                    string(subject, "id").ifPresent(id -> string(subject, "gx:integrity").ifPresent(d -> covered.put(id, d)));
                }
                for (JsonValue entry : many(subject.get("gx:compliantCredentials"))) {
                    if (entry instanceof JsonObject e) {
                        JsonValue sri = e.get("cred:digestSRI");
                        String digest = sri instanceof JsonObject o ? string(o, "@value").orElse(null)
                                : sri instanceof JsonString str ? str.getString() : null;
                        string(e, "id").ifPresent(id -> covered.put(id, digest));
                    }
                }
            }
        }
        if (shown == null) {
            return new ComplianceFinding(false, List.of(), null);
        }
        for (Credential c : composition.own()) {
            String id = c.report().id();
            String stated = covered.get(id);
            if (stated == null) {
                problems.add(new IngestException.Problem(id, "compliance.coverage", "no trusted compliance credential lists the credential " + id));
            } else if (!stated.equals(ComplianceCredentials.integrity(c.report()))
                    && !stated.equals(ComplianceCredentials.digestSri(c.report()))) {
                problems.add(new IngestException.Problem(id, "compliance.integrity", "the compliance credential's digest of " + id
                        + " does not match the credential submitted: it was changed after the compliance check"));
            }
        }
        JsonObject vc = shown.report().document();
        String level = many(vc.get("credentialSubject")).stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .map(o -> string(o, "gx:labelLevel").orElse(null)).filter(Objects::nonNull).findFirst().orElse(null);
        IngestReport.ComplianceInfo info = new IngestReport.ComplianceInfo(problems.isEmpty() ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT,
                shown.report().id(), tagusCompliance(vc) ? "gx:compliance" : "gx:LabelCredential", shown.report().issuer(), level,
                string(vc, "validFrom").or(() -> string(vc, "issuanceDate")).orElse(shown.report().issued()),
                string(vc, "validUntil").or(() -> string(vc, "expirationDate")).orElse(null), List.copyOf(covered.keySet()),
                problems.stream().map(p -> (p.focus() == null ? "" : p.focus() + ": ") + p.message()).toList());
        return new ComplianceFinding(true, List.copyOf(problems), info);
    }

    /** A Tagus compliance credential: type or subject type {@code gx:compliance}. */
    private static boolean tagusCompliance(JsonObject vc) {
        return strings(vc.get("type")).stream().anyMatch(t -> Classifier.localName(t).equals("compliance"))
                || many(vc.get("credentialSubject")).stream().anyMatch(s -> s instanceof JsonObject o
                && strings(o.get("type")).stream().anyMatch(t -> Classifier.localName(t).equals("compliance")));
    }

    /** A Loire {@code gx:LabelCredential}. */
    private static boolean loireLabel(JsonObject vc) {
        return strings(vc.get("type")).stream().anyMatch(t -> Classifier.localName(t).equals("LabelCredential"));
    }

    private static boolean complianceCredential(Credential c) {
        return tagusCompliance(c.report().document()) || loireLabel(c.report().document());
    }

    // ------------------------------------------------------------------------------------------------ result

    private static NewSelfDescription newSelfDescription(byte[] content, String contentType, VerificationResult result,
                                                         Composition composition, Graph claims, String origin, SdFacets facets,
                                                         IngestReport report) {
        CredentialReport main = composition.mainCredential().report();
        String provider = composition.kind() == SdKind.PARTICIPANT ? main.issuer()
                : composition.bundled().stream().filter(c -> c.kind() == SdKind.PARTICIPANT).map(c -> c.report().issuer())
                .filter(Objects::nonNull).findFirst().orElse(main.issuer());
        Instant validFrom = composition.own().stream().map(c -> instant(c.report().issued())).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        Instant expires = result.credentials().stream().flatMap(r -> r.checks().stream()).filter(Check::ok)
                .map(Check::validUntil).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        List<String> validators = result.credentials().stream()
                .filter(r -> r.verificationMethod() != null && r.check(CheckName.SIGNATURE).map(Check::ok).orElse(false))
                .map(CredentialReport::verificationMethod).distinct().toList();
        Map<String, String> prefixes = new TreeMap<>();
        composition.own().forEach(c -> c.prefixes().forEach(prefixes::putIfAbsent));
        List<BundledCredential> bundled = composition.bundled().stream().map(IngestPipeline::bundled).toList();
        StringWriter nt = new StringWriter();
        RDFDataMgr.write(nt, claims, Lang.NTRIPLES);
        SelfDescription metadata = new SelfDescription(sha256Hex(content), composition.main().id(), main.issuer(), provider,
                composition.kind(), composition.main().types(), result.format(), contentType, Lifecycle.ACTIVE, null, null,
                validFrom, expires, validators, composition.own().stream().map(c -> c.report().id()).toList(), origin,
                title(claims, composition.main()));
        return new NewSelfDescription(metadata, content, nt.toString(), prefixes, bundled, searchText(claims, composition.main()),
                facets, report);
    }

    // ------------------------------------------------------------------------------------------------ facets

    private static final int MAX_FACET_VALUES = 50;
    private static final int MAX_KEYWORD = 200;
    private static final java.util.regex.Pattern COUNTRY = java.util.regex.Pattern.compile("([A-Za-z]{2})(-.*)?");

    /** Literals of the subject's properties named {@code keyword} ({@code gx:keyword}, {@code dcat:keyword}), trimmed, once each. */
    private static List<String> keywords(Graph claims, Subject main) {
        if (main.id().startsWith("_:")) {
            return List.of();
        }
        Set<String> keywords = new java.util.TreeSet<>();
        claims.find(NodeFactory.createURI(main.id()), Node.ANY, Node.ANY).forEachRemaining(t -> {
            if (t.getPredicate().isURI() && Classifier.localName(t.getPredicate().getURI()).equals("keyword") && t.getObject().isLiteral()) {
                String k = t.getObject().getLiteralLexicalForm().strip();
                if (!k.isEmpty() && k.length() <= MAX_KEYWORD && keywords.size() < MAX_FACET_VALUES) {
                    keywords.add(k);
                }
            }
        });
        return List.copyOf(keywords);
    }

    /**
     * The countries of the claims: every {@code gx:countryCode} and the country of every {@code gx:countrySubdivisionCode}
     * (ISO 3166-2 {@code DE-HE}), wherever they are (addresses of a LegalPerson, a data centre's location, ...); for an
     * offering, resource or data product also those of the legal and headquarters addresses of the participant
     * (LegalPerson) credentials presented with it: the provider's country.
     */
    private static List<String> countries(Graph claims, Composition composition) {
        Set<String> countries = new java.util.TreeSet<>();
        countryCodes(claims, Node.ANY, countries);
        if (composition.kind() != SdKind.PARTICIPANT) {
            for (Credential c : composition.bundled()) {
                if (c.kind() != SdKind.PARTICIPANT) {
                    continue;
                }
                c.graph().find().forEachRemaining(t -> {
                    if (t.getPredicate().isURI() && !t.getObject().isLiteral()) {
                        String name = Classifier.localName(t.getPredicate().getURI());
                        if (name.equals("legalAddress") || name.equals("headquartersAddress")) {
                            countryCodes(c.graph(), t.getObject(), countries);
                        }
                    }
                });
            }
        }
        return countries.stream().limit(MAX_FACET_VALUES).toList();
    }

    private static void countryCodes(Graph graph, Node subject, Set<String> into) {
        graph.find(subject, Node.ANY, Node.ANY).forEachRemaining(t -> {
            if (!t.getPredicate().isURI()) {
                return;
            }
            String name = Classifier.localName(t.getPredicate().getURI());
            if (!name.equals("countryCode") && !name.equals("countrySubdivisionCode")) {
                return;
            }
            String value = t.getObject().isLiteral() ? t.getObject().getLiteralLexicalForm().strip()
                    : t.getObject().isURI() ? Classifier.localName(t.getObject().getURI()) : "";
            java.util.regex.Matcher m = COUNTRY.matcher(value);
            if (m.matches()) {
                into.add(m.group(1).toUpperCase(java.util.Locale.ROOT));
            }
        });
    }

    /** Every check the trust core ran, for the report stored with the self-description. */
    private static List<IngestReport.CheckRow> checks(VerificationResult result) {
        List<IngestReport.CheckRow> rows = new ArrayList<>();
        for (CredentialReport r : result.credentials()) {
            for (Check c : r.checks()) {
                rows.add(new IngestReport.CheckRow(r.id(), r.kind(), c.name(), c.outcome().name().toLowerCase(java.util.Locale.ROOT), c.message()));
            }
        }
        return rows;
    }

    private static final List<String> NAME_PROPERTIES = List.of("name", "legalName", "title", "label");
    private static final int MAX_SEARCH_TEXT = 100_000;

    /** The first literal of a name-like property (gx:name, schema:name, gx:legalName, dct:title, rdfs:label) of the subject. */
    private static String title(Graph claims, Subject main) {
        if (main.id().startsWith("_:")) {
            return null;
        }
        Node subject = NodeFactory.createURI(main.id());
        for (String name : NAME_PROPERTIES) {
            Optional<String> value = claims.find(subject, Node.ANY, Node.ANY).toList().stream()
                    .filter(t -> t.getPredicate().isURI() && Classifier.localName(t.getPredicate().getURI()).equals(name) && t.getObject().isLiteral())
                    .map(t -> t.getObject().getLiteralLexicalForm()).sorted().findFirst();
            if (value.isPresent()) {
                return value.get();
            }
        }
        return null;
    }

    /** The words full-text search matches: every literal of the claims, the subject id and the local names of its types. */
    private static String searchText(Graph claims, Subject main) {
        StringBuilder sb = new StringBuilder(main.id());
        main.types().forEach(t -> sb.append(' ').append(Classifier.localName(t)));
        claims.find().forEachRemaining(t -> {
            if (t.getObject().isLiteral() && sb.length() < MAX_SEARCH_TEXT) {
                sb.append(' ').append(t.getObject().getLiteralLexicalForm());
            }
        });
        return sb.length() > MAX_SEARCH_TEXT ? sb.substring(0, MAX_SEARCH_TEXT) : sb.toString();
    }

    private static BundledCredential bundled(Credential c) {
        CredentialReport r = c.report();
        byte[] bytes = r.compactJws() != null ? r.compactJws().getBytes(StandardCharsets.US_ASCII)
                : Jcs.canonicalize(r.document()).getBytes(StandardCharsets.UTF_8);
        String subject = c.subjects().isEmpty() ? null : c.subjects().getFirst().id();
        return new BundledCredential(sha256Hex(bytes), r.id(), r.issuer(), subject, c.kind(), r.format(), bytes);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Optional<String> string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static List<JsonValue> many(JsonValue v) {
        return v == null ? List.of() : v instanceof JsonArray a ? a : List.of(v);
    }

    private static List<String> strings(JsonValue v) {
        return many(v).stream().filter(JsonString.class::isInstance).map(s -> ((JsonString) s).getString()).toList();
    }

    private static String summary(String headline, List<IngestException.Problem> problems) {
        StringBuilder sb = new StringBuilder(headline).append(": ");
        int shown = Math.min(problems.size(), 10);
        for (int i = 0; i < shown; i++) {
            IngestException.Problem p = problems.get(i);
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(p.focus() == null ? "" : p.focus() + ": ").append(p.check()).append(p.message().isBlank() ? "" : " (" + p.message() + ")");
        }
        if (problems.size() > shown) {
            sb.append("; and ").append(problems.size() - shown).append(" more");
        }
        return sb.toString();
    }
}
