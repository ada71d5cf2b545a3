package eu.federator.dataspace;

import java.util.Objects;

/**
 * The answer to a protocol message: the value, or a refusal with the HTTP status the protocol prescribes (400 for an
 * invalid message or transition, 404 for an unknown process or one the requester may not see).
 */
public sealed interface Reply<T> {

    static <T> Reply<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Reply<T> invalid(String reason) {
        return new Refused<>(400, reason);
    }

    static <T> Reply<T> notFound(String reason) {
        return new Refused<>(404, reason);
    }

    record Ok<T>(T value) implements Reply<T> {
    }

    record Refused<T>(int status, String reason) implements Reply<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
