package eu.federator.credentials.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The outbound policy's check of one target, shared by every client that leaves the process: scheme, user info,
 * and every address the host resolves to (no loopback, private or link-local targets unless allowed).
 */
final class UriGuard {
    private final OutboundPolicy policy;
    private final GuardedHttpClient.HostResolver resolver;
    private final Predicate<InetAddress> exempt;

    UriGuard(OutboundPolicy policy, GuardedHttpClient.HostResolver resolver, Predicate<InetAddress> exempt) {
        this.policy = policy;
        this.resolver = resolver;
        this.exempt = exempt;
    }

    /** Refuses a URI that the policy does not allow: scheme, user info, and the addresses its host resolves to. */
    void vet(URI uri, URI original) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new FetchException("refused " + uri + ": not an absolute http(s) URI");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new FetchException("refused " + uri + ": scheme \"" + scheme + "\" is not http(s)");
        }
        if (scheme.equals("http") && policy.httpsOnly()) {
            throw new FetchException("refused " + GuardedHttpClient.describeHop(uri, original) + ": plain http is not allowed, only https;"
                    + " set federator.net.allow-http=true for labs");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchException("refused " + uri + ": user info in URIs is not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new FetchException("refused " + uri + ": no host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchException(GuardedHttpClient.describe(original) + ": cannot resolve host " + host, e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new FetchException(GuardedHttpClient.describe(original) + ": cannot resolve host " + host);
        }
        if (policy.allowPrivateNetworks()) {
            return;
        }
        // every address must pass: the client may connect to any of them
        for (InetAddress address : addresses) {
            if (exempt.test(address)) {
                continue;
            }
            Optional<String> reason = AddressRules.nonPublic(address);
            if (reason.isPresent()) {
                String shown = address.getHostAddress();
                String named = host.equals(shown) || host.equals("[" + shown + "]") ? shown : host + " (" + shown + ")";
                throw new FetchException("refused " + GuardedHttpClient.describeHop(uri, original) + ": " + named + " is " + reason.get()
                        + "; set federator.net.allow-private-networks=true for labs");
            }
        }
    }
}
