package eu.federator.server.cli;

import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdFilter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the {@code catalogue} commands work: in this process on a data directory, with the configuration of
 * {@code serve} but without the web server, or on a running server ({@code --url}, {@code --token}).
 */
final class CatalogueCommandOptions {
    /** Logging of the in-process catalogue: warnings only, on stderr, so that stdout carries the summary. */
    static final String CLI_LOGBACK_FILE = "eu/federator/server/cli/cli-logback.xml";
    static final String CLI_LOGGING = "classpath:" + CLI_LOGBACK_FILE;

    @Option(names = "--url", paramLabel = "URL", order = 100,
            description = "work on the running server at URL (e.g. http://127.0.0.1:8080) instead of in this process")
    URI url;

    @Option(names = "--token", paramLabel = "TOKEN", order = 101, defaultValue = "${env:FEDERATOR_TOKEN}",
            description = "with --url: bearer token (default: the environment variable FEDERATOR_TOKEN)")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", order = 102, description = "in process: the data directory, as for serve (default ./data)")
    Path dataDir;

    @Option(names = "--web-mirror", paramLabel = "DIR", order = 103,
            description = "in process: answer outbound fetches of https://HOST/PATH from DIR/HOST/PATH")
    Path webMirror;

    @Option(names = "--trust-anchors", paramLabel = "PEMFILE", order = 104, description = "in process: trusted root certificates (PEM)")
    Path trustAnchors;

    @Option(names = "--set", paramLabel = "KEY=VALUE", order = 105,
            description = "in process: any other property, as for serve, e.g. --set spring.datasource.url=jdbc:postgresql://db/federator")
    Map<String, String> properties = new LinkedHashMap<>();

    boolean remote() {
        return url != null;
    }

    /** Usage errors: options of the other mode, a bad URL, a missing token, missing directories. */
    void check() {
        if (remote()) {
            List<String> local = new ArrayList<>();
            if (dataDir != null) {
                local.add("--data-dir");
            }
            if (webMirror != null) {
                local.add("--web-mirror");
            }
            if (trustAnchors != null) {
                local.add("--trust-anchors");
            }
            if (!properties.isEmpty()) {
                local.add("--set");
            }
            if (!local.isEmpty()) {
                throw new UsageException(String.join(", ", local) + " configure the catalogue in this process; with --url the server "
                        + "uses its own configuration: leave them out, or leave out --url");
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new UsageException("--url must be an http(s) URL such as http://127.0.0.1:8080, not " + url);
            }
            if (token == null || token.isBlank()) {
                throw new UsageException("--url needs a token with the catalogue-admin role (or sd-admin for an import): "
                        + "give --token or set FEDERATOR_TOKEN");
            }
        } else {
            Files2.directory(webMirror, "--web-mirror");
            Files2.readableFile(trustAnchors, "--trust-anchors");
        }
    }

    // ------------------------------------------------------------------------------------------------ in process

    /**
     * Start the application without the web server ({@link CatalogueCommandApplication}): same properties and data
     * directory as {@code serve}.
     *
     * @throws StartFailed when it does not start (Spring has logged why)
     */
    ConfigurableApplicationContext start(PrintWriter err) {
        List<String> args = ServerArguments.of(dataDir, webMirror, trustAnchors, properties);
        err.println("Starting the catalogue in this process (data directory "
                + (dataDir != null ? dataDir.toAbsolutePath().normalize() : "from the configuration, default ./data") + ") ...");
        err.flush();
        try {
            SpringApplication application = new SpringApplication(CatalogueCommandApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            // defaults, below every other source: warnings only, on stderr (so that stdout carries the summary), without
            // Jena's notes on the recursive Gaia-X shapes that every start prints
            application.setDefaultProperties(Map.of("logging.config", CLI_LOGGING, "logging.level.org.apache.jena.shacl", "ERROR"));
            if (CLI_LOGBACK_FILE.equals(System.getProperty("logback.configurationFile"))) {
                System.clearProperty("logback.configurationFile"); // set by FederatorCommand.main; Spring Boot warns about it
            }
            return application.run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new StartFailed("the catalogue could not start" + reason(e) + ". If a server runs on this data directory, "
                    + "give its address with --url instead", e);
        }
    }

    /** The in-process catalogue did not start (exit 3). */
    static final class StartFailed extends RuntimeException {
        StartFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? "" : ": " + message;
    }

    /** Every self-description with one of these statuses (for counting: limit 0). */
    static SdFilter count(Set<Lifecycle> statuses) {
        return new SdFilter(null, null, null, null, List.of(), List.of(), statuses, List.of(), List.of(), Set.of(), List.of(), 0, 0);
    }

    // ------------------------------------------------------------------------------------------------ remote

    HttpClient client() {
        // HTTP/1.1: no h2c upgrade dance with plain-http servers
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpRequest.Builder request(String path) {
        String base = url.toString().endsWith("/") ? url.toString().substring(0, url.toString().length() - 1) : url.toString();
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token.strip());
    }

    /** Send, or fail with {@link Unreachable}. */
    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("the server at " + request.uri().resolve("/") + " could not be reached (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while waiting for " + request.uri());
        }
    }

    /** The server could not be reached, or refused the token: nothing more can be done (exit 3). */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** The answer as a JSON object, or an empty object when it is not one. */
    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonParsingException | IllegalStateException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** What an error answer says: its {@code message} (XFSC envelope) or {@code detail} (problem details), else the body. */
    static String message(HttpResponse<String> response) {
        JsonObject o = json(response.body());
        for (String key : List.of("message", "detail", "title")) {
            if (o.get(key) instanceof JsonString s && !s.getString().isBlank()) {
                return s.getString();
            }
        }
        String body = response.body() == null ? "" : response.body().strip();
        return body.isEmpty() ? "HTTP " + response.statusCode() : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** 401/403 of an administrative call: what to do about it. */
    static String refused(HttpResponse<String> response, String needs) {
        return "the server refused the token (HTTP " + response.statusCode() + ": " + message(response) + "); " + needs;
    }
}
