package eu.federator.server.registry;

import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.trust.CertificateTrust;
import eu.federator.credentials.trust.TrustAnchors;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.registry.BundleShapeRegistry;
import eu.federator.trustframework.registry.ShapeRegistry;
import eu.federator.trustframework.registry.TermsAndConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the registry: shapes and contexts of the loaded trust-framework bundles, terms and conditions, the chain check. */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {

    @Bean
    ShapeRegistry shapeRegistry(TrustFrameworks frameworks) {
        return new BundleShapeRegistry(frameworks);
    }

    @Bean
    TermsAndConditions termsAndConditions() {
        return TermsAndConditions.bundled();
    }

    @Bean
    ChainCheck chainCheck(TrustAnchors trustAnchors, ResourceFetcher outboundFetcher, VerifierSettings settings) {
        return new ChainCheck(trustAnchors, new CertificateTrust(trustAnchors, outboundFetcher, settings.cacheTtl()));
    }
}
