package eu.federator.edcinterop;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP endpoint on loopback that keeps what is POSTed or PUT to it (a push transfer's destination). */
public final class Sink implements AutoCloseable {
    public record Received(String method, String path, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public Sink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What arrived; waits for the first arrival (a push may come a moment after the transfer completed), at most a minute. */
    public List<Received> received() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        while (received.isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        if (received.isEmpty()) {
            throw new AssertionError("nothing arrived at the sink");
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
