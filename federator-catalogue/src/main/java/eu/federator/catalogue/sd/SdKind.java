package eu.federator.catalogue.sd;

import java.util.Arrays;
import java.util.Optional;

/** What a self-description describes, by its trust-framework base class. */
public enum SdKind {
    PARTICIPANT("participant"),
    SERVICE_OFFERING("service-offering"),
    RESOURCE("resource"),
    DATA_PRODUCT("data-product"),
    /** None of the base classes (accepted only when the catalogue does not require one). */
    OTHER("other");

    private final String value;

    SdKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<SdKind> parse(String value) {
        return Arrays.stream(values()).filter(k -> k.value.equalsIgnoreCase(value.trim())).findFirst();
    }
}
