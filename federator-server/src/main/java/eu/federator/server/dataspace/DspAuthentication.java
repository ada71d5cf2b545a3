package eu.federator.server.dataspace;

import eu.federator.dataspace.policy.Requester;

/**
 * Who sends a DSP request, from its {@code Authorization} header. The default is {@link RequesterTokens} (Federator's
 * self-issued DID token profile); another identity layer (DCP, a test harness) replaces the bean.
 */
@FunctionalInterface
public interface DspAuthentication {

    /** The authenticated requester; a {@link DspException} with 401 when the header proves nothing. */
    Requester requester(String authorization);
}
