package eu.federator.catalogue.federation;

import java.util.Locale;

/** What the subscriber did with one event of a peer's feed (one counter per outcome in {@link FederationState}). */
public enum Outcome {
    /** Verified by the full ingest pipeline and stored, with the peer (or the relayed origin) as origin. */
    STORED,
    /** The same bytes are stored here already: nothing to do (this is what makes replays harmless). */
    PRESENT,
    /** Our copy from that origin was revoked. */
    REVOKED,
    /** Our copy from that origin reached its end of life here too. */
    EXPIRED,
    /** Our copy from that origin was deleted. */
    DELETED,
    /** Not applicable here: our own origin, a relayed event not accepted from this peer, a copy we do not hold, deprecated. */
    IGNORED,
    /** Refused by the ingest pipeline (or its content did not match its hash): recorded, not stored. */
    REJECTED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
