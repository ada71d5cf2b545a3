package eu.federator.server.dataspace.dataplane;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.server.config.ConfigurationError;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the provider's data comes from, per dataset id, from the operator's file ({@code federator.dataspace.data-sources}):
 * <pre>{"DATASET ID": {"url": "https://...", "headers": {"NAME": "VALUE"}, "contentType": "text/csv",
 *                  "proxyPath": false, "proxyQuery": false}}</pre>
 * The dataset id is the DSP dataset's {@code @id} (for a catalogue offering: its credential subject). Only {@code url}
 * is required. {@code ${NAME}} in the URL or a header value is replaced by the environment variable {@code NAME} when the
 * file is read, so that secrets stay out of the file; a variable that is not set stops the start. The file is read at
 * startup; every problem is reported with its place.
 */
public final class DataSources {
    /** {@code ${NAME}}: a POSIX-style environment variable name. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the HTTP client sets itself (the JDK refuses them) or that would change the exchange. */
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
    private static final Set<String> KEYS = Set.of("url", "headers", "contentType", "proxyPath", "proxyQuery");

    /**
     * One dataset's source.
     *
     * @param url         where the data is (variables replaced)
     * @param shownUrl    the URL as written in the file (variables not replaced): for messages and logs
     * @param headers     sent with every request to the source (variables replaced); never shown
     * @param contentType the Content-Type served; null: the source's
     * @param proxyPath   a pull may add path segments below {@code url} ({@code /dataplane/pull/{id}/more/path})
     * @param proxyQuery  a pull may add a query string
     */
    public record Source(URI url, String shownUrl, Map<String, String> headers, String contentType, boolean proxyPath,
                         boolean proxyQuery) {
        public Source {
            headers = Map.copyOf(headers);
        }

        @Override
        public String toString() {
            return "Source[" + shownUrl + ", headers " + headers.keySet() + "]";
        }
    }

    public static final DataSources NONE = new DataSources(Map.of());

    private final Map<String, Source> byDataset;

    public DataSources(Map<String, Source> byDataset) {
        this.byDataset = Map.copyOf(byDataset);
    }

    public Optional<Source> find(String datasetId) {
        return Optional.ofNullable(byDataset.get(datasetId));
    }

    public int size() {
        return byDataset.size();
    }

    /** Reads the file, replacing variables from the process environment. */
    public static DataSources load(Path file) {
        return load(file, System::getenv);
    }

    /** Reads the file; {@code environment} gives a variable's value or null. */
    public static DataSources load(Path file, Function<String, String> environment) {
        if (file == null) {
            return NONE;
        }
        String what = "federator.dataspace.data-sources: " + file;
        JsonObject json;
        try {
            json = Json.parseObject(Files.readAllBytes(file), DspJson.LIMITS);
        } catch (IOException e) {
            throw new ConfigurationError(what + " cannot be read: " + e.getMessage(),
                    "Set FEDERATOR_DATASPACE_DATA_SOURCES to a readable JSON file, or remove the setting.");
        } catch (JsonSyntaxException e) {
            throw new ConfigurationError(what + " is not a JSON object: " + e.getMessage(), "Fix the file (see docs/dataspace.md, Data plane).");
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        json.forEach((id, value) -> {
            String path = "/" + id.replace("~", "~0").replace("/", "~1");
            if (id.isBlank()) {
                problems.add(new Problem(path, "the dataset id is empty"));
            }
            source(value, path, environment, problems).ifPresent(s -> sources.put(id, s));
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationError(what + " has problems: " + problems, "Fix them (see docs/dataspace.md, Data plane).");
        }
        return new DataSources(sources);
    }

    private static Optional<Source> source(JsonValue value, String path, Function<String, String> environment, List<Problem> problems) {
        if (!(value instanceof JsonObject object)) {
            problems.add(new Problem(path, "must be an object {\"url\": ..., \"headers\": {...}, \"contentType\": ...}"));
            return Optional.empty();
        }
        int before = problems.size();
        object.keySet().stream().filter(k -> !KEYS.contains(k))
                .forEach(k -> problems.add(new Problem(path + "/" + k, "unknown property: a source has " + String.join(", ", KEYS.stream().sorted().toList()))));
        String shownUrl = string(object, "url", path, problems, true);
        URI url = null;
        if (shownUrl != null) {
            String expanded = expand(shownUrl, path + "/url", environment, problems);
            if (expanded != null) {
                url = url(expanded, path + "/url", problems);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonValue headerValue = object.get("headers");
        if (headerValue instanceof JsonObject headerObject) {
            headerObject.forEach((name, v) -> {
                String at = path + "/headers/" + name.replace("~", "~0").replace("/", "~1");
                if (!TOKEN.matcher(name).matches()) {
                    problems.add(new Problem(at, "not a valid header name"));
                } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(new Problem(at, "this header is set by the HTTP client and cannot be configured"));
                } else if (!(v instanceof JsonString s)) {
                    problems.add(new Problem(at, "must be a string"));
                } else {
                    String expanded = expand(s.getString(), at, environment, problems);
                    if (expanded != null && expanded.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                        // only the place is named: the value may be a secret
                        problems.add(new Problem(at, "the value contains a line break or NUL"));
                    } else if (expanded != null) {
                        headers.put(name, expanded);
                    }
                }
            });
        } else if (headerValue != null) {
            problems.add(new Problem(path + "/headers", "must be an object from header name to value"));
        }
        String contentType = string(object, "contentType", path, problems, false);
        if (contentType != null && (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20))) {
            problems.add(new Problem(path + "/contentType", "not a media type, e.g. text/csv"));
        }
        boolean proxyPath = bool(object, "proxyPath", path, problems);
        boolean proxyQuery = bool(object, "proxyQuery", path, problems);
        if (problems.size() > before || url == null) {
            return Optional.empty();
        }
        return Optional.of(new Source(url, shownUrl, headers, contentType, proxyPath, proxyQuery));
    }

    private static String string(JsonObject object, String key, String path, List<Problem> problems, boolean required) {
        JsonValue v = object.get(key);
        if (v == null) {
            if (required) {
                problems.add(new Problem(path + "/" + key, "missing"));
            }
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        problems.add(new Problem(path + "/" + key, "must be a string"));
        return null;
    }

    private static boolean bool(JsonObject object, String key, String path, List<Problem> problems) {
        JsonValue v = object.get(key);
        if (v == null || v == JsonValue.FALSE) {
            return false;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        problems.add(new Problem(path + "/" + key, "must be true or false"));
        return false;
    }

    /** Replaces every {@code ${NAME}}; a variable that is not set is a problem (its name is shown, never a value). */
    static String expand(String text, String path, Function<String, String> environment, List<Problem> problems) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                problems.add(new Problem(path, "environment variable " + m.group(1) + " is not set"));
                ok = false;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (ok && out.indexOf("${") >= 0) {
            problems.add(new Problem(path, "\"${\" must be followed by a variable name and \"}\", e.g. ${SOURCE_API_KEY}"));
            return null;
        }
        return ok ? out.toString() : null;
    }

    private static URI url(String text, String path, List<Problem> problems) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                problems.add(new Problem(path, "must be an absolute http(s) URL with a host"));
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                problems.add(new Problem(path, "user info in the URL is not allowed: put credentials in a header"));
                return null;
            }
            if (uri.getRawFragment() != null) {
                problems.add(new Problem(path, "a URL with a fragment (#...) cannot be fetched"));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(new Problem(path, "not a URL: " + e.getReason()));
            return null;
        }
    }
}
