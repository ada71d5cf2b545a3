package eu.federator.server.catalogue;

import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdKind;
import org.springframework.http.HttpStatus;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Query parameters the catalogue endpoints share, parsed with XFSC-envelope errors that say what is accepted. */
public final class CatalogueParameters {
    private CatalogueParameters() {
    }

    /** A comma-separated list parameter without blanks (null: empty). */
    public static List<String> values(List<String> list) {
        return list == null ? List.of() : list.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static Set<SdKind> kinds(List<String> list) {
        Set<SdKind> kinds = EnumSet.noneOf(SdKind.class);
        for (String k : values(list)) {
            kinds.add(SdKind.parse(k).orElseThrow(() -> badRequest("unknown kind '" + k
                    + "': use participant, service-offering, resource, data-product or other")));
        }
        return kinds;
    }

    public static Set<Lifecycle> statuses(List<String> list) {
        Set<Lifecycle> statuses = EnumSet.noneOf(Lifecycle.class);
        for (String s : values(list)) {
            statuses.add(Lifecycle.parse(s).orElseThrow(() -> badRequest("unknown status '" + s + "': use active, deprecated, revoked or eol")));
        }
        return statuses;
    }

    /** 400 unless 0 <= offset and 0 <= limit <= max. */
    public static void page(int offset, int limit, int max) {
        if (offset < 0) {
            throw badRequest("offset must be 0 or more, not " + offset);
        }
        if (limit < 0 || limit > max) {
            throw badRequest("limit must be between 0 and " + max + ", not " + limit);
        }
    }

    public static CatalogueException badRequest(String message) {
        return new CatalogueException(HttpStatus.BAD_REQUEST, "client_error", message);
    }
}
