package eu.federator.server.portal.onboarding;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.sd.SdConflictException;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.Jwks;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.server.compliance.ComplianceProperties;
import eu.federator.server.notary.NotaryService;
import eu.federator.server.portal.onboarding.OnboardingDraft.Step;
import eu.federator.server.portal.onboarding.ParticipantCredentials.Ids;
import eu.federator.server.registry.ChainCheck;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.issue.ComplianceCredentials;
import eu.federator.trustframework.notary.Notary;
import eu.federator.trustframework.notary.NotaryOutcome;
import eu.federator.trustframework.notary.RegistrationNumberType;
import eu.federator.trustframework.registry.TermsAndConditions;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The portal's onboarding, step by step, for one portal user (the {@code owner}, {@code Caller.subject()}): a hosted
 * did:web identity → the registration-number credential from this Federator's notary → gx:LegalPerson and gx:Issuer
 * signed with the hosted key → the presentation and the label credential from this Federator's compliance → the
 * participant registered in this Federator's catalogue, and the owner linked to it ({@link PortalAccounts}). All in
 * process, no HTTP to ourselves.
 *
 * <p>The state is the owner's {@link OnboardingDraft}; each step commits everything it produced in one transaction, or
 * nothing. A step may be repeated (a new registration number, corrected legal-person claims); that clears what later
 * steps made from the old result. Refusals of the notary, the compliance and the catalogue are {@link Outcome.Refused}
 * values; a request that cannot be carried out as asked (out of order, a name taken) is an {@link OnboardingException}.
 */
public final class Onboarding {
    private static final Logger log = LoggerFactory.getLogger(Onboarding.class);
    /** Validity of the credentials and presentations signed with a hosted key. */
    static final Duration VALIDITY = Duration.ofDays(365);
    static final String VP_JWT = "application/vp+jwt";

    private final HostedIdentities identities;
    private final HostedDids dids;
    private final LabCertificateAuthority labCa;
    private final ChainCheck chains;
    private final NotaryService notary;
    private final ComplianceEngine compliance;
    private final ComplianceProperties complianceProperties;
    private final ServiceIdentity service;
    private final Catalogue catalogue;
    private final PortalAccounts accounts;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CredentialSigner signer = new CredentialSigner();

    /** @param service the clearing house's identity (issues the label credential); null when none is configured */
    public Onboarding(HostedIdentities identities, HostedDids dids, LabCertificateAuthority labCa, ChainCheck chains, NotaryService notary,
                      ComplianceEngine compliance, ComplianceProperties complianceProperties, ServiceIdentity service, Catalogue catalogue,
                      PortalAccounts accounts, JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.identities = identities;
        this.dids = dids;
        this.labCa = labCa;
        this.chains = chains;
        this.notary = notary;
        this.compliance = compliance;
        this.complianceProperties = complianceProperties;
        this.service = service;
        this.catalogue = catalogue;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A step's result: what it produced, or why the notary, the compliance or the catalogue refused (nothing was stored). */
    public sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {
        }

        /** @param problems each failed rule or check, as "where: what" lines */
        record Refused<T>(String message, List<String> problems) implements Outcome<T> {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }

    /** Whether identities get a chain from the lab CA; when false, {@link #createIdentity(String, String, String, char[], String)} is the way. */
    public boolean labCa() {
        return labCa.enabled();
    }

    public Optional<OnboardingDraft> draft(String owner) {
        requireOwner(owner);
        List<OnboardingDraft> rows = jdbc.query("SELECT * FROM portal_onboarding_draft WHERE owner = ?", (rs, i) -> new OnboardingDraft(
                rs.getString("owner"), identities.byName(rs.getString("identity_name")).orElseThrow(), rs.getString("registration_type"),
                rs.getString("registration_value"), rs.getString("registration_jwt"), rs.getString("legal_person_jwt"),
                rs.getString("issuer_jwt"), rs.getString("presentation_jwt"), rs.getString("label_jwt"),
                rs.getString("participant_sd_hash"), rs.getTimestamp("updated_at").toInstant()), owner);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** The next step of the owner's onboarding ({@link Step#IDENTITY} when none has started). */
    public Step next(String owner) {
        return draft(owner).map(OnboardingDraft::next).orElse(Step.IDENTITY);
    }

    // ------------------------------------------------------------------------------------------------ 1. identity

    /**
     * Creates a hosted identity with a new key of {@code type}, certified by the lab CA.
     *
     * @throws OnboardingException when the name is not valid or taken, the owner has an identity already, or the lab CA is off
     */
    public OnboardingDraft createIdentity(String owner, String name, KeyType type) {
        requireOwner(owner);
        if (!labCa.enabled()) {
            throw new OnboardingException("this Federator has no lab CA (federator.portal.lab-ca=false), so it cannot certify a new key: "
                    + "upload your private key and its certificate chain (PEM, leaf first), issued by a CA that this Federator trusts");
        }
        String did = newDid(owner, name);
        DidWebIdentity web = DidWebIdentity.parse(did);
        JWK key = type.generate();
        List<X509Certificate> chain = labCa.certify(key, web.host(), clock.instant());
        return store(owner, name, did, type.label(), key, chain, true);
    }

    /**
     * Creates a hosted identity for an existing key and its certificate chain, which must lead to a trust anchor of this
     * Federator (checked now, so that the later steps do not fail on it).
     *
     * @param password of an encrypted PEM key, or null
     */
    public OnboardingDraft createIdentity(String owner, String name, String privateKeyPem, char[] password, String chainPem) {
        requireOwner(owner);
        String did = newDid(owner, name);
        JWK key;
        List<X509Certificate> chain;
        try {
            key = Jwks.withoutCertificates(PrivateKeys.readPem(privateKeyPem == null ? "" : privateKeyPem, password));
        } catch (KeyMaterialException e) {
            throw new OnboardingException("the private key: " + e.getMessage(), e);
        }
        try {
            chain = Certificates.readPem(chainPem == null ? "" : chainPem);
        } catch (KeyMaterialException e) {
            throw new OnboardingException("the certificate chain: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new OnboardingException("the certificate chain holds no certificate: give the PEM certificates of the key, leaf first, then its CAs");
        }
        try {
            if (!Arrays.equals(chain.getFirst().getPublicKey().getEncoded(), Jwks.publicKey(key).getEncoded())) {
                throw new OnboardingException("the first certificate of the chain (" + chain.getFirst().getSubjectX500Principal().getName()
                        + ") does not certify the uploaded private key: give the chain leaf first, issued for this key");
            }
        } catch (KeyMaterialException e) {
            throw new OnboardingException("the private key: " + e.getMessage(), e);
        }
        ChainCheck.Outcome trusted = chains.check(chain, clock.instant());
        if (!trusted.trusted()) {
            throw new OnboardingException("the certificate chain does not lead to a trust anchor of this Federator: " + trusted.message()
                    + ". Give the complete chain (leaf first, then the intermediate CAs) of a certificate from an accepted trust anchor, "
                    + "or ask the operator to add your CA to federator.trust.additional-trust-anchors");
        }
        return store(owner, name, did, "uploaded", key, chain, false);
    }

    private String newDid(String owner, String name) {
        HostedNames.check(name);
        identities.byOwner(owner).ifPresent(existing -> {
            throw new OnboardingException("you have the identity " + existing.did() + " already; continue its onboarding "
                    + "(one hosted identity per portal user)");
        });
        if (identities.byName(name).isPresent()) {
            throw new OnboardingException("the name '" + name + "' is taken; choose another");
        }
        return dids.did(name);
    }

    private OnboardingDraft store(String owner, String name, String did, String keyType, JWK key, List<X509Certificate> chain, boolean lab) {
        DidWebIdentity web = DidWebIdentity.parse(did);
        String document = Json.write(web.document(key, HostedIdentity.FRAGMENT, HostedIdentity.chainUrl(did)));
        HostedIdentity identity = new HostedIdentity(name, did, owner, keyType, document, Certificates.toPem(chain), lab, null, null);
        try {
            transactions.executeWithoutResult(tx -> {
                identities.insert(identity, key);
                jdbc.update("INSERT INTO portal_onboarding_draft (owner, identity_name) VALUES (?, ?)", owner, name);
            });
        } catch (DuplicateKeyException e) {
            throw new OnboardingException("the name '" + name + "' was taken a moment ago, or you created an identity in another window; "
                    + "reload and choose another name");
        }
        log.info("Portal onboarding: {} created the hosted identity {} ({})", owner, did, lab ? "lab CA" : "uploaded key and chain");
        return draft(owner).orElseThrow();
    }

    /**
     * The hosted private key as PKCS#8 PEM, for the participant's own backup: once per identity (the export is recorded;
     * a second call is refused).
     */
    public String exportPrivateKey(String owner) {
        HostedIdentity identity = identities.byOwner(requireOwner(owner)).orElseThrow(() -> new OnboardingException("you have no hosted identity to export"));
        String pem = transactions.execute(tx -> identities.exportOnce(identity));
        log.info("Portal onboarding: the private key of {} was exported by {}", identity.did(), owner);
        return pem;
    }

    // ------------------------------------------------------------------------------------------------ 2. registration number

    /**
     * Asks this Federator's notary for the registration-number credential.
     *
     * @param type vat-id, lei-code, eori, euid or tax-id
     */
    public Outcome<OnboardingDraft> requestRegistrationNumber(String owner, String type, String value) {
        OnboardingDraft draft = open(owner);
        RegistrationNumberType kind = RegistrationNumberType.fromPathName(type == null ? "" : type).orElseThrow(() -> new OnboardingException(
                "unknown registration number type '" + type + "'; use one of " + RegistrationNumberType.pathNames()));
        if (value == null || value.isBlank()) {
            throw new OnboardingException("give the " + kind.pathName() + " number");
        }
        Optional<Notary> notary = this.notary.notary();
        if (notary.isEmpty()) {
            return new Outcome.Refused<>("this Federator's notary has no signing identity: the operator must configure federator.identity", List.of());
        }
        Ids ids = ids(draft);
        Notary.Issuance issuance = notary.get().issueLoire(kind, value.strip(), ids.registrationNumber(), Ids.subject(ids.registrationNumber()));
        if (!issuance.issued()) {
            return refusal(issuance.outcome());
        }
        update(owner, "registration_type = ?, registration_value = ?, registration_jwt = ?, presentation_jwt = NULL, label_jwt = NULL",
                kind.pathName(), value.strip(), issuance.credential());
        return new Outcome.Done<>(draft(owner).orElseThrow());
    }

    private static <T> Outcome<T> refusal(NotaryOutcome outcome) {
        return switch (outcome) {
            case NotaryOutcome.OfflineInvalid o -> new Outcome.Refused<>("the notary refused " + o.check().normalized() + ": " + o.check().reason(),
                    List.of("offline-check: " + o.check().reason()));
            case NotaryOutcome.SourceInvalid s -> new Outcome.Refused<>("the notary refused " + s.check().normalized() + ": " + s.source()
                    + " says: " + s.reason(), List.of(s.source() + ": " + s.reason()));
            case NotaryOutcome.Unavailable u -> new Outcome.Refused<>(u.source() + " is unavailable, so the notary could not check "
                    + u.check().normalized() + "; this says nothing about the number: try again later. " + u.reason(), List.of(u.source() + ": " + u.reason()));
            case NotaryOutcome.Refused r -> new Outcome.Refused<>("the notary refused: " + r.reason(), List.of(r.reason()));
            case NotaryOutcome.Verified v -> throw new IllegalStateException("verified but not issued");
        };
    }

    // ------------------------------------------------------------------------------------------------ 3. LegalPerson and Issuer

    /** Signs gx:LegalPerson (legal and headquarters address in {@code countryCode}) and gx:Issuer. */
    public OnboardingDraft signParticipantCredentials(String owner, String legalName, String countryCode) {
        if (legalName == null || legalName.isBlank()) {
            throw new OnboardingException("give the legal name");
        }
        String country = countryCode == null ? "" : countryCode.strip().toUpperCase(java.util.Locale.ROOT);
        if (!country.matches("[A-Z]{2}")) {
            throw new OnboardingException("the country must be an ISO 3166-1 alpha-2 code such as DE, not '" + countryCode + "'");
        }
        JsonObjectBuilder claims = jakarta.json.Json.createObjectBuilder().add("schema:name", legalName.strip())
                .add("gx:legalAddress", jakarta.json.Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", country))
                .add("gx:headquartersAddress", jakarta.json.Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", country));
        return signParticipantCredentials(owner, claims.build());
    }

    /**
     * Signs gx:LegalPerson with the given subject claims (id, type and gx:registrationNumber are set here) and gx:Issuer
     * (the current Gaia-X terms hash) as vc+jwt with the hosted key.
     */
    public OnboardingDraft signParticipantCredentials(String owner, JsonObject legalPersonClaims) {
        OnboardingDraft draft = open(owner);
        if (draft.registrationNumber() == null) {
            throw new OnboardingException("get the registration-number credential first: the legal person refers to it");
        }
        Ids ids = ids(draft);
        Instant now = now();
        CredentialSigner.SigningKey key = key(draft.identity());
        String legalPerson = signer.sign(ParticipantCredentials.legalPerson(draft.did(), ids, legalPersonClaims,
                Ids.subject(ids.registrationNumber()), now, now.plus(VALIDITY)), key, CredentialSigner.Format.VC_JWT, now);
        String issuer = signer.sign(ParticipantCredentials.issuer(draft.did(), ids, TermsAndConditions.bundled().currentHash(), now,
                now.plus(VALIDITY)), key, CredentialSigner.Format.VC_JWT, now);
        update(owner, "legal_person_jwt = ?, issuer_jwt = ?, presentation_jwt = NULL, label_jwt = NULL", legalPerson, issuer);
        return draft(owner).orElseThrow();
    }

    // ------------------------------------------------------------------------------------------------ 4. presentation and label

    /** Presents LegalPerson, Issuer and registration number (vp+jwt) to this Federator's compliance for the label credential. */
    public Outcome<OnboardingDraft> obtainLabel(String owner) {
        OnboardingDraft draft = open(owner);
        if (draft.legalPerson() == null || draft.issuer() == null) {
            throw new OnboardingException("sign the legal person and issuer credentials first");
        }
        if (service == null) {
            return new Outcome.Refused<>("this Federator's compliance has no signing identity: the operator must configure federator.identity", List.of());
        }
        String presentation = present(draft, List.of(draft.legalPerson(), draft.issuer(), draft.registrationNumber()));
        Instant now = clock.instant(); // not truncated: the notary's validFrom has milliseconds
        // the registration number came from our own notary a moment ago
        ComplianceOptions options = complianceProperties.options(now, TrustFrameworks.LOIRE, service.did());
        ComplianceReport report = compliance.evaluate(presentation.getBytes(StandardCharsets.US_ASCII), LabelLevel.SC, options);
        if (!report.compliant()) {
            return new Outcome.Refused<>("the compliance refused: " + report.failures().size() + " rule(s) failed",
                    report.failures().stream().map(r -> r.id() + (r.focus() == null ? "" : " (" + r.focus() + ")") + ": " + r.message()).toList());
        }
        String label = ComplianceCredentials.label(report, ids(draft).label(), service, now, complianceProperties.credentialLifetime());
        update(owner, "presentation_jwt = ?, label_jwt = ?", presentation, label);
        return new Outcome.Done<>(draft(owner).orElseThrow());
    }

    // ------------------------------------------------------------------------------------------------ 5. catalogue

    /**
     * Registers the participant in this Federator's catalogue with LegalPerson, Issuer, registration number and label
     * (as {@code POST /participants} does), and links the owner to the participant's DID.
     */
    public Outcome<OnboardingDraft> register(String owner) {
        OnboardingDraft draft = draft(requireOwner(owner)).orElseThrow(() -> new OnboardingException("create your identity first"));
        if (draft.next() == Step.DONE) {
            return new Outcome.Done<>(draft);
        }
        if (draft.label() == null) {
            throw new OnboardingException("obtain the label credential first");
        }
        Optional<SelfDescriptionStore.Participant> existing = catalogue.store().participant(draft.did());
        String sdHash;
        if (existing.isPresent()) {
            // registered by an earlier attempt whose draft update did not commit: only the hosted key can sign for this DID
            sdHash = existing.get().sdHash();
        } else {
            String presentation = present(draft, List.of(draft.legalPerson(), draft.issuer(), draft.registrationNumber(), draft.label()));
            try {
                IngestPipeline.Accepted accepted = catalogue.verifyParticipant(presentation.getBytes(StandardCharsets.US_ASCII), VP_JWT);
                sdHash = catalogue.registerParticipant(accepted).sdHash();
            } catch (IngestException e) {
                return refused("the catalogue refused the participant: ", e);
            } catch (SdConflictException e) {
                return new Outcome.Refused<>("the catalogue refused the participant: " + e.getMessage(), List.of());
            }
        }
        transactions.executeWithoutResult(tx -> {
            update(owner, "participant_sd_hash = ?", sdHash);
            accounts.link(owner, draft.did());
        });
        log.info("Portal onboarding: {} registered the participant {} (self-description {})", owner, draft.did(), sdHash);
        return new Outcome.Done<>(draft(owner).orElseThrow());
    }

    // ------------------------------------------------------------------------------------------------ later: offerings

    /** Signs a credential as vc+jwt with the owner's hosted key (its issuer must be the owner's DID, or absent). */
    public String sign(String owner, JsonObject credential) {
        HostedIdentity identity = identity(owner);
        JsonObject document = credential.containsKey("issuer") ? credential
                : jakarta.json.Json.createObjectBuilder(credential).add("issuer", identity.did()).build();
        try {
            return signer.sign(document, key(identity), CredentialSigner.Format.VC_JWT, now());
        } catch (IllegalArgumentException e) {
            throw new OnboardingException(e.getMessage(), e);
        }
    }

    /** A vp+jwt of the given vc+jwt, held and signed by the owner's hosted identity. */
    public String present(String owner, List<String> credentialJwts) {
        HostedIdentity identity = identity(owner);
        Instant now = now();
        return signer.sign(ParticipantCredentials.presentation(identity.did(), credentialJwts, now, now.plus(VALIDITY)), key(identity),
                CredentialSigner.Format.VC_JWT, now);
    }

    /**
     * Publishes a service offering in this Federator's catalogue (as {@code POST /self-descriptions} does): a
     * gx:ServiceOffering credential {@code <credential base><name>.json} with the given subject claims and
     * {@code gx:providedBy} the owner's legal person, presented (vp+jwt) together with the LegalPerson, registration
     * number and Issuer credentials.
     *
     * @return the catalogue's hash of the stored self-description, or the ingest problems
     */
    public Outcome<String> publishOffering(String owner, String name, JsonObject offeringClaims) {
        OnboardingDraft draft = participantDraft(owner);
        JsonObjectBuilder claims = jakarta.json.Json.createObjectBuilder();
        offeringClaims.forEach((k, v) -> {
            if (!"gx:providedBy".equals(k)) {
                claims.add(k, v);
            }
        });
        claims.add("gx:providedBy", jakarta.json.Json.createObjectBuilder().add("id", legalPersonSubject(draft)));
        return publish(owner, name, "gx:ServiceOffering", claims.build());
    }

    /**
     * Publishes a credential of a trust-framework class (a service offering, a resource, a data product) in this
     * Federator's catalogue: {@code <credential base><name>.json} of {@code type} with the given subject claims (their
     * references to the provider are the caller's: {@link #legalPersonSubject}), presented (vp+jwt) with the
     * LegalPerson, registration number and Issuer credentials, through the catalogue's full ingest.
     *
     * @param type a compact gx: class, e.g. {@code gx:DataProduct}
     * @return the catalogue's hash of the stored self-description, or the ingest problems
     */
    public Outcome<String> publish(String owner, String name, String type, JsonObject subjectClaims) {
        OnboardingDraft draft = participantDraft(owner);
        HostedNames.check(name);
        if (type == null || !type.matches("gx:[A-Za-z]+")) {
            throw new OnboardingException("the type must be a gx: class such as gx:ServiceOffering, not '" + type + "'");
        }
        String id = ParticipantCredentials.credentialId(ParticipantCredentials.credentialBase(DidWebIdentity.parse(draft.did())), name);
        JsonObjectBuilder subject = jakarta.json.Json.createObjectBuilder().add("id", Ids.subject(id)).add("type", type);
        subjectClaims.forEach((k, v) -> {
            if (!Set.of("id", "type", "@id", "@type").contains(k)) {
                subject.add(k, v);
            }
        });
        Instant now = now();
        String credential = signer.sign(ParticipantCredentials.credential(id, type, draft.did(), now, now.plus(VALIDITY), subject),
                key(draft.identity()), CredentialSigner.Format.VC_JWT, now);
        String presentation = present(draft, List.of(draft.legalPerson(), draft.registrationNumber(), draft.issuer(), credential));
        byte[] content = presentation.getBytes(StandardCharsets.US_ASCII);
        try {
            IngestPipeline.Accepted accepted = catalogue.pipeline().analyse(content, VP_JWT, catalogue.settings(), catalogue.clock().instant(), null);
            SelfDescription stored = catalogue.store(accepted).sd();
            log.info("Portal: {} published {} {} (self-description {})", draft.did(), type, id, stored.hash());
            return new Outcome.Done<>(stored.hash());
        } catch (IngestException e) {
            return refused("the catalogue refused it: ", e);
        } catch (SdConflictException e) {
            return new Outcome.Refused<>("the catalogue refused it: " + e.getMessage(), List.of());
        }
    }

    /** The subject id of the notary's registration-number credential: what the gx:LegalPerson refers to. */
    public String registrationSubject(OnboardingDraft draft) {
        return Ids.subject(ids(draft).registrationNumber());
    }

    /** The subject id of the owner's gx:LegalPerson credential: what an offering's provider references point to. */
    public String legalPersonSubject(OnboardingDraft draft) {
        return Ids.subject(ids(draft).legalPerson());
    }

    private OnboardingDraft participantDraft(String owner) {
        OnboardingDraft draft = draft(requireOwner(owner)).orElseThrow(() -> new OnboardingException("onboard first: you have no hosted identity"));
        if (draft.legalPerson() == null || draft.issuer() == null || draft.registrationNumber() == null) {
            throw new OnboardingException("finish the participant credentials first: what you publish is presented with them");
        }
        return draft;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static <T> Outcome<T> refused(String prefix, IngestException e) {
        List<String> problems = new ArrayList<>();
        for (IngestException.Problem p : e.problems()) {
            problems.add((p.check() == null ? "" : p.check()) + (p.focus() == null ? "" : " (" + p.focus() + ")") + ": " + p.message());
        }
        return new Outcome.Refused<>(prefix + e.getMessage(), problems);
    }

    private String present(OnboardingDraft draft, List<String> credentials) {
        Instant now = now();
        return signer.sign(ParticipantCredentials.presentation(draft.did(), credentials, now, now.plus(VALIDITY)), key(draft.identity()),
                CredentialSigner.Format.VC_JWT, now);
    }

    /** The owner's draft, which must exist and not be finished. */
    private OnboardingDraft open(String owner) {
        OnboardingDraft draft = draft(requireOwner(owner)).orElseThrow(() -> new OnboardingException("create your identity first"));
        if (draft.next() == Step.DONE) {
            throw new OnboardingException(draft.did() + " is registered as a participant already; its onboarding is finished");
        }
        return draft;
    }

    private HostedIdentity identity(String owner) {
        return identities.byOwner(requireOwner(owner)).orElseThrow(() -> new OnboardingException("you have no hosted identity: onboard first"));
    }

    private CredentialSigner.SigningKey key(HostedIdentity identity) {
        return new CredentialSigner.SigningKey(identities.privateKey(identity), identity.verificationMethod());
    }

    private static Ids ids(OnboardingDraft draft) {
        return Ids.under(ParticipantCredentials.credentialBase(DidWebIdentity.parse(draft.did())));
    }

    private void update(String owner, String assignments, Object... values) {
        Object[] arguments = Arrays.copyOf(values, values.length + 2);
        arguments[values.length] = Timestamp.from(clock.instant());
        arguments[values.length + 1] = owner;
        int rows = jdbc.update("UPDATE portal_onboarding_draft SET " + assignments + ", updated_at = ? WHERE owner = ?", arguments);
        if (rows != 1) {
            throw new OnboardingException("your onboarding draft is gone (deleted meanwhile?); start again with the identity");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String requireOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            throw new OnboardingException("sign in first: onboarding belongs to a portal user");
        }
        return owner;
    }
}
