package eu.federator.credentials.testing;

import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test scaffolding: answers {@code https://HOST/PATH} from {@code fixtures/xfsc/web/HOST/PATH} (the rule in
 * fixtures/xfsc/SOURCES.md). The product's guarded fetcher and mirror live elsewhere.
 */
public final class WebMirrorFetcher implements ResourceFetcher {

    private final Path root = Fixtures.path("xfsc/web").toAbsolutePath().normalize();
    private final AtomicInteger fetches = new AtomicInteger();

    @Override
    public Fetched fetch(URI uri, String accept) throws FetchException {
        fetches.incrementAndGet();
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new FetchException(uri + ": only https URLs are in the web mirror");
        }
        Path file = root.resolve(uri.getHost() + uri.getPath()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new FetchException(uri + ": not in the web mirror");
        }
        try {
            return new Fetched(uri, "application/ld+json", Files.readAllBytes(file));
        } catch (IOException e) {
            throw new FetchException(uri + ": " + e.getMessage(), e);
        }
    }

    public int fetches() {
        return fetches.get();
    }
}
