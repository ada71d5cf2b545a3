package eu.federator.server.identity;

import eu.federator.server.config.FederatorProperties;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;

/** The {@link ServiceIdentity} bean: the clearing house's did:web, key and chain (see {@link IdentityProperties}). */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    ServiceIdentity serviceIdentity(IdentityProperties identity, FederatorProperties federator) {
        return ServiceIdentities.load(identity, federator.dataDir().toAbsolutePath().normalize(), Instant.now());
    }
}
