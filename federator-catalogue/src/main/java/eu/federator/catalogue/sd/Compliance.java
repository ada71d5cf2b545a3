package eu.federator.catalogue.sd;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a self-description came with a valid Gaia-X compliance credential (Tagus {@code gx:compliance}) or label
 * credential (Loire {@code gx:LabelCredential}), as the ingest pipeline found at store time.
 */
public enum Compliance {
    /** One came with it, issued by a trusted compliance service, and lists every credential of it with a matching digest. */
    COMPLIANT("compliant"),
    /** One came with it, but its issuer is not trusted, or it does not list every credential, or a digest does not match. */
    NON_COMPLIANT("non-compliant"),
    /** None came with it. */
    NONE("none"),
    /** Stored before the catalogue recorded compliance (migration V6): submit it again to have it checked. */
    NOT_CHECKED("not-checked");

    private final String value;

    Compliance(String value) {
        this.value = value;
    }

    /** The name used in the API and the database. */
    public String value() {
        return value;
    }

    public static Optional<Compliance> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.value.equalsIgnoreCase(value.trim())).findFirst();
    }
}
