package eu.federator.catalogue.federation;

import eu.federator.catalogue.sd.CatalogueEvent;
import eu.federator.catalogue.sd.SelfDescriptionStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What this catalogue tells its peers: its event log in sequence order, with the submitted bytes of stored
 * self-descriptions. By default only its own events are exported (origin null): what it federated from elsewhere is the
 * other catalogue's to tell, so that two catalogues following each other do not echo each other's data. Relaying
 * foreign-origin events is an operator's choice ({@code relay}); their origin then travels with them, and subscribers
 * drop what originated with themselves.
 */
public final class ChangeFeed {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** Contents are read a few at a time so that a page never holds more than about {@code maxContentBytes}. */
    private static final int CONTENT_CHUNK = 16;

    private final SelfDescriptionStore store;
    private final String catalogue;
    private final boolean relay;
    private final long maxContentBytes;

    /**
     * @param catalogue       this catalogue's id (base URL), or null when none is configured
     * @param relay           also export events of self-descriptions federated from other catalogues
     * @param maxContentBytes a page stops after the event whose content reaches this many bytes (at least one event is
     *                        always sent, however large)
     */
    public ChangeFeed(SelfDescriptionStore store, String catalogue, boolean relay, long maxContentBytes) {
        this.store = Objects.requireNonNull(store);
        this.catalogue = catalogue == null ? null : CatalogueUrls.normalize(catalogue);
        this.relay = relay;
        if (maxContentBytes <= 0) {
            throw new IllegalArgumentException("maxContentBytes must be positive");
        }
        this.maxContentBytes = maxContentBytes;
    }

    public String catalogue() {
        return catalogue;
    }

    public boolean relays() {
        return relay;
    }

    /**
     * The exported events after {@code after}, at most {@code limit} of them looked at.
     *
     * @throws IllegalArgumentException when {@code after} is negative or {@code limit} is not between 1 and {@link #MAX_LIMIT}
     */
    public ChangePage page(long after, int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("after must be 0 or a sequence number, not " + after);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        List<CatalogueEvent> scanned = store.events(after, limit);
        long head = store.lastSequence(); // read after the events: sequence order is commit order, so head >= every event read
        List<CatalogueEvent> exported = scanned.stream().filter(e -> relay || e.origin() == null).toList();
        List<Change> changes = new ArrayList<>();
        long bytes = 0;
        boolean cut = false;
        for (int i = 0; i < exported.size() && !cut; i += CONTENT_CHUNK) {
            List<CatalogueEvent> chunk = exported.subList(i, Math.min(exported.size(), i + CONTENT_CHUNK));
            Map<String, SelfDescriptionStore.Content> contents = store.contents(chunk.stream()
                    .filter(e -> e.type() == CatalogueEvent.Type.STORED).map(CatalogueEvent::hash).distinct().toList());
            for (CatalogueEvent e : chunk) {
                SelfDescriptionStore.Content content = e.type() == CatalogueEvent.Type.STORED ? contents.get(e.hash()) : null;
                changes.add(new Change(e.sequence(), e.type(), e.hash().strip(), e.status(), e.at(), e.origin(),
                        content == null ? null : content.contentType(), content == null ? null : content.bytes()));
                bytes += content == null ? 0 : content.bytes().length;
                if (bytes >= maxContentBytes) {
                    cut = true;
                    break;
                }
            }
        }
        long last;
        boolean more;
        if (cut) {
            last = changes.getLast().sequence();
            more = true;
        } else {
            last = scanned.isEmpty() ? after : scanned.getLast().sequence();
            more = scanned.size() == limit;
        }
        return new ChangePage(catalogue, last, head, more, changes);
    }
}
