package eu.federator.catalogue.federation;

import eu.federator.catalogue.ingest.IngestException;

import java.time.Instant;
import java.util.List;

/**
 * An event of a peer's feed this catalogue refused.
 *
 * @param peer     the peer's URL
 * @param sequence the event in the peer's feed
 * @param sdHash   the self-description
 * @param reason   the {@link IngestException.Reason}, or {@code HASH_MISMATCH} (the content is not what its hash says),
 *                 or {@code ERROR} (processing failed repeatedly for another reason)
 * @param message  why, as the pipeline said it
 * @param problems each failed check
 * @param at       when it was refused
 */
public record Rejection(String peer, long sequence, String sdHash, String reason, String message, List<IngestException.Problem> problems,
                        Instant at) {
    public Rejection {
        problems = List.copyOf(problems);
    }
}
