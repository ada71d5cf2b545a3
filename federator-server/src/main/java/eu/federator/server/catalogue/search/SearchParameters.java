package eu.federator.server.catalogue.search;

import eu.federator.catalogue.sd.Compliance;
import eu.federator.catalogue.sd.SdSearch;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static eu.federator.server.catalogue.CatalogueParameters.badRequest;
import static eu.federator.server.catalogue.CatalogueParameters.values;

/** The search's own parameters (the search API and the portal), parsed with XFSC-envelope errors that say what is accepted. */
public final class SearchParameters {
    static final int MAX_VALUES = 50;
    static final int MAX_VALUE_LENGTH = 200;

    private SearchParameters() {
    }

    public static Set<Compliance> compliance(List<String> list) {
        Set<Compliance> statuses = EnumSet.noneOf(Compliance.class);
        for (String s : values(list)) {
            statuses.add(Compliance.parse(s).orElseThrow(() -> badRequest("unknown compliance status '" + s
                    + "': use compliant, non-compliant, none or not-checked")));
        }
        return statuses;
    }

    /** Null or blank: relevance. */
    public static SdSearch.Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return SdSearch.Sort.RELEVANCE;
        }
        return SdSearch.Sort.parse(value).orElseThrow(() -> badRequest("unknown sort '" + value + "': use relevance, newest, oldest or name"));
    }

    /**
     * The {@code keywords} parameters as sent: one value per parameter. Spring would split a single value at its commas
     * when binding it to a list, and keywords may contain commas ("S3, Swift").
     */
    public static List<String> keywords(HttpServletRequest request) {
        String[] values = request.getParameterValues("keywords");
        return facetValues("keywords", values == null ? List.of() : Arrays.asList(values));
    }

    /** Keywords or countries: at most 50 values of at most 200 characters each. */
    public static List<String> facetValues(String parameter, List<String> list) {
        List<String> values = values(list);
        if (values.size() > MAX_VALUES) {
            throw badRequest(parameter + " has " + values.size() + " values; at most " + MAX_VALUES + " are accepted");
        }
        values.stream().filter(v -> v.length() > MAX_VALUE_LENGTH).findFirst().ifPresent(v -> {
            throw badRequest("a value of " + parameter + " is longer than " + MAX_VALUE_LENGTH + " characters");
        });
        return values;
    }
}
