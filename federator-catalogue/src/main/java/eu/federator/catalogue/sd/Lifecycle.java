package eu.federator.catalogue.sd;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle of a self-description (GXFS): {@code active} on arrival; {@code deprecated} when a newer one for the
 * same subject arrives, {@code revoked} on request, {@code eol} when a credential or certificate it rests on expires.
 * The three are terminal.
 */
public enum Lifecycle {
    ACTIVE, DEPRECATED, REVOKED, EOL;

    /** The name used in the API and the database: {@code active}, {@code deprecated}, {@code revoked}, {@code eol}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Lifecycle> parse(String value) {
        return Arrays.stream(values()).filter(l -> l.value().equalsIgnoreCase(value.trim())).findFirst();
    }
}
