package eu.federator.server.notary;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.server.config.ConfigurationError;
import eu.federator.server.config.FederatorProperties;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.notary.EosSource;
import eu.federator.trustframework.notary.GleifSource;
import eu.federator.trustframework.notary.Notary;
import eu.federator.trustframework.notary.NotarySettings;
import eu.federator.trustframework.notary.RegistrationNumberType;
import eu.federator.trustframework.notary.RegistrationSource;
import eu.federator.trustframework.notary.ResilientSource;
import eu.federator.trustframework.notary.SourceSettings;
import eu.federator.trustframework.notary.ViesSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Notary} from {@link NotaryProperties}. Outbound calls go through a {@link GuardedApiClient} with
 * the server's network policy ({@code federator.net.allow-http}, {@code federator.net.allow-private-networks}).
 */
@Configuration(proxyBeanMethods = false)
public class NotaryConfiguration {

    /**
     * The notary signs with the clearing house's {@link ServiceIdentity} bean. Without one the server still starts and
     * the notary endpoints answer 503 saying so.
     */
    @Bean
    NotaryService notaryService(NotaryProperties properties, FederatorProperties federator, ObjectProvider<ServiceIdentity> identities) {
        ServiceIdentity identity = identities.getIfAvailable();
        return new NotaryService(Optional.ofNullable(identity).map(i -> notary(properties, federator, i)));
    }

    static Notary notary(NotaryProperties properties, FederatorProperties federator, ServiceIdentity identity) {
        NotarySettings settings;
        try {
            settings = new NotarySettings(properties.offlineOnly(), properties.issueUnverifiable(), properties.lifetime(),
                    properties.tagusLegacyProof());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("federator.notary.lifetime: " + e.getMessage(), "Set a positive duration, e.g. 90d.");
        }
        OutboundPolicy policy = OutboundPolicy.defaults().withHttpsOnly(!federator.net().allowHttp())
                .withAllowPrivateNetworks(federator.net().allowPrivateNetworks());
        GuardedApiClient client = new GuardedApiClient(policy);
        Clock clock = Clock.systemUTC();
        SourceSettings vies = properties.viesSettings();
        SourceSettings gleif = properties.gleifSettings();
        SourceSettings eos = properties.eosSettings();
        Map<RegistrationNumberType, RegistrationSource> sources = new EnumMap<>(RegistrationNumberType.class);
        sources.put(RegistrationNumberType.VAT_ID, new ResilientSource(new ViesSource(client, vies, properties.viesProtocol(), clock), vies, clock));
        sources.put(RegistrationNumberType.LEI_CODE, new ResilientSource(new GleifSource(client, gleif, clock), gleif, clock));
        sources.put(RegistrationNumberType.EORI, new ResilientSource(new EosSource(client, eos, clock), eos, clock));
        return new Notary(settings, sources, identity, new CredentialSigner(), clock);
    }
}
