package eu.federator.trustframework.compliance;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A self-contained trust world for compliance tests, built only with production key tooling: a local root CA written
 * as the trust-anchor bundle, did:web parties published into a web-mirror directory with their x5u chains, and
 * Loire credentials (vc+jwt) and presentations (vp+jwt of enveloped credentials) signed by those parties.
 */
public final class ComplianceWorld {

    static final TrustFrameworks FRAMEWORKS = TrustFrameworks.builtIn();
    public static final String ACCEPTED_HASH = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515";
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    public final Path mirror;
    public final Path anchors;
    final LocalCertificateAuthority ca;
    private final CredentialSigner signer = new CredentialSigner();

    public record Party(String did, SigningKey key) {
    }

    public ComplianceWorld(Path dir) {
        try {
            this.mirror = dir.resolve("web");
            this.anchors = dir.resolve("anchors.pem");
            this.ca = LocalCertificateAuthority.create("Federator Compliance Test Root", KeyType.EC_P256, NOW.minus(Duration.ofDays(30)), Duration.ofDays(3650));
            write(anchors, Certificates.toPem(List.of(ca.certificate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A did:web party whose key is certified by the test root (x5u chain published beside its DID document). */
    public Party party(String host) {
        try {
            JWK key = KeyType.EC_P256.generate();
            DidWebIdentity id = DidWebIdentity.parse("did:web:" + host);
            X509Certificate leaf = ca.issueLeaf(key, host, NOW.minus(Duration.ofDays(10)), Duration.ofDays(5 * 365));
            URI x5u = URI.create("https://" + host + "/.well-known/x509CertificateChain.pem");
            publish(x5u.toString(), Certificates.toPem(ca.chain(leaf)));
            publish(id.documentUrl().toString(), Json.write(id.document(key, "key-1", x5u)));
            return new Party(id.did(), new SigningKey(key, id.did() + "#key-1"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a DID document (with a fresh key) for a did:web, so that it resolves (rule CPR-08). */
    /** The clearing house's own identity, certified by the test root. */
    public ServiceIdentity serviceIdentity(String host) {
        try {
            JWK key = KeyType.EC_P256.generate();
            DidWebIdentity id = DidWebIdentity.parse("did:web:" + host);
            X509Certificate leaf = ca.issueLeaf(key, host, NOW.minus(Duration.ofDays(10)), Duration.ofDays(5 * 365));
            URI x5u = URI.create("https://" + host + "/.well-known/x509CertificateChain.pem");
            publish(x5u.toString(), Certificates.toPem(ca.chain(leaf)));
            publish(id.documentUrl().toString(), Json.write(id.document(key, "X509-JWK2020", x5u)));
            return new ServiceIdentity(id.did(), id.did() + "#X509-JWK2020", key, ca.chain(leaf));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishDid(String did) {
        try {
            DidWebIdentity id = DidWebIdentity.parse(did);
            publish(id.documentUrl().toString(), Json.write(id.document(KeyType.EC_P256.generate(), "key-1", null)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot publish " + did + ": " + e.getMessage(), e);
        }
    }

    void publish(String url, String content) {
        URI uri = URI.create(url);
        write(mirror.resolve(uri.getHost()).resolve(uri.getPath().substring(1)), content);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public VerifierSettings settings() {
        return VerifierSettings.defaults().withWebMirror(mirror).withTrustAnchors(anchors);
    }

    ComplianceEngine engine() {
        try {
            return ComplianceEngine.create(settings(), FRAMEWORKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ Loire

    static JsonObjectBuilder object() {
        return Json.provider().createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return Json.provider().createArrayBuilder();
    }

    /** A VCDM 2.0 credential of one gx class, issued by {@code issuer}, valid 2026-01-01 .. 2030-01-01 (long enough for tests that use the real clock). */
    public static JsonObject vc(Party issuer, String id, String type, Consumer<JsonObjectBuilder> subject) {
        JsonObjectBuilder cs = object().add("id", id + "#cs").add("type", "gx:" + type);
        subject.accept(cs);
        return object()
                .add("@context", array().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                .add("type", array().add("VerifiableCredential").add("gx:" + type))
                .add("id", id)
                .add("issuer", issuer.did())
                .add("validFrom", "2026-01-01T00:00:00Z")
                .add("validUntil", "2030-01-01T00:00:00Z")
                .add("credentialSubject", cs)
                .build();
    }

    public String sign(JsonObject document, Party by) {
        return signer.sign(document, by.key(), CredentialSigner.Format.VC_JWT, NOW.minus(Duration.ofDays(1)));
    }

    /** A vp+jwt signed by {@code holder} whose verifiableCredential are the given vc+jwt as enveloped credentials. */
    public String presentation(Party holder, List<String> credentials) {
        JsonArrayBuilder enveloped = array();
        for (String jwt : credentials) {
            enveloped.add(object().add("@context", "https://www.w3.org/ns/credentials/v2")
                    .add("type", "EnvelopedVerifiableCredential").add("id", "data:application/vc+jwt," + jwt));
        }
        JsonObject vp = object()
                .add("@context", array().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                .add("type", "VerifiablePresentation")
                .add("verifiableCredential", enveloped)
                .build();
        return signer.sign(vp, holder.key(), CredentialSigner.Format.VC_JWT, NOW.minus(Duration.ofDays(1)));
    }

    /** The parts of a compliant Loire presentation, each replaceable by a test. */
    public final class Loire {
        public final Party participant = party("participant.example.org");
        public final Party notary = party("notary.example.org");
        String base = "https://participant.example.org/credentials/";

        public JsonObject legalPerson(Consumer<JsonObjectBuilder> extra) {
            return vc(participant, base + "legal-person.json", "LegalPerson", cs -> {
                cs.add("gx:registrationNumber", object().add("id", "https://notary.example.org/vat/BE0762747721.json#cs"));
                cs.add("gx:legalAddress", object().add("type", "gx:Address").add("gx:countryCode", "BE"));
                cs.add("gx:headquartersAddress", object().add("type", "gx:Address").add("gx:countryCode", "BE"));
                extra.accept(cs);
            });
        }

        public JsonObject registrationNumber(Party by) {
            return vc(by, "https://notary.example.org/vat/BE0762747721.json", "VatID", cs -> cs.add("gx:vatID", "BE0762747721"));
        }

        public JsonObject issuer(String hash) {
            return vc(participant, base + "issuer.json", "Issuer", cs -> cs.add("gx:gaiaxTermsAndConditions", hash));
        }

        public JsonObject serviceOffering(String providedBy, Consumer<JsonObjectBuilder> extra) {
            return serviceOffering("service-offering", providedBy, extra);
        }

        /** A service offering with its own id ({@code <base><name>.json}, subject {@code ...#cs}). */
        public JsonObject serviceOffering(String name, String providedBy, Consumer<JsonObjectBuilder> extra) {
            return vc(participant, base + name + ".json", "ServiceOffering", cs -> {
                cs.add("gx:providedBy", object().add("id", providedBy));
                cs.add("gx:serviceOfferingTermsAndConditions", object().add("type", "gx:TermsAndConditions")
                        .add("gx:url", object().add("@value", "https://participant.example.org/terms").add("@type", "xsd:anyURI"))
                        .add("gx:hash", "0d6a4c3bbf6a7d2b3b2e0f6f3e1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"));
                extra.accept(cs);
            });
        }

        private List<String> participantCredentials;

        /** LegalPerson, registration number and gx:Issuer, signed once: a provider presents the same ones with every offering. */
        public synchronized List<String> participantCredentials() {
            if (participantCredentials == null) {
                participantCredentials = List.of(sign(legalPerson(cs -> { }), participant), sign(registrationNumber(notary), notary),
                        sign(issuer(ACCEPTED_HASH), participant));
            }
            return participantCredentials;
        }

        /** A vp+jwt of {@link #participantCredentials()} and the offering {@code name} provided by the participant. */
        public String offeringPresentation(String name, Consumer<JsonObjectBuilder> extra) {
            List<String> credentials = new java.util.ArrayList<>(participantCredentials());
            credentials.add(sign(serviceOffering(name, legalPersonSubject(), extra), participant));
            return presentation(participant, credentials);
        }

        public String legalPersonSubject() {
            return base + "legal-person.json#cs";
        }

        /** LegalPerson + registration number (trusted notary) + gx:Issuer: a compliant 3-VC presentation. */
        public String compliant() {
            return presentation(participant, List.of(sign(legalPerson(cs -> { }), participant), sign(registrationNumber(notary), notary),
                    sign(issuer(ACCEPTED_HASH), participant)));
        }
    }

    static JsonValue string(String s) {
        return Json.provider().createValue(s);
    }
}
