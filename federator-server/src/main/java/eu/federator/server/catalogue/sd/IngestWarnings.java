package eu.federator.server.catalogue.sd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Logs what the ingest pipeline noticed about an accepted submission. A relaxed check that failed, or claims that were
 * not validated because no shapes are loaded, is a warning: the operator chose to accept such submissions and should
 * see each one. Skipped checks (a credential without a status list, ...) are routine and only logged at debug level.
 */
public final class IngestWarnings {
    private static final Logger log = LoggerFactory.getLogger(IngestWarnings.class);

    private IngestWarnings() {
    }

    public static void log(String hash, List<String> warnings) {
        for (String warning : warnings) {
            if (warning.startsWith("skipped:")) {
                log.debug("Catalogue: {} accepted; {}", hash, warning);
            } else {
                log.warn("Catalogue: {} accepted although {}", hash, warning);
            }
        }
    }
}
