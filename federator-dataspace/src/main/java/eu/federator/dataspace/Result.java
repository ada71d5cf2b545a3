package eu.federator.dataspace;

import java.util.List;
import java.util.function.Function;

/**
 * The outcome of an operation that can fail for reasons the caller must see (malformed messages, refused transitions,
 * stale updates): a value, or every problem found. Crosses module boundaries instead of exceptions.
 */
public sealed interface Result<T> {

    static <T> Result<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Result<T> failure(List<Problem> problems) {
        return new Failure<>(problems);
    }

    static <T> Result<T> failure(String path, String message) {
        return new Failure<>(List.of(new Problem(path, message)));
    }

    static <T> Result<T> failure(String message) {
        return failure("", message);
    }

    boolean succeeded();

    /** The value; throws {@link IllegalStateException} (naming the problems) on a failure, for callers that checked. */
    T value();

    /** The problems; empty on success. */
    List<Problem> problems();

    default <R> Result<R> map(Function<T, R> f) {
        return this instanceof Success<T>(T v) ? new Success<>(f.apply(v)) : new Failure<>(problems());
    }

    default <R> Result<R> flatMap(Function<T, Result<R>> f) {
        return this instanceof Success<T>(T v) ? f.apply(v) : new Failure<>(problems());
    }

    record Success<T>(T value) implements Result<T> {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public List<Problem> problems() {
            return List.of();
        }
    }

    record Failure<T>(List<Problem> problems) implements Result<T> {
        public Failure {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a failure needs at least one problem");
            }
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("no value: " + problems);
        }
    }
}
