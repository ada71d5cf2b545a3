package eu.federator.catalogue.sd;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A verified submission, ready to be stored.
 *
 * @param metadata what {@link SelfDescription} will say (its status and times are set by the store)
 * @param content  exactly the submitted bytes
 * @param claims   the claims of its subjects as N-Triples (what the graph projection loads)
 * @param prefixes prefix → namespace declared by its contexts
 * @param bundled  credentials that came with it but are not it (stored once)
 * @param searchText what full-text search matches: the claims' literals, the subject id, the type names
 * @param facets   keywords, countries and compliance status for the search facets
 * @param report   what the ingest checked, for the self-description's page; null when not known
 */
public record NewSelfDescription(SelfDescription metadata, byte[] content, String claims, Map<String, String> prefixes,
                                 List<BundledCredential> bundled, String searchText, SdFacets facets, IngestReport report) {
    public NewSelfDescription {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(claims, "claims");
        prefixes = Map.copyOf(prefixes);
        bundled = List.copyOf(bundled);
        searchText = searchText == null ? "" : searchText;
        facets = facets == null ? SdFacets.NOT_RECORDED : facets;
    }

    /** Without facets and report (compliance {@code not-checked}). */
    public NewSelfDescription(SelfDescription metadata, byte[] content, String claims, Map<String, String> prefixes,
                              List<BundledCredential> bundled, String searchText) {
        this(metadata, content, claims, prefixes, bundled, searchText, null, null);
    }
}
