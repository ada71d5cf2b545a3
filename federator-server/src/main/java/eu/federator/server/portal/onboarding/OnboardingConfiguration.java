package eu.federator.server.portal.onboarding;

import eu.federator.catalogue.Catalogue;
import eu.federator.server.compliance.ComplianceProperties;
import eu.federator.server.config.FederatorProperties;
import eu.federator.server.identity.IdentityProperties;
import eu.federator.server.notary.NotaryService;
import eu.federator.server.registry.ChainCheck;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/** The portal's onboarding: hosted identities, their key custody, the lab CA and the {@link Onboarding} steps. */
@Configuration(proxyBeanMethods = false)
public class OnboardingConfiguration {
    /** Below the data directory: the lab CA and the generated key-encryption key. */
    static final String PORTAL_DIR = "portal";

    static Path portalDir(FederatorProperties federator) {
        return federator.dataDir().toAbsolutePath().normalize().resolve(PORTAL_DIR);
    }

    @Bean
    LabCertificateAuthority portalLabCa(OnboardingProperties properties, FederatorProperties federator) {
        return properties.labCa() ? LabCertificateAuthority.load(portalDir(federator), Instant.now()) : LabCertificateAuthority.disabled();
    }

    @Bean
    KeyCustody keyCustody(OnboardingProperties properties, FederatorProperties federator) {
        return KeyCustody.load(properties.keyEncryptionKey(), portalDir(federator));
    }

    @Bean
    HostedDids hostedDids(IdentityProperties identity, Environment environment) {
        return new HostedDids(identity, environment);
    }

    @Bean
    HostedIdentities hostedIdentities(JdbcTemplate jdbc, KeyCustody custody) {
        return new HostedIdentities(jdbc, custody);
    }

    @Bean
    PortalAccounts portalAccounts(JdbcTemplate jdbc) {
        return new PortalAccounts(jdbc);
    }

    @Bean
    Onboarding onboarding(HostedIdentities identities, HostedDids dids, LabCertificateAuthority portalLabCa, ChainCheck chains,
                          NotaryService notary, ComplianceEngine compliance, ComplianceProperties complianceProperties,
                          ObjectProvider<ServiceIdentity> service, Catalogue catalogue, PortalAccounts accounts, JdbcTemplate jdbc,
                          PlatformTransactionManager transactionManager) {
        return new Onboarding(identities, dids, portalLabCa, chains, notary, compliance, complianceProperties, service.getIfAvailable(),
                catalogue, accounts, jdbc, new TransactionTemplate(transactionManager), Clock.systemUTC());
    }
}
