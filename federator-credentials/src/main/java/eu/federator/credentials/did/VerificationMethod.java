package eu.federator.credentials.did;

import com.nimbusds.jose.jwk.JWK;

/**
 * A verification method of a DID document with its public key as a JWK (publicKeyJwk, or converted from
 * publicKeyMultibase for did:key).
 *
 * @param id         absolute DID URL, e.g. {@code did:web:example.com#key-1}
 * @param controller the controlling DID
 */
public record VerificationMethod(String id, String type, String controller, JWK publicKey) {
}
