package eu.federator.catalogue.federation;

import eu.federator.catalogue.sd.CatalogueEvent;
import eu.federator.catalogue.sd.Lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event of a catalogue's change feed: an entry of its event log, and for {@code stored} events the self-description
 * exactly as it was submitted there.
 *
 * @param sequence    the event's position in the peer's log (gap-free there, but a feed may skip events it does not export)
 * @param type        stored, status or deleted
 * @param sdHash      SHA-256 hex of the self-description's bytes
 * @param status      the status it got; null for deleted
 * @param at          when
 * @param origin      null when the self-description was submitted to the catalogue that serves the feed, else the
 *                    catalogue it came from (only in feeds that relay)
 * @param contentType for stored events, the media type it was submitted with
 * @param content     for stored events, the submitted bytes; null when the self-description has been deleted since
 */
public record Change(long sequence, CatalogueEvent.Type type, String sdHash, Lifecycle status, Instant at, String origin,
                     String contentType, byte[] content) {
    public Change {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sdHash, "sdHash");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Change c && sequence == c.sequence && type == c.type && sdHash.equals(c.sdHash) && status == c.status
                && at.equals(c.at) && Objects.equals(origin, c.origin) && Objects.equals(contentType, c.contentType)
                && Arrays.equals(content, c.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, type, sdHash, status, at, origin, contentType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Change[" + sequence + " " + type.value() + " " + sdHash + (status == null ? "" : " " + status.value())
                + (origin == null ? "" : " from " + origin) + (content == null ? "" : ", " + content.length + " bytes") + "]";
    }
}
