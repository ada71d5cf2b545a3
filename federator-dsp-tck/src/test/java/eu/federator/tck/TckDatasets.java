package eu.federator.tck;

import eu.federator.server.dataspace.DspDatasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The datasets the TCK asks for: the catalog tests' and those the negotiation tests request. Nothing else. */
final class TckDatasets implements DspDatasets {
    private final List<Entry> entries;

    TckDatasets() {
        List<Entry> all = new ArrayList<>();
        TckIds.CATALOG_DATASETS.forEach(id -> all.add(new Entry(id, "TCK dataset " + id, List.of("tck"))));
        TckIds.negotiationDatasets().forEach(id -> all.add(new Entry(id, "TCK dataset " + id, List.of("tck"))));
        this.entries = List.copyOf(all);
    }

    @Override
    public Slice slice(int offset, int limit) {
        int from = Math.min(offset, entries.size());
        int to = (int) Math.min((long) from + limit, entries.size());
        return new Slice(entries.subList(from, to), to < entries.size());
    }

    @Override
    public Optional<Entry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
