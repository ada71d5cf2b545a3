package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.sd.SelfDescription;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * XFSC {@code SelfDescription} ({@code sdHash, id, status, issuer, validatorDids, uploadDatetime, statusDatetime}) plus
 * what Federator also records (documented as extensions).
 */
@Schema(name = "SelfDescription", description = "XFSC SelfDescription metadata; fields after statusDatetime are Federator extensions")
public record SelfDescriptionView(
        @Schema(description = "SHA-256 hex of exactly the submitted bytes") String sdHash,
        @Schema(description = "the credential subject id the self-description is about") String id,
        @Schema(description = "active, deprecated, revoked or eol") String status,
        String issuer,
        @Schema(description = "verification methods whose signatures verified") List<String> validatorDids,
        String uploadDatetime,
        String statusDatetime,
        @Schema(description = "participant, service-offering, resource, data-product or other") String kind,
        @Schema(description = "the subject's rdf:types") List<String> types,
        @Schema(description = "the participant it belongs to") String provider,
        @Schema(description = "how it was secured: ldp_vp, ldp_vc (JSON-LD with embedded proofs), vc+jwt, vp+jwt") String format,
        String contentType,
        String validFrom,
        @Schema(description = "when a credential or certificate it rests on expires; it becomes eol then") String expirationDatetime,
        @Schema(description = "ids of the credentials that make up the self-description") List<String> credentialIds,
        @Schema(description = "null when submitted here, else the peer catalogue it was federated from") String origin,
        @Schema(description = "a name its claims give the subject (gx:name, schema:name, gx:legalName, ...)") String title) {

    public static SelfDescriptionView of(SelfDescription sd) {
        return new SelfDescriptionView(sd.hash(), sd.subject(), sd.status().value(), sd.issuer(), sd.validators(),
                text(sd.uploadTime()), text(sd.statusTime()), sd.kind().value(), sd.types(), sd.provider(), sd.format(),
                sd.contentType(), text(sd.validFrom()), text(sd.expirationTime()), sd.credentialIds(), sd.origin(), sd.title());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
