package eu.federator.credentials.did;

/** Resolves a DID (without fragment) to its DID document. */
public interface DidResolver {

    /**
     * @throws DidResolutionException when the method is unsupported, the document cannot be fetched or is
     *                                not a valid DID document for this DID
     */
    DidDocument resolve(String did) throws DidResolutionException;
}
