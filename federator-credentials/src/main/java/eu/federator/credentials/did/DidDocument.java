package eu.federator.credentials.did;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved DID document, reduced to what verification needs.
 *
 * @param id                  the DID the document is for
 * @param verificationMethods all methods, with absolute ids (relative {@code #frag} ids are resolved)
 * @param relationships       verification relationship ({@code assertionMethod}, {@code authentication}, ...)
 *                            to the absolute ids of the methods listed under it (embedded ones included)
 */
public record DidDocument(String id, List<VerificationMethod> verificationMethods, Map<String, List<String>> relationships) {

    public DidDocument {
        verificationMethods = List.copyOf(verificationMethods);
        relationships = Map.copyOf(relationships);
    }

    public Optional<VerificationMethod> method(String methodId) {
        return verificationMethods.stream().filter(m -> m.id().equals(methodId)).findFirst();
    }

    /** True when the method is listed under the relationship (proof purpose). */
    public boolean authorizes(String methodId, String relationship) {
        return relationships.getOrDefault(relationship, List.of()).contains(methodId);
    }
}
