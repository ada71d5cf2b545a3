package eu.federator.credentials.verify;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.did.DidResolver;
import eu.federator.credentials.did.DidResolvers;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.jsonld.ContextPolicy;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.ProofFormatException;
import eu.federator.credentials.proof.jose.CompactJws;
import eu.federator.credentials.proof.jws2020.JsonWebSignature2020;
import eu.federator.credentials.proof.jws2020.Jws2020Verification;
import eu.federator.credentials.status.StatusListChecker;
import eu.federator.credentials.trust.CertificateTrust;
import eu.federator.credentials.trust.TrustAnchors;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies one input: a JSON-LD credential or presentation (VCDM 1.1 / 2.0 with JsonWebSignature2020 proofs),
 * a compact JWS (vc+jwt, vp+jwt and their field variants, VCDM 1.1 JWT-VC/VP with a vc/vp claim) or a JSON-LD
 * envelope of one. Every step is a named {@link Check}; nothing is skipped silently. Never throws on bad input:
 * malformed bytes give a result whose {@code syntax} check failed.
 */
public final class CredentialVerifier {

    static final int MAX_NESTING = 4;
    static final int MAX_CREDENTIALS = 1_000;

    private static final Set<String> CREDENTIAL_PURPOSES = Set.of("assertionMethod");
    // A presentation proves control of the holder's key: authentication is the purpose made for it; GXDCH-era
    // presentations use assertionMethod, which we accept too.
    private static final Set<String> PRESENTATION_PURPOSES = new LinkedHashSet<>(List.of("authentication", "assertionMethod"));

    private final LinkedData linkedData;
    private final JsonWebSignature2020 jws2020;
    private final KeyBinding keys;
    private final DidResolver dids;
    private final CertificateTrust certificates;
    private final ResourceFetcher fetcher;
    private final boolean trustAnchorsConfigured;
    private final VerifiedSignatures verifiedSignatures = new VerifiedSignatures();

    public CredentialVerifier(LinkedData linkedData, DidResolver dids, CertificateTrust certificates,
                              ResourceFetcher fetcher, boolean trustAnchorsConfigured) {
        this.linkedData = linkedData;
        this.jws2020 = new JsonWebSignature2020(linkedData);
        this.keys = new KeyBinding(dids);
        this.dids = dids;
        this.certificates = certificates;
        this.trustAnchorsConfigured = trustAnchorsConfigured;
        this.fetcher = fetcher;
    }

    /**
     * Builds the verifier from operator settings: one outbound fetcher (the web mirror when configured, else the
     * guarded HTTP client) shared by DID resolution, certificate chains, status lists and allow-listed contexts.
     *
     * @throws IOException when the trust-anchor bundle cannot be read
     */
    public static CredentialVerifier create(VerifierSettings settings) throws IOException {
        TrustAnchors anchors = settings.trustAnchors() == null ? TrustAnchors.none() : TrustAnchors.fromPem(settings.trustAnchors());
        return create(settings, anchors, settings.fetcher());
    }

    /** With trust anchors gathered elsewhere (several bundles, imported trusted lists) and a fetcher shared with other parts. */
    public static CredentialVerifier create(VerifierSettings settings, TrustAnchors anchors, ResourceFetcher fetcher) {
        LinkedData linkedData = new LinkedData(new ContextPolicy(settings.allowedContexts(), fetcher));
        return new CredentialVerifier(linkedData, DidResolvers.standard(fetcher, settings.cacheTtl()),
                new CertificateTrust(anchors, fetcher, settings.webMirror() != null ? fetcher : settings.revocationFetcher(), settings.cacheTtl()),
                fetcher, !anchors.isEmpty());
    }

    /** The DID resolution this verifier uses (for rules that resolve DIDs themselves, with the same cache and policy). */
    public DidResolver dids() {
        return dids;
    }

    /** The JSON-LD processing this verifier uses (bundled and allow-listed contexts). */
    public LinkedData linkedData() {
        return linkedData;
    }

    public VerificationResult verify(byte[] input, VerificationOptions options) {
        Run run = new Run(options, true);
        String format = run.input(input);
        boolean keysChecked = run.reports.stream().anyMatch(r -> r.check(CheckName.KEY_RESOLVED).filter(Check::ok).isPresent());
        if (!trustAnchorsConfigured && keysChecked) {
            run.warnings.add("no trust anchors configured: certificate chains were not validated against any root (configure trust anchors to require it)");
        }
        return new VerificationResult(format, run.reports, run.warnings);
    }

    private VerificationResult verifyStatusListCredential(byte[] bytes, VerificationOptions options) {
        // The status list credential's own status is not followed: that could loop and no ecosystem uses it.
        Run run = new Run(options, false);
        String format = run.input(bytes);
        return new VerificationResult(format, run.reports, run.warnings);
    }

    /** The state of one verification call. */
    private final class Run {
        final VerificationOptions options;
        final boolean followStatus;
        final List<CredentialReport> reports = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        int credentials;

        Run(VerificationOptions options, boolean followStatus) {
            this.options = options;
            this.followStatus = followStatus;
        }

        String input(byte[] bytes) {
            int start = 0;
            while (start < bytes.length && Character.isWhitespace(bytes[start])) {
                start++;
            }
            if (start < bytes.length && (bytes[start] == '{' || bytes[start] == '[')) {
                JsonValue value;
                try {
                    value = Json.parse(bytes);
                } catch (JsonSyntaxException e) {
                    return syntaxError("json", "input", "malformed JSON: " + e.getMessage());
                }
                if (!(value instanceof JsonObject document)) {
                    return syntaxError("json", "input", "expected one JSON object (a credential or presentation), got a " + value.getValueType().toString().toLowerCase(Locale.ROOT));
                }
                return jsonLd(document, "input", 0);
            }
            String text = new String(bytes, StandardCharsets.UTF_8).trim();
            if (CompactJws.looksLikeCompactJws(text)) {
                return jwt(text, "input", 0);
            }
            return syntaxError("unknown", "input", bytes.length == 0 ? "the input is empty"
                    : "the input is neither a JSON object nor a compact JWS (header.payload.signature)");
        }

        private String syntaxError(String format, String locator, String message) {
            reports.add(CredentialReport.unrecognised(locator, format, Check.failed(CheckName.SYNTAX, message)));
            return format;
        }

        /** Dispatches a JSON object by its type; returns the format name of what it was. */
        String jsonLd(JsonObject document, String locator, int depth) {
            if (tooMuch(locator, depth)) {
                return "json-ld";
            }
            List<String> types = Fields.types(document);
            if (types.contains("EnvelopedVerifiableCredential") || types.contains("EnvelopedVerifiablePresentation")) {
                return enveloped(document, locator, depth);
            }
            if (types.contains("VerifiablePresentation")) {
                ldpPresentation(document, locator, depth);
                return "ldp_vp";
            }
            if (types.contains("VerifiableCredential") || (depth > 0 && types.isEmpty())) {
                ldpCredential(document, locator);
                return "ldp_vc";
            }
            reports.add(CredentialReport.unrecognised(Fields.id(document).orElse(locator), "json-ld",
                    Check.failed(CheckName.STRUCTURE, "not a verifiable credential or presentation: its type "
                            + (types.isEmpty() ? "is missing" : types.toString()) + " names neither VerifiableCredential nor VerifiablePresentation")));
            return "json-ld";
        }

        private boolean tooMuch(String locator, int depth) {
            if (depth > MAX_NESTING || ++credentials > MAX_CREDENTIALS) {
                reports.add(CredentialReport.unrecognised(locator, "unknown", Check.failed(CheckName.STRUCTURE,
                        depth > MAX_NESTING ? "presentations nested deeper than " + MAX_NESTING + " levels are not verified"
                                : "more than " + MAX_CREDENTIALS + " credentials in one input are not verified")));
                return true;
            }
            return false;
        }

        private String enveloped(JsonObject envelope, String locator, int depth) {
            String id = Fields.id(envelope).orElse("");
            Optional<String> jws = dataUrlPayload(id);
            if (jws.isEmpty()) {
                reports.add(CredentialReport.unrecognised(locator, "enveloped", Check.failed(CheckName.SYNTAX,
                        "an enveloped credential's id must be a data: URL of media type application/vc+jwt (or vp+jwt and the "
                                + "+ld+json variants) holding a compact JWS")));
                return "enveloped";
            }
            return jwt(jws.get(), locator, depth);
        }

        // ---------------------------------------------------------------- JSON-LD with embedded proofs

        private void ldpCredential(JsonObject vc, String locator) {
            String id = Fields.id(vc).orElse(locator);
            String issuer = Fields.party(vc, "issuer").orElse(null);
            List<Check> checks = new ArrayList<>();
            checks.add(options.semantics() ? Structure.credential(vc, locator) : skippedSemantics());
            String format = "ldp_vc";
            if (options.vcSignature()) {
                ProofOutcome proof = embeddedProof(vc, locator, CREDENTIAL_PURPOSES, checks);
                if (proof.signerDid() != null) {
                    checks.add(issuerBinding(issuer, proof.signerDid(), "issuer"));
                }
                format = proof.format();
            } else {
                checks.add(Check.skipped(CheckName.SIGNATURE, "the credential's proof was not checked (verifyVCSignature=false)"));
            }
            checks.add(Validity.check(vc, null, null, options.at(), options.semantics()));
            status(vc, checks);
            reports.add(new CredentialReport(id, issuer, "VerifiableCredential", format, proofMethod(vc), issued(vc, null), checks, vc, null));
        }

        private void ldpPresentation(JsonObject vp, String locator, int depth) {
            int position = reports.size();
            String id = Fields.id(vp).orElse(locator);
            String holder = Fields.party(vp, "holder").orElse(null);
            List<Check> checks = new ArrayList<>();
            checks.add(options.semantics() ? Structure.presentation(vp) : skippedSemantics());
            List<JsonValue> entries = Fields.many(vp.get("verifiableCredential"));
            int before = reports.size();
            for (int i = 0; i < entries.size(); i++) {
                embedded(entries.get(i), "verifiableCredential[" + i + "]", depth + 1);
            }
            List<CredentialReport> contained = List.copyOf(reports.subList(before, reports.size()));
            String format = "ldp_vp";
            if (!options.vpSignature()) {
                checks.add(Check.skipped(CheckName.SIGNATURE, "the presentation's proof was not checked (verifyVPSignature=false)"));
            } else if (Fields.many(vp.get("proof")).isEmpty()) {
                warnings.add(locator + ": the presentation has no proof of its own; it was accepted as a container of "
                        + "credentials (as GXDCH does), but no holder binding was proven");
            } else {
                ProofOutcome proof = embeddedProof(vp, locator, PRESENTATION_PURPOSES, checks);
                if (proof.signerDid() != null) {
                    checks.add(holderBinding(holder, proof.signerDid()));
                }
                format = proof.format();
            }
            checks.add(Validity.check(vp, null, null, options.at(), options.semantics()));
            checks.add(containedCredentials(contained));
            reports.add(position, new CredentialReport(id, holder, "VerifiablePresentation", format, proofMethod(vp), issued(vp, null), checks, vp, null));
        }

        private void embedded(JsonValue entry, String locator, int depth) {
            if (entry instanceof JsonObject object) {
                jsonLd(object, locator, depth);
            } else if (entry instanceof JsonString s && CompactJws.looksLikeCompactJws(s.getString())) {
                jwt(s.getString(), locator, depth);
            } else {
                reports.add(CredentialReport.unrecognised(locator, "unknown", Check.failed(CheckName.STRUCTURE,
                        "a verifiableCredential entry must be a credential object, an enveloped credential or a compact JWS")));
            }
        }

        private record ProofOutcome(String format, String signerDid) {
        }

        /** Checks the first embedded proof; adds its checks and returns the flavour that verified and the signer's DID. */
        private ProofOutcome embeddedProof(JsonObject document, String locator, Set<String> purposes, List<Check> checks) {
            List<JsonValue> proofs = Fields.many(document.get("proof"));
            if (proofs.isEmpty()) {
                checks.add(Check.failed(CheckName.PROOF_PRESENT, "no proof found: the document is not signed"));
                return new ProofOutcome("ldp", null);
            }
            if (!(proofs.getFirst() instanceof JsonObject proof)) {
                checks.add(Check.failed(CheckName.PROOF_PRESENT, "the proof must be a JSON object"));
                return new ProofOutcome("ldp", null);
            }
            if (proofs.size() > 1) {
                warnings.add(locator + ": " + proofs.size() + " proofs present; only the first one was checked");
            }
            String type = Fields.string(proof, "type").orElse(null);
            if (!"JsonWebSignature2020".equals(type)) {
                checks.add(Check.failed(CheckName.PROOF_PRESENT, "proof type " + (type == null ? "(none)" : type)
                        + " is not supported; Federator verifies JsonWebSignature2020 proofs and VC-JOSE (vc+jwt)"));
                return new ProofOutcome("ldp", null);
            }
            String method = Fields.string(proof, "verificationMethod").orElse(null);
            checks.add(Check.passed(CheckName.PROOF_PRESENT, "JsonWebSignature2020 proof by " + method));
            String alg;
            try {
                alg = JsonWebSignature2020.headerAlgorithm(proof);
                checks.add(Check.passed(CheckName.PROOF_ALGORITHM, alg));
            } catch (ProofFormatException e) {
                checks.add(Check.failed(CheckName.PROOF_ALGORITHM, e.getMessage()));
                return new ProofOutcome("jws2020", null);
            }
            KeyBinding.Resolved key = keys.resolve(method, Fields.string(proof, "proofPurpose").orElse(null), purposes);
            checks.addAll(key.checks());
            if (!key.found()) {
                checks.add(Check.failed(CheckName.SIGNATURE, "not verifiable: the verification method's key was not resolved"));
                return new ProofOutcome("jws2020", key.signerDid());
            }
            Optional<String> mismatch = JwsAlgorithms.keyMismatch(alg, key.key());
            if (mismatch.isPresent()) {
                checks.add(Check.failed(CheckName.SIGNATURE, mismatch.get()));
                checks.addAll(certificates(key.key()));
                return new ProofOutcome("jws2020", key.signerDid());
            }
            String format = "jws2020";
            try {
                Jws2020Verification verification = jws2020.verify(document, proof, key.key());
                checks.add(Check.passed(CheckName.JSONLD_CONTEXT, "all contexts loaded"));
                dropped(document, locator);
                if (verification.valid()) {
                    format = verification.flavour().id();
                    checks.add(Check.passed(CheckName.SIGNATURE, alg + " signature valid (" + verification.flavour().id() + ")"));
                } else {
                    checks.add(Check.failed(CheckName.SIGNATURE, verification.message()));
                }
            } catch (LinkedDataException e) {
                checks.add(Check.failed(CheckName.JSONLD_CONTEXT, e.getMessage()));
                checks.add(Check.failed(CheckName.SIGNATURE, "not verifiable: the document could not be canonicalized"));
            }
            checks.addAll(certificates(key.key()));
            return new ProofOutcome(format, key.signerDid());
        }

        private void dropped(JsonObject document, String locator) {
            try {
                List<String> terms = linkedData.droppedTerms(document);
                if (!terms.isEmpty()) {
                    warnings.add(locator + ": terms not defined by the @context are dropped and NOT covered by the signature: "
                            + String.join(", ", terms));
                }
            } catch (LinkedDataException e) {
                // Already reported by the canonicalization that ran first.
            }
        }

        // ---------------------------------------------------------------- JOSE

        private String jwt(String compact, String locator, int depth) {
            if (tooMuch(locator, depth)) {
                return "jwt";
            }
            CompactJws jws;
            try {
                jws = CompactJws.parse(compact);
            } catch (ProofFormatException e) {
                return syntaxError("jwt", locator, "malformed JWS: " + e.getMessage());
            }
            JsonObject claims = jws.payload();
            JsonObject document = claims;
            String format = Optional.ofNullable(jws.typ()).map(t -> t.toLowerCase(Locale.ROOT)).orElse("jwt");
            if (claims.get("vc") instanceof JsonObject vc) {
                document = vc;
                format = "jwt_vc_json";
            } else if (claims.get("vp") instanceof JsonObject vp) {
                document = vp;
                format = "jwt_vp_json";
            }
            boolean presentation = Fields.types(document).contains("VerifiablePresentation");
            String kind = presentation ? "VerifiablePresentation" : "VerifiableCredential";
            String id = Fields.id(document).or(() -> Fields.string(claims, "jti")).orElse(locator);
            String stated = presentation
                    ? Fields.party(document, "holder").or(() -> Fields.string(claims, "iss")).orElse(null)
                    : Fields.party(document, "issuer").or(() -> Fields.string(claims, "iss")).orElse(null);

            int position = reports.size();
            List<Check> checks = new ArrayList<>();
            checks.add(options.semantics() ? Structure.jose(jws, document, presentation, format) : skippedSemantics());

            List<CredentialReport> contained = List.of();
            if (presentation) {
                int before = reports.size();
                List<JsonValue> entries = Fields.many(document.get("verifiableCredential"));
                for (int i = 0; i < entries.size(); i++) {
                    embedded(entries.get(i), locator + ".verifiableCredential[" + i + "]", depth + 1);
                }
                contained = List.copyOf(reports.subList(before, reports.size()));
            }

            boolean checkSignature = presentation ? options.vpSignature() : options.vcSignature();
            if (checkSignature) {
                joseProof(jws, claims, document, presentation, checks);
            } else {
                checks.add(Check.skipped(CheckName.SIGNATURE, "the JWS signature was not checked (verify"
                        + (presentation ? "VP" : "VC") + "Signature=false)"));
            }
            checks.add(Validity.check(document, claims, jws.header(), options.at(), options.semantics()));
            if (presentation) {
                checks.add(containedCredentials(contained));
            } else {
                status(document, checks);
            }
            reports.add(position, new CredentialReport(id, stated, kind, format, jws.kid(), issued(document, claims), checks, document, compact.trim()));
            return format;
        }

        private void joseProof(CompactJws jws, JsonObject claims, JsonObject document, boolean presentation, List<Check> checks) {
            String alg = jws.alg();
            Optional<String> rejected = JwsAlgorithms.rejection(alg);
            if (rejected.isPresent()) {
                checks.add(Check.failed(CheckName.PROOF_ALGORITHM, rejected.get()));
                return;
            }
            if (jws.header().containsKey("crit")) {
                checks.add(Check.failed(CheckName.PROOF_ALGORITHM, "the JWS header marks " + jws.header().get("crit")
                        + " as critical; no critical header extension is understood for VC-JOSE, so the token is rejected"));
                return;
            }
            checks.add(Check.passed(CheckName.PROOF_ALGORITHM, alg));
            String iss = jws.headerString("iss") != null ? jws.headerString("iss") : Fields.string(claims, "iss").orElse(null);
            String kid = jws.kid();
            if (kid != null && kid.startsWith("#") && iss != null) {
                kid = iss + kid;
            }
            if (kid == null) {
                checks.add(Check.failed(CheckName.KEY_RESOLVED, "the JWS header has no kid, so the signing key cannot be found in the issuer's DID document"));
                checks.add(Check.failed(CheckName.SIGNATURE, "not verifiable: no key"));
                return;
            }
            KeyBinding.Resolved key = keys.resolve(kid, null, presentation ? PRESENTATION_PURPOSES : CREDENTIAL_PURPOSES);
            checks.addAll(key.checks());
            if (!key.found()) {
                checks.add(Check.failed(CheckName.SIGNATURE, "not verifiable: the key " + kid + " was not resolved"));
                return;
            }
            Optional<String> mismatch = JwsAlgorithms.keyMismatch(alg, key.key());
            if (mismatch.isPresent()) {
                checks.add(Check.failed(CheckName.SIGNATURE, mismatch.get()));
            } else {
                checks.add(signature(alg, key.key(), jws));
            }
            if (presentation) {
                checks.add(joseHolderBinding(jws, claims, document, key.signerDid()));
            } else {
                checks.add(joseIssuerBinding(jws, claims, document, key.signerDid()));
            }
            checks.addAll(certificates(key.key()));
        }

        private Check signature(String alg, JWK key, CompactJws jws) {
            try {
                if (verifiedSignatures.contains(alg, key, jws.signingInput(), jws.signature())) {
                    return Check.passed(CheckName.SIGNATURE, alg + " signature valid");
                }
                boolean valid = JwsAlgorithms.verify(alg, key, jws.signingInput(), jws.signature());
                if (valid) {
                    verifiedSignatures.add(alg, key, jws.signingInput(), jws.signature());
                }
                return valid
                        ? Check.passed(CheckName.SIGNATURE, alg + " signature valid")
                        : Check.failed(CheckName.SIGNATURE, alg + " signature does not match the header and payload: the token was altered or signed with another key");
            } catch (GeneralSecurityException | RuntimeException e) {
                return Check.failed(CheckName.SIGNATURE, alg + " signature cannot be verified: " + e.getMessage());
            }
        }

        private Check joseIssuerBinding(CompactJws jws, JsonObject claims, JsonObject document, String signerDid) {
            List<String> disagreements = new ArrayList<>();
            agree("the iss header", jws.headerString("iss"), signerDid, disagreements);
            agree("the iss claim", Fields.string(claims, "iss").orElse(null), signerDid, disagreements);
            agree("the credential's issuer", Fields.party(document, "issuer").orElse(null), signerDid, disagreements);
            if (jws.headerString("iss") == null && claims.get("iss") == null && !document.containsKey("issuer")) {
                disagreements.add("no issuer is stated (iss header, iss claim or issuer)");
            }
            return disagreements.isEmpty()
                    ? Check.passed(CheckName.ISSUER_BINDING, "issuer " + signerDid + " signed with its own key")
                    : Check.failed(CheckName.ISSUER_BINDING, "the key belongs to " + signerDid + " but " + String.join("; ", disagreements));
        }

        private Check joseHolderBinding(CompactJws jws, JsonObject claims, JsonObject document, String signerDid) {
            List<String> disagreements = new ArrayList<>();
            agree("the iss header", jws.headerString("iss"), signerDid, disagreements);
            agree("the iss claim", Fields.string(claims, "iss").orElse(null), signerDid, disagreements);
            agree("the holder", Fields.party(document, "holder").orElse(null), signerDid, disagreements);
            return disagreements.isEmpty()
                    ? Check.passed(CheckName.HOLDER_BINDING, "presented and signed by " + signerDid)
                    : Check.failed(CheckName.HOLDER_BINDING, "the presentation is signed by " + signerDid + " but " + String.join("; ", disagreements));
        }

        private static void agree(String what, String value, String signerDid, List<String> disagreements) {
            if (value != null && !value.equals(signerDid)) {
                disagreements.add(what + " says " + value);
            }
        }

        // ---------------------------------------------------------------- shared checks

        private Check issuerBinding(String issuer, String signerDid, String field) {
            if (issuer == null) {
                return Check.failed(CheckName.ISSUER_BINDING, "the credential states no " + field);
            }
            return issuer.equals(signerDid)
                    ? Check.passed(CheckName.ISSUER_BINDING, "issuer " + issuer + " signed with its own key")
                    : Check.failed(CheckName.ISSUER_BINDING, "the " + field + " is " + issuer + " but the proof was made with a key of "
                    + signerDid + "; only the issuer's own key may sign its credentials");
        }

        private Check holderBinding(String holder, String signerDid) {
            if (holder == null) {
                return Check.passed(CheckName.HOLDER_BINDING, "no holder stated; presented and signed by " + signerDid);
            }
            return holder.equals(signerDid)
                    ? Check.passed(CheckName.HOLDER_BINDING, "holder " + holder + " signed the presentation")
                    : Check.failed(CheckName.HOLDER_BINDING, "the holder is " + holder + " but the presentation was signed with a key of " + signerDid);
        }

        private List<Check> certificates(JWK key) {
            return certificates.check(key, options.at());
        }

        private void status(JsonObject credential, List<Check> checks) {
            JsonValue entry = credential.get("credentialStatus");
            if (entry == null || !followStatus) {
                return;
            }
            StatusListChecker statusLists = new StatusListChecker(fetcher, list -> verifyStatusListCredential(list, options));
            checks.add(statusLists.check(entry, options.at()));
        }

        private Check containedCredentials(List<CredentialReport> contained) {
            if (contained.isEmpty()) {
                return Check.passed(CheckName.EMBEDDED_CREDENTIALS, "the presentation contains no credentials");
            }
            List<String> failed = contained.stream().filter(r -> !r.failures().isEmpty())
                    .map(r -> r.id() + " (" + String.join(", ", r.failures().stream().map(Check::name).toList()) + ")")
                    .toList();
            if (!failed.isEmpty()) {
                return Check.failed(CheckName.EMBEDDED_CREDENTIALS, failed.size() + " of " + contained.size()
                        + " contained credentials did not verify: " + String.join("; ", failed));
            }
            long incomplete = contained.stream().filter(r -> !r.valid()).count();
            return incomplete == 0
                    ? Check.passed(CheckName.EMBEDDED_CREDENTIALS, "all " + contained.size() + " contained credentials verified")
                    : Check.skipped(CheckName.EMBEDDED_CREDENTIALS, incomplete + " of " + contained.size()
                    + " contained credentials were only partly checked (checks switched off)");
        }

        private Check skippedSemantics() {
            return Check.skipped(CheckName.STRUCTURE, "the data-model structure was not checked (verifySemantics=false)");
        }
    }

    private static String proofMethod(JsonObject document) {
        List<JsonValue> proofs = Fields.many(document.get("proof"));
        return !proofs.isEmpty() && proofs.getFirst() instanceof JsonObject proof ? Fields.string(proof, "verificationMethod").orElse(null) : null;
    }

    private static String issued(JsonObject document, JsonObject claims) {
        return Fields.string(document, "issuanceDate").or(() -> Fields.string(document, "validFrom"))
                .or(() -> claims == null ? Optional.empty() : Fields.number(claims, "iat").map(iat -> java.time.Instant.ofEpochSecond(iat).toString()))
                .orElse(null);
    }

    /** The compact JWS inside a {@code data:application/vc+jwt,...} URL (also vp+jwt and the +ld+json variants). */
    static Optional<String> dataUrlPayload(String url) {
        if (!url.startsWith("data:")) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        String[] meta = url.substring(5, comma).split(";");
        String mediaType = meta[0].toLowerCase(Locale.ROOT);
        if (!Set.of("application/vc+jwt", "application/vp+jwt", "application/vc+ld+json+jwt", "application/vp+ld+json+jwt",
                "application/vc+ld+jwt", "application/vp+ld+jwt", "application/jwt").contains(mediaType)) {
            return Optional.empty();
        }
        String data = url.substring(comma + 1);
        boolean base64 = List.of(meta).contains("base64");
        try {
            String payload = base64 ? new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8)
                    : URLDecoder.decode(data, StandardCharsets.UTF_8);
            return CompactJws.looksLikeCompactJws(payload) ? Optional.of(payload.trim()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
