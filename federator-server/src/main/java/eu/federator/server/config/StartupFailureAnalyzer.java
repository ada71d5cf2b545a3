package eu.federator.server.config;

import eu.federator.catalogue.store.postgres.EmbeddedPostgresException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns Federator's own startup errors into Spring Boot's "APPLICATION FAILED TO START" report (description and
 * action, no stack trace).
 */
public final class StartupFailureAnalyzer {
    private StartupFailureAnalyzer() {
    }

    public static final class EmbeddedPostgres extends AbstractFailureAnalyzer<EmbeddedPostgresException> implements FailureAnalyzer {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresException cause) {
            return new FailureAnalysis("The embedded PostgreSQL could not be started: " + cause.getMessage(),
                    "Fix the cause above, or use an external PostgreSQL by setting spring.datasource.url "
                            + "(with spring.datasource.username and spring.datasource.password).", cause);
        }
    }

    public static final class Configuration extends AbstractFailureAnalyzer<ConfigurationError> implements FailureAnalyzer {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationError cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
        }
    }
}
