package eu.federator.dataspace;

/**
 * One thing wrong with an input or a request, precise enough to act on.
 *
 * @param path    where: a JSON pointer into the message ({@code /offer/permission/0/action}), or empty for the whole input
 * @param message what is wrong and, where it helps, what is expected instead
 */
public record Problem(String path, String message) {

    public Problem {
        path = path == null ? "" : path;
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a message");
        }
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
