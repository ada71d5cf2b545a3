package eu.federator.trustframework.notary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of legal registration number the notary vouches for, with their names in the notary v2 paths, the Tagus
 * (22.10) subject properties and the Loire (24.x/25.x) credential types and subject properties.
 */
public enum RegistrationNumberType {
    VAT_ID("vat-id", "gx:vatID", "gx:VatID", "gx:vatID"),
    LEI_CODE("lei-code", "gx:leiCode", "gx:LeiCode", "schema:leiCode"),
    EORI("eori", "gx:EORI", "gx:EORI", "gx:eori"),
    EUID("euid", "gx:EUID", "gx:EUID", "gx:euid"),
    TAX_ID("tax-id", "gx:taxID", "gx:TaxID", "schema:taxID");

    private final String pathName;
    private final String tagusProperty;
    private final String loireType;
    private final String loireProperty;

    RegistrationNumberType(String pathName, String tagusProperty, String loireType, String loireProperty) {
        this.pathName = pathName;
        this.tagusProperty = tagusProperty;
        this.loireType = loireType;
        this.loireProperty = loireProperty;
    }

    /** As in {@code /v2/registration-numbers/{pathName}/{value}} and in {@code notary check TYPE VALUE}. */
    public String pathName() {
        return pathName;
    }

    /** The property of a Tagus {@code gx:legalRegistrationNumber} subject, e.g. {@code gx:vatID}. */
    public String tagusProperty() {
        return tagusProperty;
    }

    /** The Loire credential and subject type, e.g. {@code gx:VatID}. */
    public String loireType() {
        return loireType;
    }

    /** The Loire subject property holding the number, e.g. {@code gx:vatID}. */
    public String loireProperty() {
        return loireProperty;
    }

    public static Optional<RegistrationNumberType> fromPathName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.pathName.equals(n)).findFirst();
    }

    public static Optional<RegistrationNumberType> fromTagusProperty(String property) {
        return Arrays.stream(values()).filter(t -> t.tagusProperty.equals(property)).findFirst();
    }

    public static String pathNames() {
        return String.join(", ", Arrays.stream(values()).map(RegistrationNumberType::pathName).toList());
    }
}
