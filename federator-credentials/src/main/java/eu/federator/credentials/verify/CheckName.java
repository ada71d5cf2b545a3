package eu.federator.credentials.verify;

/** The stable names of verification checks, as they appear in reports, JSON output and problem details. */
public final class CheckName {
    private CheckName() {
    }

    /** Input is well-formed JSON / a well-formed compact JWS within the size and depth limits. */
    public static final String SYNTAX = "syntax";
    /** The document has the structure of a VC or VP of a known data model (contexts, type, issuer, subject). */
    public static final String STRUCTURE = "structure";
    /** Every JSON-LD context could be loaded (bundled or allow-listed) and the document expanded. */
    public static final String JSONLD_CONTEXT = "jsonld.context";
    /** A proof (embedded JsonWebSignature2020 or JOSE envelope) is present. */
    public static final String PROOF_PRESENT = "proof.present";
    /** The algorithm is one we accept (no "none", no HMAC). */
    public static final String PROOF_ALGORITHM = "proof.algorithm";
    /** The proof purpose fits the document (assertionMethod for VCs, authentication/assertionMethod for VPs). */
    public static final String PROOF_PURPOSE = "proof.purpose";
    /** The verification method was resolved from the issuer's DID document and is listed for the purpose. */
    public static final String KEY_RESOLVED = "key.resolved";
    /** The cryptographic signature verifies. */
    public static final String SIGNATURE = "proof.signature";
    /** The issuer is the controller DID of the verification method (VC-JWT: iss, issuer and kid agree). */
    public static final String ISSUER_BINDING = "issuer.binding";
    /** A presentation's holder is the DID that signed it. */
    public static final String HOLDER_BINDING = "holder.binding";
    /** validFrom/validUntil, issuanceDate/expirationDate and JWT nbf/exp contain the evaluation instant. */
    public static final String VALIDITY = "validity.period";
    /** The JWK equals the public key of the leaf certificate of its x5u/x5c chain. */
    public static final String CERTIFICATE_KEY = "certificate.key-match";
    /** The certificate chain validates (PKIX) to a configured trust anchor. */
    public static final String CERTIFICATE_CHAIN = "certificate.chain";
    /** Each certificate of the chain is valid at the evaluation instant. */
    public static final String CERTIFICATE_VALIDITY = "certificate.validity";
    /** The credentialStatus entry (BitstringStatusList, StatusList2021) does not mark the credential. */
    public static final String STATUS = "credential.status";
    /** Every credential inside a presentation verified. */
    public static final String EMBEDDED_CREDENTIALS = "presentation.credentials";
}
