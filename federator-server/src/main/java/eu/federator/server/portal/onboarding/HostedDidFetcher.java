package eu.federator.server.portal.onboarding;

import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.server.identity.ServiceIdentities;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.DidWebIdentity;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers fetches of Federator's own did:web documents in process, and passes every other fetch to the outbound fetcher
 * unchanged (its SSRF guard and web mirror still apply to those):
 * <ul>
 *   <li>a hosted identity's {@code https://<host>/.../dids/<name>/did.json} and {@code x509CertificateChain.pem}, from
 *   the database, when the URL is exactly the one its stored DID maps to (so a newly created identity resolves at once,
 *   also where this server cannot reach its own public URL, and without TLS in labs);</li>
 *   <li>the clearing house's own DID document and chain (the {@link ServiceIdentity}), which sign the
 *   registration-number and label credentials the portal's participants present.</li>
 * </ul>
 */
public final class HostedDidFetcher implements ResourceFetcher {
    private static final Pattern HOSTED = Pattern.compile(".*/" + HostedDids.SEGMENT + "/([^/]+)/(did\\.json|" + Pattern.quote(HostedIdentity.CHAIN_FILE) + ")");

    private final ResourceFetcher delegate;
    private final HostedIdentities identities;
    private final ServiceIdentity service;

    /** @param service the clearing house's identity, or null when none is configured */
    public HostedDidFetcher(ResourceFetcher delegate, HostedIdentities identities, ServiceIdentity service) {
        this.delegate = delegate;
        this.identities = identities;
        this.service = service;
    }

    @Override
    public Fetched fetch(URI uri, String accept) throws FetchException {
        URI target = withoutFragment(uri);
        if (target != null && "https".equals(target.getScheme()) && target.getRawQuery() == null) {
            Optional<Fetched> own = own(target);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return delegate.fetch(uri, accept);
    }

    private Optional<Fetched> own(URI target) {
        if (service != null) {
            if (target.equals(DidWebIdentity.parse(service.did()).documentUrl())) {
                return Optional.of(json(target, Json.write(ServiceIdentities.didDocument(service))));
            }
            if (target.equals(ServiceIdentities.chainUrl(service.did()))) {
                return Optional.of(pem(target, Certificates.toPem(service.chain())));
            }
        }
        Matcher m = HOSTED.matcher(target.getRawPath() == null ? "" : target.getRawPath());
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean document = m.group(2).equals("did.json");
        return identities.byName(m.group(1))
                .filter(id -> target.equals(document ? id.documentUrl() : id.chainUrl()))
                .map(id -> document ? json(target, id.document()) : pem(target, id.chainPem()));
    }

    private static Fetched json(URI uri, String body) {
        return new Fetched(uri, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Fetched pem(URI uri, String body) {
        return new Fetched(uri, HostedDidController.PEM_CHAIN, body.getBytes(StandardCharsets.US_ASCII));
    }

    /** The URI without fragment, host in lower case, the default port dropped; null when it is not a plain http(s) URL. */
    private static URI withoutFragment(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = "https".equals(scheme) && uri.getPort() == 443 ? -1 : uri.getPort();
        try {
            return new URI(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port)
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "HostedDidFetcher[" + delegate + "]";
    }
}
