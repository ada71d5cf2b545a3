package eu.federator.credentials.did;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The self-describing DID methods: did:key and did:jwk (no fetch needed). */
final class DidKeys {
    private DidKeys() {
    }

    private static final int MAX_LENGTH = 8192;

    /**
     * did:key (W3C CCG did:key v0.7): one verification method {@code did:key:z...#z...} of type Multikey, listed
     * under authentication, assertionMethod, capabilityInvocation and capabilityDelegation. (The optional
     * X25519 key-agreement key derived from Ed25519 keys is not generated.)
     */
    static DidDocument didKey(String did) throws DidResolutionException {
        String multibase = did.substring("did:key:".length());
        if (multibase.isEmpty() || multibase.length() > MAX_LENGTH || multibase.contains(":")) {
            throw new DidResolutionException("malformed did:key " + shorten(did) + ": expected did:key:z<base58btc>");
        }
        JWK key;
        try {
            key = MultibaseKeys.toJwk(multibase);
        } catch (MultibaseKeys.KeyException e) {
            throw new DidResolutionException("malformed did:key " + shorten(did) + ": " + e.getMessage());
        }
        String vmId = did + "#" + multibase;
        VerificationMethod vm = new VerificationMethod(vmId, "Multikey", did, key);
        List<String> ids = List.of(vmId);
        Map<String, List<String>> relationships = new LinkedHashMap<>();
        for (String r : List.of("authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation")) {
            relationships.put(r, ids);
        }
        return new DidDocument(did, List.of(vm), relationships);
    }

    /**
     * did:jwk (did:jwk specification): the method-specific id is base64url of a public JWK; one verification
     * method {@code did:jwk:...#0} of type JsonWebKey2020. "use":"sig" lists it for authentication, assertionMethod,
     * capabilityInvocation and capabilityDelegation, "use":"enc" only for keyAgreement, no "use" for all five.
     */
    static DidDocument didJwk(String did) throws DidResolutionException {
        String encoded = did.substring("did:jwk:".length());
        if (encoded.isEmpty() || encoded.length() > MAX_LENGTH || !encoded.matches("[A-Za-z0-9_-]+")) {
            throw new DidResolutionException("malformed did:jwk " + shorten(did) + ": expected base64url of a JWK");
        }
        JWK key;
        try {
            String json = new String(new Base64URL(encoded).decode(), StandardCharsets.UTF_8);
            key = JWK.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new DidResolutionException("malformed did:jwk " + shorten(did) + ": not a JWK: " + e.getMessage(), e);
        }
        if (key.isPrivate() || KeyType.OCT.equals(key.getKeyType())) {
            throw new DidResolutionException("did:jwk " + shorten(did) + " contains private key material; refusing it");
        }
        String vmId = did + "#0";
        VerificationMethod vm = new VerificationMethod(vmId, "JsonWebKey2020", did, key);
        List<String> ids = List.of(vmId);
        Map<String, List<String>> relationships = new LinkedHashMap<>();
        KeyUse use = key.getKeyUse();
        if (use == null || KeyUse.SIGNATURE.equals(use)) {
            for (String r : List.of("authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation")) {
                relationships.put(r, ids);
            }
        }
        if (use == null || KeyUse.ENCRYPTION.equals(use)) {
            relationships.put("keyAgreement", ids);
        }
        return new DidDocument(did, List.of(vm), relationships);
    }

    static String shorten(String did) {
        return did.length() <= 120 ? did : did.substring(0, 117) + "...";
    }
}
