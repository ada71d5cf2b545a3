package eu.federator.server.portal;

import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.forms.FormCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The portal's collaborators that are not Spring components themselves. */
@Configuration(proxyBeanMethods = false)
public class PortalConfiguration {

    /** Forms from the shapes of every loaded trust-framework version; their contexts are bundled, so no fetch is needed. */
    @Bean
    FormCatalogue formCatalogue(TrustFrameworks frameworks) {
        return new FormCatalogue(frameworks, LinkedData.offline());
    }
}
