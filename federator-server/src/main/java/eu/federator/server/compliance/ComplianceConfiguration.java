package eu.federator.server.compliance;

import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.server.config.ConfigurationError;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;

/** The trust-framework bundles (parsed and compiled once, at startup) and the compliance engine. */
@Configuration(proxyBeanMethods = false)
public class ComplianceConfiguration {

    @Bean
    TrustFrameworks trustFrameworks(ComplianceProperties properties) {
        if (properties.bundleDirectory() != null && !Files.isDirectory(properties.bundleDirectory())) {
            throw new ConfigurationError("federator.compliance.bundle-directory: " + properties.bundleDirectory() + " is not a directory",
                    "Point it at a directory of trust-framework bundles (<dir>/<name>/bundle.properties, see docs/trust-frameworks.md) or remove it.");
        }
        try {
            return TrustFrameworks.load(properties.bundleDirectory());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("federator.compliance.bundle-directory: " + e.getMessage(),
                    "Fix the bundle named in the message (docs/trust-frameworks.md describes the layout).");
        }
    }

    /** Shares the server's verifier, so trusted-list anchors, caches and the outbound policy apply to compliance too. */
    @Bean
    ComplianceEngine complianceEngine(CredentialVerifier verifier, TrustFrameworks frameworks) {
        return new ComplianceEngine(verifier, frameworks);
    }
}
