package eu.federator.server.dataspace.dataplane;

import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.GuardedApiClient.Streamed;
import eu.federator.server.dataspace.dataplane.DataSources.Source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The data plane's outbound HTTP: reading a dataset's source and pushing to a consumer's destination, both through the
 * guarded client ({@code federator.net.*} address rules, time and size limits). Failures carry two texts: one for the
 * counter-party (no source URL, header or address of the provider's network) and one for the provider's log.
 */
final class Transport {
    static final String OCTET_STREAM = "application/octet-stream";

    /** Something went wrong with a source or a destination. */
    static final class Failure extends Exception {
        private final String shown;

        Failure(String shown, String logged, Throwable cause) {
            super(logged, cause);
            this.shown = shown;
        }

        /** What the counter-party may read. */
        String shown() {
            return shown;
        }
    }

    private final GuardedApiClient sources;
    private final GuardedApiClient destinations;
    private final Duration timeout;
    private final long maxBytes;

    /**
     * @param sources      reaches the operator's sources
     * @param destinations reaches the push addresses counter-parties give
     */
    Transport(GuardedApiClient sources, GuardedApiClient destinations, Duration timeout) {
        this.sources = sources;
        this.destinations = destinations;
        this.timeout = timeout;
        this.maxBytes = sources.policy().maxBytes();
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Opens the source's body. {@code path} (already percent-encoded, without a leading slash) and {@code query} (raw)
     * are added below the source URL; empty or null for none.
     */
    Streamed open(Source source, String path, String query) throws Failure {
        String base = source.url().toString();
        String shown = source.shownUrl();
        StringBuilder target = new StringBuilder(base);
        String tail = "";
        if (path != null && !path.isEmpty()) {
            String q = source.url().getRawQuery() == null ? "" : "?" + source.url().getRawQuery();
            target.setLength(base.length() - q.length());
            if (target.charAt(target.length() - 1) != '/') {
                target.append('/');
            }
            target.append(path).append(q);
            tail = "/" + path;
        }
        if (query != null && !query.isEmpty()) {
            target.append(source.url().getRawQuery() == null ? '?' : '&').append(query);
            tail += "?" + query;
        }
        URI uri = URI.create(target.toString());
        String where = shown + tail;
        Streamed answer;
        try {
            answer = sources.stream("GET", uri, source.headers(), null, timeout);
        } catch (FetchException e) {
            String logged = e.getMessage().replace(uri.toString(), where);
            throw new Failure(timedOut(e) ? "the data source did not answer within " + seconds(timeout)
                    : "the data source could not be reached", "source " + logged, e);
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            close(answer);
            throw new Failure("the data source answered HTTP " + answer.status(), "source " + where + " answered HTTP " + answer.status(), null);
        }
        if (answer.contentLength().isPresent() && answer.contentLength().getAsLong() > maxBytes) {
            close(answer);
            String text = "the data (" + answer.contentLength().getAsLong() + " bytes) is larger than this data plane's limit of "
                    + maxBytes + " bytes";
            throw new Failure(text, "source " + where + ": " + text, null);
        }
        return answer;
    }

    /** The Content-Type to serve: the configured one, else the source's, else {@value #OCTET_STREAM}. */
    static String contentType(Source source, Streamed answer) {
        return source.contentType() != null ? source.contentType() : answer.header("content-type").orElse(OCTET_STREAM);
    }

    /**
     * Reads the source and POSTs it to the destination. {@code opened} receives the source's answer as soon as it is
     * open, so that a cancellation can close it.
     */
    void push(Source source, Destination destination, Consumer<Streamed> opened) throws Failure {
        try (Streamed in = open(source, null, null)) {
            opened.accept(in);
            Map<String, String> headers = new LinkedHashMap<>(destination.headers());
            headers.put("Content-Type", contentType(source, in));
            InputStream body = in.body();
            HttpRequest.BodyPublisher publisher = in.contentLength().isPresent()
                    ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), in.contentLength().getAsLong())
                    : HttpRequest.BodyPublishers.ofInputStream(() -> body);
            Streamed out;
            try {
                out = destinations.stream("POST", destination.endpoint(), headers, publisher, timeout);
            } catch (FetchException e) {
                String text = "push to " + destination.endpoint() + " failed: " + rootMessage(e);
                throw new Failure(text, text, e);
            }
            close(out);
            if (out.status() < 200 || out.status() >= 300) {
                String text = "the destination " + destination.endpoint() + " answered HTTP " + out.status();
                throw new Failure(text, text, null);
            }
        } catch (IOException e) {
            // closing the source failed: the push itself is done
        }
    }

    /** What a failed exchange comes down to, without the exception class names. */
    private static String rootMessage(FetchException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (timedOut(e)) {
            return "no complete exchange within the time limit";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static boolean timedOut(FetchException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static void close(Streamed answer) {
        try {
            answer.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }
}
