package eu.federator.server.dataspace;

import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdFacets;
import eu.federator.catalogue.sd.SdFilter;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SdSearch;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog's datasets from the catalogue: a dataset per <b>active</b> service offering and data product (id = the
 * credential subject, its title and keywords), in upload order. Revoked, deprecated and expired offerings are never
 * listed.
 */
public final class CatalogueDatasets implements DspDatasets {
    /** The kinds of self-description the catalog offers. */
    static final Set<SdKind> KINDS = Set.of(SdKind.SERVICE_OFFERING, SdKind.DATA_PRODUCT);

    private final SelfDescriptionStore store;

    public CatalogueDatasets(SelfDescriptionStore store) {
        this.store = store;
    }

    @Override
    public Slice slice(int offset, int limit) {
        SdSearch.Result result = store.search(new SdSearch("", KINDS, List.of(), Set.of(Lifecycle.ACTIVE), List.of(), List.of(),
                Set.of(), SdSearch.Sort.OLDEST, offset, limit));
        List<Entry> entries = result.hits().stream().map(hit -> entry(hit.sd(), hit.facets())).toList();
        return new Slice(entries, (long) offset + result.hits().size() < result.totalCount());
    }

    @Override
    public Optional<Entry> find(String id) {
        List<SelfDescription> found = store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(Lifecycle.ACTIVE),
                List.of(id), List.of(), KINDS, List.of(), 0, 1)).items();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SelfDescription sd = found.getFirst();
        SdFacets facets = store.recorded(sd.hash()).map(SelfDescriptionStore.Recorded::facets).orElse(SdFacets.NOT_RECORDED);
        return Optional.of(entry(sd, facets));
    }

    private static Entry entry(SelfDescription sd, SdFacets facets) {
        return new Entry(sd.subject(), sd.title(), facets.keywords());
    }
}
