package eu.federator.server.dataspace;

import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.dataspace.policy.LeftOperands;
import eu.federator.dataspace.policy.PolicyEvaluator;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** The DSP catalog protocol's beans: requester tokens checked against this connector's DID, the catalog and its policies. */
@Configuration(proxyBeanMethods = false)
public class DataspaceConfiguration {

    /** Keys are resolved by the trust core's DID resolver (the server's one outbound fetcher and web mirror). */
    @Bean
    RequesterTokens requesterTokens(CredentialVerifier verifier, SeenTokens seen, ServiceIdentity identity) {
        return new RequesterTokens(verifier, seen, identity.did(), Clock.systemUTC());
    }

    @Bean
    @DependsOnDatabaseInitialization
    SeenTokens seenTokens(JdbcTemplate jdbc) {
        return new SeenTokens(jdbc, Clock.systemUTC());
    }

    /** The catalog's datasets: the catalogue's active offerings, unless another {@link DspDatasets} bean is marked primary. */
    @Bean
    CatalogueDatasets catalogueDatasets(SelfDescriptionStore store) {
        return new CatalogueDatasets(store);
    }

    /** The policies file is read at startup, so that a mistake stops the start instead of failing every request. */
    @Bean
    DspCatalog dspCatalog(DspDatasets datasets, DataspaceProperties properties, ServiceIdentity identity) {
        return new DspCatalog(datasets, CatalogPolicies.load(properties.catalogPolicies()), new PolicyEvaluator(LeftOperands.defaults()),
                identity.did(), Clock.systemUTC());
    }
}
