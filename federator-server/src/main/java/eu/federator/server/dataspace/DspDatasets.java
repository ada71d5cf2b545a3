package eu.federator.server.dataspace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the datasets of the DSP catalog come from. {@link DspCatalog} adds to each its offer (from
 * {@link CatalogPolicies}), its distribution and the access check. The default is {@link CatalogueDatasets} (the
 * catalogue's active offerings); a test harness or an operator's extension replaces the bean.
 */
public interface DspDatasets {

    /**
     * A dataset as its source describes it.
     *
     * @param id       the dataset's {@code @id}
     * @param title    its {@code dct:title}; null when it has none
     * @param keywords its {@code dcat:keyword}s
     */
    record Entry(String id, String title, List<String> keywords) {
        public Entry {
            Objects.requireNonNull(id, "id");
            keywords = List.copyOf(keywords);
        }
    }

    /**
     * @param entries the datasets of this slice
     * @param more    whether datasets follow after it
     */
    record Slice(List<Entry> entries, boolean more) {
        public Slice {
            entries = List.copyOf(entries);
        }
    }

    /**
     * At most {@code limit} datasets from {@code offset}, in an order that stays stable while datasets are added, so
     * that the catalog's pages do not shift under a requester that follows them.
     */
    Slice slice(int offset, int limit);

    /** The dataset with this id, if the source offers it. */
    Optional<Entry> find(String id);
}
