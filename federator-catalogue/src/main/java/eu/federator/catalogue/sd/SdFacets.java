package eu.federator.catalogue.sd;

import java.util.List;
import java.util.Objects;

/**
 * What the ingest extracted of a self-description for search facets.
 *
 * @param keywords   the subject's {@code gx:keyword} / {@code dcat:keyword} values, trimmed, without duplicates
 * @param countries  ISO 3166-1 alpha-2 codes (upper case) of the claims' {@code gx:countryCode} and
 *                   {@code gx:countrySubdivisionCode}; for an offering, resource or data product also those of the
 *                   addresses of the provider's LegalPerson credential presented with it
 * @param compliance whether a valid compliance or label credential came with it
 */
public record SdFacets(List<String> keywords, List<String> countries, Compliance compliance) {
    public static final SdFacets NOT_RECORDED = new SdFacets(List.of(), List.of(), Compliance.NOT_CHECKED);

    public SdFacets {
        keywords = List.copyOf(keywords);
        countries = List.copyOf(countries);
        Objects.requireNonNull(compliance, "compliance");
    }
}
