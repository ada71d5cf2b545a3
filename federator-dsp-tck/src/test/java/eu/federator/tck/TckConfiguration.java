package eu.federator.tck;

import eu.federator.dataspace.dataplane.DataPlane;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.transfer.TransferProcessStore;
import eu.federator.dataspace.transfer.TransferService;
import eu.federator.server.dataspace.DefaultDecisions;
import eu.federator.server.dataspace.DspAuthentication;
import eu.federator.server.dataspace.DspDatasets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the TCK needs of Federator beyond the production build, in the test sources only: its identity, its datasets
 * (their offers come from the catalog-policies file that {@link DspTckTest} writes), the decisions its tests script, a data plane for its pull format, and the two signals with
 * which it starts processes on the consumer side.
 */
@TestConfiguration(proxyBeanMethods = false)
class TckConfiguration {

    @Bean
    @Primary
    DspAuthentication tckAuthentication(@Value("${tck.authorization}") String authorization) {
        return new TckAuthentication(authorization);
    }

    @Bean
    @Primary
    DspDatasets tckDatasets() {
        return new TckDatasets();
    }

    @Bean
    @Primary
    TckDecisions tckDecisions(DefaultDecisions defaults, ContractNegotiationStore negotiationStore, TransferProcessStore transferStore,
                              ObjectProvider<NegotiationService> negotiations, ObjectProvider<TransferService> transfers) {
        return new TckDecisions(defaults, defaults, negotiationStore, transferStore, negotiations, transfers);
    }

    /** Over the server's HTTP data plane, which would need a data source per dataset: the TCK never fetches data. */
    @Bean
    @Primary
    DataPlane tckDataPlane() {
        return new TckDataPlane();
    }

    @Bean
    TckInitiateController tckInitiateController(NegotiationService negotiations, TransferService transfers, TckDecisions decisions,
                                                DspAuthentication authentication) {
        return new TckInitiateController(negotiations, transfers, decisions, authentication);
    }

    /** The signals are outside the production permission table: this chain lets them through to the controller, which checks the TCK's token. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain tckSignals(HttpSecurity http) throws Exception {
        return http.securityMatcher(TckInitiateController.BASE + "/**")
                .csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }
}
