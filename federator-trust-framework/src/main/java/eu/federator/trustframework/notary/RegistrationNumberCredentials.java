package eu.federator.trustframework.notary;

import eu.federator.credentials.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The unsigned registration-number credentials.
 *
 * <p><b>Tagus</b> (as the GXDCH notary v1 issued them, see the Tagus fixtures): {@code @context} [credentials/v1,
 * jws-2020/v1]; the subject carries its own {@code @context} (the 22.10 trustframework), type
 * {@code gx:legalRegistrationNumber}, the number ({@code gx:vatID}, {@code gx:leiCode}, {@code gx:EORI}, {@code gx:EUID},
 * {@code gx:taxID}) and the claims of the source ({@code gx:vatID-countryCode}; {@code gx:leiCode-countryCode} and
 * {@code gx:leiCode-subdivisionCountryCode}; {@code gx:EORI-country}); {@code evidence} is a list of one
 * {@code {gx:evidenceURL, gx:executionDate, gx:evidenceOf}}. No expiry, like the original.
 *
 * <p><b>Loire</b>: {@code @context} [credentials/v2, gx development, {schema: https://schema.org/}], type
 * [VerifiableCredential, gx:VatID | gx:LeiCode | gx:EORI | gx:EUID | gx:TaxID], {@code validFrom}/{@code validUntil},
 * subject {@code {id, type, gx:vatID, gx:countryCode}} / {@code {schema:leiCode, gx:countryCode, gx:subdivisionCountryCode}}
 * / {@code {gx:eori, gx:country}} / {@code {gx:euid}} / {@code {schema:taxID}}; {@code evidence} is one object
 * {@code {gx:evidenceOf, gx:evidenceURL, gx:executionDate}}.
 *
 * <p>When no source was consulted the evidence has no {@code gx:evidenceURL} and says why in {@code gx:evidenceNote}.
 */
public final class RegistrationNumberCredentials {
    public static final String TAGUS_TRUSTFRAMEWORK =
            "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#";
    public static final String LOIRE_GX = "https://w3id.org/gaia-x/development#";

    private RegistrationNumberCredentials() {
    }

    static JsonObject tagus(NotaryOutcome.Verified verified, String issuer, String vcId, String subjectId, Instant now) {
        RegistrationNumberType type = verified.check().type();
        Map<String, String> claims = verified.claims();
        JsonObjectBuilder subject = Json.provider().createObjectBuilder()
                .add("@context", TAGUS_TRUSTFRAMEWORK)
                .add("type", "gx:legalRegistrationNumber")
                .add("id", subjectId)
                .add(type.tagusProperty(), verified.check().normalized());
        switch (type) {
            case VAT_ID -> putIf(subject, "gx:vatID-countryCode", claims.get("countryCode"));
            case LEI_CODE -> {
                putIf(subject, "gx:leiCode-countryCode", claims.get("countryCode"));
                putIf(subject, "gx:leiCode-subdivisionCountryCode", claims.get("subdivisionCountryCode"));
            }
            case EORI -> putIf(subject, "gx:EORI-country", claims.get("countryCode"));
            default -> {
            }
        }
        return Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1"))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential"))
                .add("id", vcId)
                .add("issuer", issuer)
                .add("issuanceDate", timestamp(now))
                .add("credentialSubject", subject)
                .add("evidence", Json.provider().createArrayBuilder().add(evidence(verified, type.tagusProperty())))
                .build();
    }

    static JsonObject loire(NotaryOutcome.Verified verified, String issuer, String vcId, String subjectId, Instant from, Instant until) {
        RegistrationNumberType type = verified.check().type();
        Map<String, String> claims = verified.claims();
        JsonObjectBuilder subject = Json.provider().createObjectBuilder()
                .add("id", subjectId)
                .add("type", type.loireType())
                .add(type.loireProperty(), verified.check().normalized());
        switch (type) {
            case VAT_ID -> putIf(subject, "gx:countryCode", claims.get("countryCode"));
            case LEI_CODE -> {
                putIf(subject, "gx:countryCode", claims.get("countryCode"));
                putIf(subject, "gx:subdivisionCountryCode", claims.get("subdivisionCountryCode"));
            }
            case EORI -> putIf(subject, "gx:country", countryName(claims.get("countryCode")));
            default -> {
            }
        }
        return Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2").add(LOIRE_GX)
                        .add(Json.provider().createObjectBuilder().add("schema", "https://schema.org/")))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential").add(type.loireType()))
                .add("id", vcId)
                .add("issuer", issuer)
                .add("validFrom", timestamp(from))
                .add("validUntil", timestamp(until))
                .add("credentialSubject", subject)
                .add("evidence", evidence(verified, type.loireType()))
                .build();
    }

    private static JsonObjectBuilder evidence(NotaryOutcome.Verified verified, String evidenceOf) {
        JsonObjectBuilder evidence = Json.provider().createObjectBuilder();
        if (verified.evidenceUrl() != null) {
            evidence.add("gx:evidenceURL", verified.evidenceUrl().toString());
        }
        evidence.add("gx:executionDate", timestamp(verified.executionDate()));
        evidence.add("gx:evidenceOf", evidenceOf);
        if (verified.note() != null) {
            evidence.add("gx:evidenceNote", verified.note());
        }
        return evidence;
    }

    /** English name of an ISO 3166-1 country (and XI for Northern Ireland), as Loire's {@code gx:country} wants. */
    static String countryName(String code) {
        if (code == null) {
            return null;
        }
        if (code.equals("XI")) {
            return "United Kingdom (Northern Ireland)";
        }
        String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() || name.equals(code) ? code : name;
    }

    private static void putIf(JsonObjectBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.add(key, value);
        }
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
