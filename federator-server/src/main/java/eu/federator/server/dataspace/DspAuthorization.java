package eu.federator.server.dataspace;

/**
 * The {@code Authorization} header this connector presents to a counter-party: the outbound side of
 * {@link DspAuthentication}. The default is {@link SelfIssuedTokens}; another identity layer (DCP, a test harness)
 * replaces the bean. Used for every message the dispatcher sends and for the management API's catalog requests.
 */
@FunctionalInterface
public interface DspAuthorization {

    /** The header value for a request to {@code counterPartyId} (a participant id), e.g. {@code Bearer <JWT>}. */
    String header(String counterPartyId);
}
