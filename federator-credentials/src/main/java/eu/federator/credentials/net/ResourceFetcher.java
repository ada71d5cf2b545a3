package eu.federator.credentials.net;

import java.net.URI;

/**
 * The one way Federator fetches anything from outside: DID documents, certificate chains, status lists,
 * allow-listed JSON-LD contexts. Implementations enforce the outbound policy (scheme, target addresses,
 * size and time limits) or answer from a local web mirror.
 */
public interface ResourceFetcher {

    /**
     * @param uri    absolute http(s) URI; a fragment is ignored
     * @param accept value for the Accept header, may be null
     * @return the body of a 2xx answer
     * @throws FetchException with a message that names the URI and says why it was not fetched
     */
    Fetched fetch(URI uri, String accept) throws FetchException;
}
