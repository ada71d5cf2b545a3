package eu.federator.server.portal.onboarding;

import eu.federator.credentials.keys.DidWebIdentity;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The unsigned Loire (25.11) documents of onboarding, shared by {@code federator onboard} and the portal's
 * {@link Onboarding}: gx:LegalPerson, gx:Issuer, a service offering, and the presentation (enveloped vc+jwt).
 */
public final class ParticipantCredentials {
    public static final String V2 = "https://www.w3.org/ns/credentials/v2";
    public static final String GX = "https://w3id.org/gaia-x/development#";

    private ParticipantCredentials() {
    }

    /** The ids of the credentials onboarding creates, all under one base URL. */
    public record Ids(String legalPerson, String issuer, String registrationNumber, String label) {
        public static Ids under(URI base) {
            String b = base(base);
            return new Ids(b + "legal-person.json", b + "issuer.json", b + "registration-number.json", b + "label-credential.json");
        }

        /** The credential subject's id of a credential: {@code <id>#cs}. */
        public static String subject(String credentialId) {
            return credentialId + "#cs";
        }
    }

    /** The default base of a DID's credential ids: {@code https://HOST/credentials/}, or {@code <DID directory>/credentials/}. */
    public static URI credentialBase(DidWebIdentity did) {
        return did.directoryUrl().resolve(did.path().isEmpty() ? "/credentials/" : "credentials/");
    }

    /** The id of a further credential under {@code base}, e.g. an offering: {@code <base><name>.json}. */
    public static String credentialId(URI base, String name) {
        return base(base) + name + ".json";
    }

    /** A gx:LegalPerson with the same legal and headquarters country. */
    public static JsonObject legalPerson(String did, Ids ids, String legalName, String country, String registrationSubject,
                                         Instant from, Instant until) {
        JsonObjectBuilder subject = Json.createObjectBuilder()
                .add("schema:name", legalName)
                .add("gx:legalAddress", Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", country))
                .add("gx:headquartersAddress", Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", country));
        return legalPerson(did, ids, subject.build(), registrationSubject, from, until);
    }

    /**
     * A gx:LegalPerson with the given subject claims; its {@code id}, {@code type} and {@code gx:registrationNumber}
     * are set here (whatever the claims say), so that they match the ids of the other onboarding credentials.
     */
    public static JsonObject legalPerson(String did, Ids ids, JsonObject claims, String registrationSubject, Instant from, Instant until) {
        JsonObjectBuilder subject = Json.createObjectBuilder()
                .add("id", Ids.subject(ids.legalPerson()))
                .add("type", "gx:LegalPerson");
        claims.forEach((k, v) -> {
            if (!k.equals("id") && !k.equals("type") && !k.equals("@id") && !k.equals("@type") && !k.equals("gx:registrationNumber")) {
                subject.add(k, v);
            }
        });
        subject.add("gx:registrationNumber", Json.createObjectBuilder().add("id", registrationSubject));
        return credential(ids.legalPerson(), "gx:LegalPerson", did, from, until, subject);
    }

    /** A gx:Issuer accepting the Gaia-X terms and conditions with the given SHA-256 hash. */
    public static JsonObject issuer(String did, Ids ids, String termsHash, Instant from, Instant until) {
        return credential(ids.issuer(), "gx:Issuer", did, from, until, Json.createObjectBuilder()
                .add("id", Ids.subject(ids.issuer()))
                .add("type", "gx:Issuer")
                .add("gx:gaiaxTermsAndConditions", termsHash));
    }

    /** A credential of one gx type (e.g. {@code gx:ServiceOffering}) with the given subject (its {@code id} and {@code type} included). */
    public static JsonObject credential(String id, String type, String did, Instant from, Instant until, JsonObjectBuilder subject) {
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add(V2).add(GX).add(Json.createObjectBuilder().add("schema", "https://schema.org/")))
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add(type))
                .add("id", id)
                .add("issuer", did)
                .add("validFrom", from.toString())
                .add("validUntil", until.toString())
                .add("credentialSubject", subject)
                .build();
    }

    /** A VerifiablePresentation of the holder whose verifiableCredential are the given vc+jwt, enveloped. */
    public static JsonObject presentation(String did, List<String> credentialJwts, Instant from, Instant until) {
        JsonArrayBuilder vcs = Json.createArrayBuilder();
        for (String jwt : credentialJwts) {
            vcs.add(Json.createObjectBuilder().add("@context", V2).add("type", "EnvelopedVerifiableCredential")
                    .add("id", "data:application/vc+jwt," + jwt));
        }
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add(V2).add(GX))
                .add("type", "VerifiablePresentation")
                .add("holder", did)
                .add("validFrom", from.toString())
                .add("validUntil", until.toString())
                .add("verifiableCredential", vcs)
                .build();
    }

    private static String base(URI base) {
        return base.toString().endsWith("/") ? base.toString() : base + "/";
    }
}
