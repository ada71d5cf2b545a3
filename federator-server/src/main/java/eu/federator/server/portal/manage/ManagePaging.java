package eu.federator.server.portal.manage;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Page numbers of the administration's lists. */
final class ManagePaging {
    private ManagePaging() {
    }

    static void check(int page) {
        if (page < 1 || page > 100_000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be between 1 and 100000");
        }
    }

    static long pages(long total, int size) {
        return Math.max(1, (total + size - 1) / size);
    }
}
