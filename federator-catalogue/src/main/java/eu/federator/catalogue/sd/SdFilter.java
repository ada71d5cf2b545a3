package eu.federator.catalogue.sd;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The filters of {@code GET /self-descriptions} (XFSC): every non-empty filter must match; within a list any value
 * matches. With no filter at all, {@code statuses=active} is implied, as in XFSC. Ordered by status time (newest first),
 * then hash.
 *
 * @param uploadFrom  upload time at or after (inclusive), or null
 * @param uploadTo    upload time at or before (inclusive), or null
 * @param statusFrom  status time at or after, or null
 * @param statusTo    status time at or before, or null
 * @param issuers     issuer in
 * @param validators  any validator in
 * @param statuses    status in
 * @param ids         subject id in
 * @param hashes      hash in
 * @param kinds       kind in (Federator extension)
 * @param providers   provider in (Federator extension)
 * @param offset      items to skip
 * @param limit       items to return
 */
public record SdFilter(Instant uploadFrom, Instant uploadTo, Instant statusFrom, Instant statusTo, List<String> issuers,
                       List<String> validators, Set<Lifecycle> statuses, List<String> ids, List<String> hashes,
                       Set<SdKind> kinds, List<String> providers, int offset, int limit) {
    public SdFilter {
        issuers = List.copyOf(issuers);
        validators = List.copyOf(validators);
        statuses = Set.copyOf(statuses);
        ids = List.copyOf(ids);
        hashes = List.copyOf(hashes);
        kinds = Set.copyOf(kinds);
        providers = List.copyOf(providers);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** Everything active, first page. */
    public static SdFilter active(int limit) {
        return new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(Lifecycle.ACTIVE), List.of(), List.of(),
                Set.of(), List.of(), 0, limit);
    }

    public boolean noFilter() {
        return uploadFrom == null && uploadTo == null && statusFrom == null && statusTo == null && issuers.isEmpty()
                && validators.isEmpty() && statuses.isEmpty() && ids.isEmpty() && hashes.isEmpty() && kinds.isEmpty()
                && providers.isEmpty();
    }
}
