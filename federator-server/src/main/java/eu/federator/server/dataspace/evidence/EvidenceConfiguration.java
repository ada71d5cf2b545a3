package eu.federator.server.dataspace.evidence;

import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.dataspace.evidence.AgreementCredentials;
import eu.federator.dataspace.evidence.AgreementIssuer;
import eu.federator.dataspace.evidence.AgreementStore;
import eu.federator.dataspace.evidence.AgreementsAsCredentials;
import eu.federator.dataspace.evidence.LogTokens;
import eu.federator.dataspace.evidence.NotificationInbox;
import eu.federator.dataspace.evidence.NotificationStore;
import eu.federator.dataspace.log.ExchangeLog;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.log.ExchangeLogWriter;
import eu.federator.dataspace.log.PostgresExchangeLog;
import eu.federator.server.dataspace.DataspaceProcessesConfiguration;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Evidence of the data exchange: the exchange log and its writer, agreements issued as credentials (in the background by
 * the one {@link eu.federator.dataspace.negotiation.FinalizedAgreements} bean), and the notification inbox. Everything is
 * signed with the service identity's key.
 */
@Configuration(proxyBeanMethods = false)
public class EvidenceConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    ExchangeLog exchangeLog(DataSource dataSource, ExchangeLogProperties p) {
        return new PostgresExchangeLog(dataSource, Clock.systemUTC(), p.checkpointEvery());
    }

    /** Started here, stopped with the context; the negotiation and transfer services call {@code wake()} after a commit. */
    @Bean(destroyMethod = "close")
    ExchangeLogWriter exchangeLogWriter(ExchangeLog log, ServiceIdentity identity, ExchangeLogProperties p) {
        ExchangeLogWriter writer = new ExchangeLogWriter(log, identity.signingKey(), p.batchSize(), p.checkpointMaxAge());
        writer.start(p.pollInterval());
        return writer;
    }

    /** The negotiation and transfer services tell this after every commit: the writer chains the new events at once. */
    @Bean
    DataspaceProcessesConfiguration.ProcessCommitted exchangeLogWakeUp(ExchangeLogWriter writer) {
        return writer::wake;
    }

    @Bean
    LogTokens logTokens(ServiceIdentity identity, ExchangeLogProperties p) {
        return new LogTokens(identity.signingKey(), Clock.systemUTC(), p.logTokenLifetime());
    }

    @Bean
    @DependsOnDatabaseInitialization
    AgreementStore agreementStore(DataSource dataSource) {
        return new AgreementStore(dataSource);
    }

    @Bean
    @DependsOnDatabaseInitialization
    NotificationStore notificationStore(DataSource dataSource) {
        return new NotificationStore(dataSource);
    }

    @Bean
    AgreementsAsCredentials agreementsAsCredentials(ServiceIdentity identity, LogTokens tokens, AgreementStore store, ExchangeLogWriter writer) {
        return new AgreementsAsCredentials(new AgreementCredentials(identity.signingKey(), tokens, Clock.systemUTC()), store, writer::wake,
                Clock.systemUTC());
    }

    /** The negotiation service tells this of every finalized negotiation; it issues the credential in the background. */
    @Bean(destroyMethod = "close")
    AgreementIssuer finalizedAgreements(AgreementsAsCredentials issuing, ContractNegotiationStore negotiations, AgreementStore store,
                                        ExchangeLogProperties p) {
        AgreementIssuer issuer = new AgreementIssuer(issuing, negotiations, store);
        issuer.start(p.pollInterval());
        return issuer;
    }

    @Bean
    NotificationInbox notificationInbox(CredentialVerifier verifier, LogTokens tokens, AgreementStore agreements, NotificationStore store,
                                        ServiceIdentity identity, ExchangeLogWriter writer) {
        return new NotificationInbox(verifier, tokens, agreements, store, identity.did(), writer::wake, Clock.systemUTC());
    }
}
