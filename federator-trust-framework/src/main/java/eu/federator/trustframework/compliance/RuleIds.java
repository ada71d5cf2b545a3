package eu.federator.trustframework.compliance;

/** The stable ids of compliance rules (documented in docs/trust-frameworks.md). */
public final class RuleIds {
    private RuleIds() {
    }

    // common
    /** The input parsed as a presentation of credentials (syntax, structure, JSON-LD contexts). */
    public static final String INPUT = "input.syntax";
    /** The input is of the trust-framework version the caller asked for. */
    public static final String VERSION = "input.version";

    // Tagus 22.10, GXDCH order
    public static final String TAGUS_PROOF = "tagus.proof-present";
    public static final String TAGUS_SIGNATURE = "tagus.signature";
    public static final String TAGUS_CERTIFICATE = "tagus.certificate-chain";
    public static final String TAGUS_SHAPES_REGISTERED = "tagus.shapes-registered";
    public static final String TAGUS_SHACL = "tagus.shacl";
    public static final String TAGUS_TERMS_PER_ISSUER = "tagus.terms-per-issuer";
    public static final String TAGUS_LEGAL_ADDRESS = "tagus.legal-address-iso3166-2";
    public static final String TAGUS_DID_RESOLVABLE = "tagus.did-resolvable";
    public static final String TAGUS_REGISTRATION_NUMBER = "tagus.registration-number";
    public static final String TAGUS_REGISTRATION_NOTARY = "tagus.registration-notary";
    public static final String TAGUS_PROVIDER_ISSUER = "tagus.provider-issuer-match";
    public static final String TAGUS_PRODUCER_ISSUER = "tagus.producer-issuer-match";
    public static final String TAGUS_LEGITIMATE_INTEREST = "tagus.legitimate-interest";
    public static final String TAGUS_LABEL_LEVEL_1 = "tagus.label-level-1";

    // Loire 25.11
    public static final String LOIRE_SIGNATURE = "loire.signature";
    public static final String LOIRE_CERTIFICATE = "loire.certificate-chain";
    public static final String LOIRE_VALIDITY = "loire.validity";
    public static final String LOIRE_LEGAL_PERSON = "loire.legal-person";
    public static final String LOIRE_ISSUER_TERMS = "loire.issuer-terms";
    public static final String LOIRE_REGISTRATION_NUMBER = "loire.registration-number";
    public static final String LOIRE_REGISTRATION_NOTARY = "loire.registration-notary";
    public static final String LOIRE_PROVIDED_BY = "loire.provided-by";
    public static final String LOIRE_ISSUER_RELATIONS = "loire.issuer-relations";
    public static final String LOIRE_SHACL = "loire.shacl";
    public static final String LOIRE_LABEL_SERVICE_OFFERING = "loire.label-service-offering";
    public static final String LOIRE_LABEL_DECLARATIONS = "loire.label-declarations";
    public static final String LOIRE_LABEL_EU_HEADQUARTERS = "loire.label-eu-headquarters";
}
