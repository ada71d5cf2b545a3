package eu.federator.tck;

import eu.federator.server.dataspace.DspAuthentication;
import eu.federator.server.dataspace.DspDatasets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the TCK needs of Federator beyond the production build, in the test sources only: its identity, its datasets
 * (their offers come from the catalog-policies file that {@link DspTckTest} writes).
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
}
