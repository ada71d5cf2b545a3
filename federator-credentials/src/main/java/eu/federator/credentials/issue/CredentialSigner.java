package eu.federator.credentials.issue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.jws2020.JsonWebSignature2020;
import eu.federator.credentials.proof.jws2020.Jws2020Flavour;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Secures unsigned credentials and presentations: as VC-JOSE compact JWS ({@code vc+jwt} / {@code vp+jwt},
 * with {@code iss} and {@code kid} in the protected header as GXDCH requires) or with an embedded
 * JsonWebSignature2020 proof (W3C flavour, or the Gaia-X legacy flavour for GXDCH-era clients).
 * Invalid input (no private key, an issuer that is not the key's DID) raises {@link IllegalArgumentException}
 * with a message that says what to change.
 */
public final class CredentialSigner {

    /** How to secure. */
    public enum Format { VC_JWT, JWS2020, JWS2020_LEGACY }

    /**
     * @param privateKey         the signing key (RSA, EC P-256/P-384, Ed25519)
     * @param verificationMethod the DID URL of the key, e.g. {@code did:web:example.com#key-1}; its DID is the issuer
     */
    public record SigningKey(JWK privateKey, String verificationMethod) {
        public String did() {
            int hash = verificationMethod.indexOf('#');
            return hash < 0 ? verificationMethod : verificationMethod.substring(0, hash);
        }
    }

    private final JsonWebSignature2020 jws2020;

    public CredentialSigner() {
        this(LinkedData.offline());
    }

    public CredentialSigner(LinkedData linkedData) {
        this.jws2020 = new JsonWebSignature2020(linkedData);
    }

    /** @return a compact JWS for {@link Format#VC_JWT}, otherwise the JSON-LD document with its proof */
    public String sign(JsonObject document, SigningKey key, Format format, Instant now) {
        if (!key.privateKey().isPrivate()) {
            throw new IllegalArgumentException("the key has no private part; sign with a private key file");
        }
        if (!key.verificationMethod().startsWith("did:") || !key.verificationMethod().contains("#")) {
            throw new IllegalArgumentException("the verification method must be a DID URL with a fragment, e.g. did:web:example.com#key-1");
        }
        boolean presentation = types(document).contains("VerifiablePresentation");
        String party = presentation ? "holder" : "issuer";
        JsonValue stated = document.get(party);
        String statedId = stated instanceof JsonString s ? s.getString()
                : stated instanceof JsonObject o && o.get("id") instanceof JsonString s ? s.getString() : null;
        if (statedId != null && !statedId.equals(key.did())) {
            throw new IllegalArgumentException("the document's " + party + " is " + statedId + " but the key belongs to " + key.did()
                    + "; verifiers reject credentials signed with someone else's key");
        }
        try {
            return switch (format) {
                case VC_JWT -> jose(document, key, presentation, now);
                case JWS2020, JWS2020_LEGACY -> Json.write(jws2020.sign(document, key.privateKey(), key.verificationMethod(),
                        presentation ? "authentication" : "assertionMethod", now,
                        format == Format.JWS2020 ? Jws2020Flavour.W3C : Jws2020Flavour.GAIAX_LEGACY));
            };
        } catch (LinkedDataException e) {
            throw new IllegalArgumentException("cannot canonicalize the document: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    private static String jose(JsonObject document, SigningKey key, boolean presentation, Instant now) throws GeneralSecurityException {
        String alg = JwsAlgorithms.defaultAlgorithm(key.privateKey()).getName();
        JsonObject header = Json.provider().createObjectBuilder()
                .add("alg", alg)
                .add("typ", presentation ? "vp+jwt" : "vc+jwt")
                .add("cty", presentation ? "vp" : "vc")
                .add("iss", key.did())
                .add("kid", key.verificationMethod())
                .build();
        JsonObjectBuilder payload = Json.provider().createObjectBuilder(document)
                .add("iss", key.did())
                .add("iat", now.getEpochSecond());
        epochOf(document, "validFrom").ifPresent(v -> payload.add("nbf", v));
        epochOf(document, "validUntil").ifPresent(v -> payload.add("exp", v));
        String signingInput = b64(Json.write(header)) + "." + b64(Json.write(payload.build()));
        Base64URL signature = JwsAlgorithms.sign(alg, key.privateKey(), signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + signature;
    }

    private static java.util.Optional<Long> epochOf(JsonObject document, String field) {
        if (!(document.get(field) instanceof JsonString s)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(OffsetDateTime.parse(s.getString()).toEpochSecond());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " \"" + s.getString() + "\" is not a dateTime with offset, e.g. 2026-01-01T00:00:00Z");
        }
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static List<String> types(JsonObject o) {
        JsonValue t = o.containsKey("type") ? o.get("type") : o.get("@type");
        if (t instanceof JsonString s) {
            return List.of(s.getString());
        }
        return t instanceof jakarta.json.JsonArray a
                ? a.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList() : List.of();
    }
}
