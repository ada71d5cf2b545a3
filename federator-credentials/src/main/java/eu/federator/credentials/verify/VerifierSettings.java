package eu.federator.credentials.verify;

import eu.federator.credentials.net.GuardedHttpClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.net.WebMirror;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Operator settings of a {@link CredentialVerifier}; the CLI options and the server properties map onto these.
 *
 * @param webMirror            answer every outbound fetch of {@code https://HOST/PATH} from {@code DIR/HOST/PATH}
 *                             (no network at all); null to use the network
 * @param trustAnchors         PEM bundle of trusted root certificates; null when none is configured (then
 *                             certificate chains are not validated, and the result carries a warning)
 * @param allowedContexts      remote JSON-LD context URLs that may be fetched (bundled ones never are)
 * @param allowPrivateNetworks allow fetches to loopback, private and link-local addresses (tests, labs)
 * @param allowHttp            allow plain http:// fetches (tests, labs)
 * @param cacheTtl             how long fetched DID documents, chains, status lists and contexts are reused
 */
public record VerifierSettings(Path webMirror, Path trustAnchors, Set<String> allowedContexts,
                               boolean allowPrivateNetworks, boolean allowHttp, Duration cacheTtl) {

    public VerifierSettings {
        allowedContexts = allowedContexts == null ? Set.of() : Set.copyOf(allowedContexts);
        cacheTtl = cacheTtl == null ? Duration.ofMinutes(10) : cacheTtl;
    }

    public static VerifierSettings defaults() {
        return new VerifierSettings(null, null, Set.of(), false, false, null);
    }

    public VerifierSettings withWebMirror(Path dir) {
        return new VerifierSettings(dir, trustAnchors, allowedContexts, allowPrivateNetworks, allowHttp, cacheTtl);
    }

    public VerifierSettings withTrustAnchors(Path pem) {
        return new VerifierSettings(webMirror, pem, allowedContexts, allowPrivateNetworks, allowHttp, cacheTtl);
    }

    public VerifierSettings withAllowedContexts(Set<String> urls) {
        return new VerifierSettings(webMirror, trustAnchors, urls, allowPrivateNetworks, allowHttp, cacheTtl);
    }

    /** The outbound policy these settings ask for (defaults for sizes, time limits and redirects). */
    public OutboundPolicy outboundPolicy() {
        return OutboundPolicy.defaults().withHttpsOnly(!allowHttp).withAllowPrivateNetworks(allowPrivateNetworks).withCacheTtl(cacheTtl);
    }

    /** The web mirror when one is configured, else the guarded HTTP client with {@code policy}. */
    public ResourceFetcher fetcher(OutboundPolicy policy) {
        return webMirror != null ? new WebMirror(webMirror) : new GuardedHttpClient(policy);
    }

    public ResourceFetcher fetcher() {
        return fetcher(outboundPolicy());
    }

    /** For CRLs and OCSP responses: signed, and almost always served over plain http; the address guards still apply. */
    public ResourceFetcher revocationFetcher() {
        return fetcher(outboundPolicy().withHttpsOnly(false));
    }

    public VerifierSettings withLocalNetwork() {
        return new VerifierSettings(webMirror, trustAnchors, allowedContexts, true, true, cacheTtl);
    }
}
