package eu.federator.catalogue.sd;

import java.util.Objects;

/**
 * A credential that came with a self-description without being part of it, e.g. the provider's LegalPerson,
 * registration-number or issuer credential inside an offering's presentation. Stored once by {@code hash}.
 *
 * @param hash    SHA-256 hex of the compact JWS, or of the JCS (RFC 8785) form of a JSON-LD credential
 * @param id      the credential id, if it has one
 * @param subject the credential subject id, if it has one
 * @param kind    what its subject is
 * @param content the compact JWS, or the credential's JSON
 */
public record BundledCredential(String hash, String id, String issuer, String subject, SdKind kind, String format, byte[] content) {
    public BundledCredential {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(content, "content");
    }
}
