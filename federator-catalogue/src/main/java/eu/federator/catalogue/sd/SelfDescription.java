package eu.federator.catalogue.sd;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The metadata of a stored self-description (XFSC {@code SelfDescription}, plus what Federator records).
 *
 * @param hash           SHA-256 hex of exactly the submitted bytes
 * @param subject        the credential subject it describes; one active self-description per subject
 * @param issuer         the issuer of the subject's credential
 * @param provider       the participant it belongs to (for an offering: the issuer of the bundled participant
 *                       credential if there is one, else the issuer)
 * @param kind           participant, service offering, resource, data product
 * @param types          the subject's rdf:types (full IRIs)
 * @param format         how it was secured: {@code ldp_vp}, {@code ldp_vc}, {@code vc+jwt}, ...
 * @param contentType    the media type it was submitted with
 * @param status         lifecycle status
 * @param uploadTime     when it was stored
 * @param statusTime     when the status was last set
 * @param validFrom      the latest start of validity of its credentials, if stated
 * @param expirationTime the earliest end of validity of its credentials and certificates, if any
 * @param validators     verification methods whose signatures verified
 * @param credentialIds  the ids of the credentials that make up the self-description itself
 * @param origin         null when submitted here; else the peer catalogue it was federated from
 * @param title          a name its claims give the subject (gx:name, schema:name, gx:legalName, ...), or null
 */
public record SelfDescription(String hash, String subject, String issuer, String provider, SdKind kind, List<String> types,
                              String format, String contentType, Lifecycle status, Instant uploadTime, Instant statusTime,
                              Instant validFrom, Instant expirationTime, List<String> validators, List<String> credentialIds,
                              String origin, String title) {
    public SelfDescription {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        types = List.copyOf(types);
        validators = List.copyOf(validators);
        credentialIds = List.copyOf(credentialIds);
    }
}
