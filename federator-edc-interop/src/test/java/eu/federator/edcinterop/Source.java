package eu.federator.edcinterop;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A data source on loopback: answers every GET with the same body (for the lifetime of the test JVM). */
public final class Source {
    private final HttpServer server;
    private final String body;

    private Source(HttpServer server, String body) {
        this.server = server;
        this.body = body;
    }

    public static Source serving(String contentType, String body) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            return new Source(server, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data";
    }

    public String body() {
        return body;
    }
}
