package eu.federator.credentials.did;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import eu.federator.credentials.internal.JsonInput;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a DID document (JSON or JSON-LD, processed as plain JSON) into a {@link DidDocument}.
 *
 * <p>Supported key forms: {@code publicKeyJwk} (JsonWebKey2020, JsonWebKey and any other type carrying it),
 * {@code publicKeyMultibase} (Multikey, Ed25519VerificationKey2020, ...) and {@code publicKeyBase58}
 * (Ed25519VerificationKey2018). Methods with other key forms (e.g. {@code blockchainAccountId}) are left out
 * of the result rather than failing the whole document. Private key material anywhere in a method fails it.
 */
final class DidDocuments {
    private DidDocuments() {
    }

    static final List<String> RELATIONSHIPS = List.of(
            "authentication", "assertionMethod", "keyAgreement", "capabilityInvocation", "capabilityDelegation");

    private static final Set<String> PRIVATE_MEMBERS = Set.of(
            "privateKeyJwk", "privateKeyMultibase", "privateKeyBase58", "privateKeyHex", "privateKeyPem", "privateKeyBase64");
    private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    /**
     * @param source where the document came from, for messages (a URL)
     */
    static DidDocument parse(byte[] bytes, String expectedDid, String source) throws DidResolutionException {
        JsonObject json;
        try {
            json = JsonInput.object(bytes, "the DID document for " + expectedDid + " at " + source);
        } catch (IllegalArgumentException e) {
            throw new DidResolutionException(e.getMessage(), e);
        }
        String id = JsonInput.string(json, "id").orElseThrow(() ->
                new DidResolutionException("the DID document for " + expectedDid + " at " + source + " has no \"id\""));
        if (!id.equals(expectedDid)) {
            throw new DidResolutionException("the DID document at " + source + " is for " + id + ", not for " + expectedDid);
        }
        Map<String, VerificationMethod> methods = new LinkedHashMap<>();
        for (JsonValue item : JsonInput.items(json.get("verificationMethod"))) {
            if (!(item instanceof JsonObject vm)) {
                throw new DidResolutionException("verificationMethod entries of " + id + " must be objects");
            }
            Optional<VerificationMethod> m = method(vm, id);
            if (m.isPresent()) {
                putUnique(methods, m.get(), id);
            }
        }
        Map<String, List<String>> relationships = new LinkedHashMap<>();
        for (String relationship : RELATIONSHIPS) {
            List<String> ids = new ArrayList<>();
            for (JsonValue item : JsonInput.items(json.get(relationship))) {
                if (item instanceof JsonString ref) {
                    ids.add(absolute(ref.getString(), id));
                } else if (item instanceof JsonObject embedded) {
                    Optional<VerificationMethod> m = method(embedded, id);
                    if (m.isPresent()) {
                        putUnique(methods, m.get(), id);
                        ids.add(m.get().id());
                    }
                } else {
                    throw new DidResolutionException(relationship + " entries of " + id + " must be strings or objects");
                }
            }
            if (!ids.isEmpty()) {
                relationships.put(relationship, List.copyOf(ids));
            }
        }
        return new DidDocument(id, List.copyOf(methods.values()), relationships);
    }

    private static void putUnique(Map<String, VerificationMethod> methods, VerificationMethod m, String did)
            throws DidResolutionException {
        if (methods.putIfAbsent(m.id(), m) != null) {
            throw new DidResolutionException("the DID document of " + did + " defines verification method " + m.id()
                    + " more than once");
        }
    }

    /** @return the method, or empty when its key form is not supported */
    static Optional<VerificationMethod> method(JsonObject vm, String did) throws DidResolutionException {
        String rawId = JsonInput.string(vm, "id").orElseThrow(() ->
                new DidResolutionException("a verification method of " + did + " has no \"id\""));
        String id = absolute(rawId, did);
        for (String member : PRIVATE_MEMBERS) {
            if (vm.containsKey(member)) {
                throw privateMaterial(did, id, member);
            }
        }
        String type = JsonInput.string(vm, "type").orElse("");
        String controller = JsonInput.string(vm, "controller").map(c -> absolute(c, did)).orElse(did);
        JWK key;
        if (vm.get("publicKeyJwk") instanceof JsonObject jwkJson) {
            for (String member : PRIVATE_JWK_MEMBERS) {
                if (jwkJson.containsKey(member)) {
                    throw privateMaterial(did, id, "publicKeyJwk." + member);
                }
            }
            try {
                key = JWK.parse(jwkJson.toString());
            } catch (ParseException e) {
                throw new DidResolutionException("verification method " + id + " has an invalid publicKeyJwk: " + e.getMessage(), e);
            }
            if (key.isPrivate() || KeyType.OCT.equals(key.getKeyType())) {
                throw privateMaterial(did, id, "publicKeyJwk");
            }
        } else if (vm.get("publicKeyMultibase") instanceof JsonString multibase) {
            try {
                key = MultibaseKeys.toJwk(multibase.getString());
            } catch (MultibaseKeys.KeyException e) {
                if (e.privateKey) {
                    throw privateMaterial(did, id, "publicKeyMultibase");
                }
                throw new DidResolutionException("verification method " + id + ": " + e.getMessage());
            }
        } else if (vm.get("publicKeyBase58") instanceof JsonString base58 && type.startsWith("Ed25519VerificationKey")) {
            try {
                key = MultibaseKeys.ed25519(Base58.decode(base58.getString()));
            } catch (MultibaseKeys.KeyException | IllegalArgumentException e) {
                throw new DidResolutionException("verification method " + id + ": publicKeyBase58 " + e.getMessage());
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new VerificationMethod(id, type, controller, key));
    }

    private static DidResolutionException privateMaterial(String did, String methodId, String member) {
        return new DidResolutionException("the DID document of " + did + " contains private key material (" + member
                + " in verification method " + methodId + "); a DID document must only publish public keys, refusing it");
    }

    /** Makes {@code #frag} (and {@code ?query}) relative DID URLs absolute against the DID. */
    static String absolute(String ref, String did) {
        if (ref.startsWith("#") || ref.startsWith("?")) {
            return did + ref;
        }
        return ref;
    }
}
