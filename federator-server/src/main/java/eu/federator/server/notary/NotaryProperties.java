package eu.federator.server.notary;

import eu.federator.trustframework.notary.EosSource;
import eu.federator.trustframework.notary.GleifSource;
import eu.federator.trustframework.notary.SourceSettings;
import eu.federator.trustframework.notary.ViesSource;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * The registration-number notary ({@code federator.notary.*}).
 *
 * @param offlineOnly       never call VIES, GLEIF or EOS: numbers that pass the offline check are vouched for with an
 *                          evidence note saying so (air-gapped labs)
 * @param issueUnverifiable EUID and tax ID have no public register: issue after the offline check (true, default) or
 *                          refuse with 422 (false)
 * @param lifetime          validity of Loire credentials (default 90 days)
 * @param tagusLegacyProof  sign Tagus credentials with the Gaia-X legacy JsonWebSignature2020 flavour as the GXDCH notary
 *                          v1 does (true, default) or with the W3C flavour
 * @param viesProtocol      rest (default) or soap
 * @param vies              VIES: base URL is the REST API base ({@value ViesSource#REST_BASE}) or, for soap, the service URL
 * @param gleif             GLEIF API base ({@value GleifSource#BASE})
 * @param eos               EU EOS EORI validation service URL
 */
@ConfigurationProperties("federator.notary")
public record NotaryProperties(Boolean offlineOnly, Boolean issueUnverifiable, Duration lifetime, Boolean tagusLegacyProof,
                               ViesSource.Protocol viesProtocol, Source vies, Source gleif, Source eos) {

    public NotaryProperties {
        offlineOnly = offlineOnly != null && offlineOnly;
        issueUnverifiable = issueUnverifiable == null || issueUnverifiable;
        lifetime = lifetime == null ? Duration.ofDays(90) : lifetime;
        tagusLegacyProof = tagusLegacyProof == null || tagusLegacyProof;
        viesProtocol = viesProtocol == null ? ViesSource.Protocol.REST : viesProtocol;
        vies = vies == null ? new Source(null, null, null, null, null, null, null, null) : vies;
        gleif = gleif == null ? new Source(null, null, null, null, null, null, null, null) : gleif;
        eos = eos == null ? new Source(null, null, null, null, null, null, null, null) : eos;
    }

    /**
     * One source; unset values take the defaults of {@link SourceSettings#defaults}: timeout 10 s, 2 retries from 500 ms
     * back-off (at most 4 s), breaker after 5 consecutive failures for 60 s, Retry-After 60 s.
     *
     * @param baseUrl         where the source is
     * @param timeout         limit per attempt
     * @param retries         further attempts after a retryable failure
     * @param backoff         wait before the first retry (doubled per retry)
     * @param maxBackoff      longest wait between attempts
     * @param breakerFailures consecutive failures that open the breaker (0 disables it)
     * @param breakerOpenFor  how long the open breaker answers 503 without calling the source
     * @param retryAfter      Retry-After sent with 503 when the source gave none
     */
    public record Source(URI baseUrl, Duration timeout, Integer retries, Duration backoff, Duration maxBackoff,
                         Integer breakerFailures, Duration breakerOpenFor, Duration retryAfter) {

        SourceSettings settings(URI defaultUrl) {
            SourceSettings d = SourceSettings.defaults(baseUrl == null ? defaultUrl : baseUrl);
            return new SourceSettings(d.baseUrl(), timeout == null ? d.timeout() : timeout, retries == null ? d.retries() : retries,
                    backoff == null ? d.backoff() : backoff, maxBackoff == null ? d.maxBackoff() : maxBackoff,
                    breakerFailures == null ? d.breakerFailures() : breakerFailures,
                    breakerOpenFor == null ? d.breakerOpenFor() : breakerOpenFor, retryAfter == null ? d.retryAfter() : retryAfter);
        }
    }

    SourceSettings viesSettings() {
        return vies.settings(URI.create(viesProtocol == ViesSource.Protocol.REST ? ViesSource.REST_BASE : ViesSource.SOAP_URL));
    }

    SourceSettings gleifSettings() {
        return gleif.settings(URI.create(GleifSource.BASE));
    }

    SourceSettings eosSettings() {
        return eos.settings(URI.create(EosSource.URL));
    }
}
