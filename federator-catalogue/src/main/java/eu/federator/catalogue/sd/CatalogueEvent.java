package eu.federator.catalogue.sd;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the ordered event log.
 *
 * @param sequence gap-free in commit order
 * @param type     what happened
 * @param hash     the self-description
 * @param status   the status it got ({@link Type#STORED}, {@link Type#STATUS}); null for {@link Type#DELETED}
 * @param at       when
 * @param origin   the self-description's origin: null for this catalogue, else the peer it came from
 */
public record CatalogueEvent(long sequence, Type type, String hash, Lifecycle status, Instant at, String origin) {
    public CatalogueEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
    }

    public enum Type {
        STORED, STATUS, DELETED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
