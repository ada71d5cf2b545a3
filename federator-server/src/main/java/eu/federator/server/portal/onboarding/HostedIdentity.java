package eu.federator.server.portal.onboarding;

import eu.federator.credentials.keys.DidWebIdentity;

import java.net.URI;
import java.time.Instant;

/**
 * An identity the portal hosts: its DID document and certificate chain are served at {@code /dids/<name>/}, its private
 * key is kept encrypted (never part of this record).
 *
 * @param name        the last segment of the DID ({@link HostedNames})
 * @param did         {@code did:web:<host>:dids:<name>}, fixed when the identity was created
 * @param owner       the portal user ({@code Caller.subject()}) who created it
 * @param keyType     the key's type label ({@code rsa}, {@code ec-p256}, ...) or {@code uploaded}
 * @param document    the DID document (JSON)
 * @param chainPem    the certificate chain (PEM, leaf first)
 * @param labCa       whether the portal's lab CA certified the key
 * @param keyExported when the one-time export of the private key happened, or null
 */
public record HostedIdentity(String name, String did, String owner, String keyType, String document, String chainPem,
                             boolean labCa, Instant created, Instant keyExported) {

    public static final String FRAGMENT = "key-1";
    public static final String CHAIN_FILE = "x509CertificateChain.pem";

    public String verificationMethod() {
        return did + "#" + FRAGMENT;
    }

    /** Where verifiers fetch the DID document ({@code https://<host>/dids/<name>/did.json}). */
    public URI documentUrl() {
        return DidWebIdentity.parse(did).documentUrl();
    }

    /** The x5u of the key: the chain beside the DID document. */
    public URI chainUrl() {
        return chainUrl(did);
    }

    static URI chainUrl(String did) {
        return DidWebIdentity.parse(did).directoryUrl().resolve(CHAIN_FILE);
    }
}
