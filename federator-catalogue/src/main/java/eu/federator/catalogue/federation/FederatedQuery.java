package eu.federator.catalogue.federation;

import eu.federator.catalogue.query.PreparedQuery;
import eu.federator.catalogue.query.QueryOutcome;
import eu.federator.catalogue.query.QueryParameters;
import eu.federator.catalogue.query.QueryRejectedException;
import eu.federator.catalogue.query.ResultFormats;
import eu.federator.catalogue.query.SparqlQueries;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.GuardedApiClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * XFSC {@code POST /query/search}: the statement runs on this catalogue's graph and on each partner catalogue's
 * {@code /query/search} at the same time, and the answers are merged.
 *
 * <p><b>Loop prevention</b> (as XFSC): {@code servers} lists the catalogues that already have the query. A catalogue
 * forwards only to partners not in it, after adding itself and all its partners, so every catalogue answers once
 * however the partners are wired (A⇄B, A→B→C→A, diamonds).
 *
 * <p><b>Answers</b> (as XFSC): the catalogue the client asked (empty {@code servers}) answers
 * {@code {"totalCount", "items"}} with every item of every catalogue; Federator marks each item with {@code "@catalogue"}
 * (never a SPARQL variable name) and lists every catalogue's total or error under {@code "catalogues"}. A catalogue
 * asked by another answers one block per catalogue, {@code {"totalCount", "items": [{"server", "total", "items"}]}}, with
 * {@code "error"} in the block of a partner that failed. A partner that fails or does not answer in time is reported,
 * never a failure of the whole query.
 */
public final class FederatedQuery implements AutoCloseable {
    /** The key that names an item's catalogue in a merged answer. */
    public static final String CATALOGUE_KEY = "@catalogue";
    /** How much longer than the query's timeout a partner may take to answer (network, its own fan-out). */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final SparqlQueries queries;
    private final GuardedApiClient client;
    private final String self;
    private final List<Partner> partners;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param url   the partner's base URL; its endpoint is {@code <url>/query/search}
     * @param token a bearer token it accepts, or null (catalogue reads are public by default)
     */
    public record Partner(String url, String token) {
        public Partner {
            url = CatalogueUrls.normalize(url);
            token = token == null || token.isBlank() ? null : token.strip();
        }

        @Override
        public String toString() {
            return "Partner[" + url + (token == null ? "" : ", token set") + "]";
        }
    }

    /**
     * XFSC {@code AnnotatedStatement}.
     *
     * @param parameters     variable bindings as in {@code POST /query}, or null
     * @param servers        the catalogues that have the query already (empty: asked by a client, this one merges)
     * @param timeout        the query's timeout, null for the default
     * @param withTotalCount count all solutions, not only those returned
     */
    public record Request(String statement, JsonObject parameters, List<String> servers, Duration timeout, boolean withTotalCount) {
        public Request {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }

        public boolean originator() {
            return servers.isEmpty();
        }
    }

    /**
     * @param self this catalogue's id (base URL); required when there are partners, so that they do not ask it back
     * @throws IllegalArgumentException when there are partners but no id, or a partner is this catalogue
     */
    public FederatedQuery(SparqlQueries queries, GuardedApiClient client, String self, List<Partner> partners) {
        this.queries = Objects.requireNonNull(queries);
        this.client = Objects.requireNonNull(client);
        this.self = self == null ? null : CatalogueUrls.normalize(self);
        Map<String, Partner> byUrl = new LinkedHashMap<>();
        partners.forEach(p -> byUrl.putIfAbsent(p.url(), p));
        this.partners = List.copyOf(byUrl.values());
        if (!this.partners.isEmpty() && this.self == null) {
            throw new IllegalArgumentException("a catalogue with partners needs its own id (base URL) for loop prevention");
        }
        if (this.partners.stream().anyMatch(p -> p.url().equals(this.self))) {
            throw new IllegalArgumentException("a partner is this catalogue itself (" + this.self + ")");
        }
    }

    public List<Partner> partners() {
        return partners;
    }

    /** One catalogue's part of the answer: its items, or why there are none. */
    record Block(String server, long total, List<JsonValue> items, String error) {
    }

    /**
     * Runs the search. The statement is checked (read-only, parameters) before anything is forwarded.
     *
     * @throws QueryRejectedException                                  when the statement is not an allowed SELECT or ASK
     * @throws eu.federator.catalogue.query.QueryTimeoutException     when the local query does not finish in time
     * @throws eu.federator.catalogue.graph.GraphStoreException       when the local graph is unavailable
     */
    public JsonObject search(Request request) {
        PreparedQuery prepared = queries.prepare(request.statement(),
                request.parameters() == null ? Map.of() : QueryParameters.fromJson(request.parameters()));
        if (prepared.kind() != PreparedQuery.Kind.SELECT && prepared.kind() != PreparedQuery.Kind.ASK) {
            throw new QueryRejectedException(QueryRejectedException.Reason.SYNTAX, "/query/search merges rows of several catalogues: "
                    + "use a SELECT or ASK query (" + prepared.kind() + " results are graphs; ask each catalogue's /query for them)");
        }
        Duration timeout = queries.timeout(request.timeout());

        Set<String> visited = new LinkedHashSet<>();
        request.servers().forEach(s -> visited.add(CatalogueUrls.normalizeLenient(s)));
        if (self != null) {
            visited.add(self);
        }
        List<Partner> targets = partners.stream().filter(p -> !visited.contains(p.url())).toList();
        Set<String> route = new LinkedHashSet<>(visited);
        partners.forEach(p -> route.add(p.url()));
        byte[] forwarded = forwarded(request, route, timeout);

        long start = System.nanoTime();
        Map<Partner, Future<List<Block>>> calls = new LinkedHashMap<>();
        for (Partner p : targets) {
            calls.put(p, executor.submit(() -> ask(p, forwarded, timeout.plus(GRACE))));
        }
        List<Block> blocks = new ArrayList<>();
        try {
            QueryOutcome outcome = queries.execute(prepared, timeout, request.withTotalCount());
            JsonObject local = parse(ResultFormats.write(outcome, ResultFormats.XFSC_JSON));
            blocks.add(new Block(self, local.getJsonNumber("totalCount").longValue(), local.getJsonArray("items"), null));
        } catch (RuntimeException e) {
            calls.values().forEach(f -> f.cancel(true));
            throw e;
        }
        long deadline = start + timeout.plus(GRACE).toNanos();
        Set<String> answered = new LinkedHashSet<>();
        if (self != null) {
            answered.add(self);
        }
        for (Map.Entry<Partner, Future<List<Block>>> call : calls.entrySet()) {
            List<Block> answer;
            try {
                answer = call.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                call.getValue().cancel(true);
                answer = List.of(failed(call.getKey(), "no answer within " + timeout.plus(GRACE).toMillis() + " ms"));
            } catch (ExecutionException e) {
                answer = List.of(failed(call.getKey(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            } catch (CancellationException e) {
                answer = List.of(failed(call.getKey(), "cancelled"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                calls.values().forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while waiting for partner catalogues", e);
            }
            for (Block b : answer) {
                if (b.server() == null || answered.add(b.server())) {
                    blocks.add(b); // a catalogue reachable over two partners answers once
                }
            }
        }
        return request.originator() ? merged(blocks) : perCatalogue(blocks);
    }

    private static Block failed(Partner p, String why) {
        return new Block(p.url(), 0, List.of(), why);
    }

    private byte[] forwarded(Request request, Set<String> route, Duration timeout) {
        JsonArrayBuilder servers = Json.provider().createArrayBuilder();
        route.forEach(servers::add);
        JsonObjectBuilder body = Json.provider().createObjectBuilder().add("statement", request.statement());
        if (request.parameters() != null) {
            body.add("parameters", request.parameters());
        }
        body.add("servers", servers).add("annotations", Json.provider().createObjectBuilder().add("queryLanguage", "SPARQL")
                .add("timeout", Math.max(1, timeout.toSeconds())).add("withTotalCount", request.withTotalCount()));
        return Json.write(body.build()).getBytes(StandardCharsets.UTF_8);
    }

    /** One partner's blocks (its own and those of its partners). */
    private List<Block> ask(Partner partner, byte[] body, Duration timeout) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (partner.token() != null) {
            headers.put("Authorization", "Bearer " + partner.token());
        }
        GuardedApiClient.Response response;
        try {
            response = client.send("POST", URI.create(partner.url() + "/query/search"), headers, body, timeout);
        } catch (FetchException e) {
            return List.of(failed(partner, e.getMessage()));
        }
        if (response.status() != 200) {
            return List.of(failed(partner, "HTTP " + response.status() + errorMessage(response)));
        }
        JsonObject answer;
        try {
            answer = Json.parseObject(response.body(), new JsonLimits(client.policy().maxBytes(), 200));
        } catch (JsonSyntaxException e) {
            return List.of(failed(partner, "the answer is not JSON: " + e.getMessage()));
        }
        if (!(answer.get("items") instanceof JsonArray items)) {
            return List.of(failed(partner, "the answer has no \"items\" array"));
        }
        boolean perCatalogue = !items.isEmpty() && items.stream().allMatch(v -> v instanceof JsonObject o
                && o.get("server") instanceof JsonString && o.get("items") instanceof JsonArray);
        if (!perCatalogue) {
            return List.of(new Block(partner.url(), answer.get("totalCount") instanceof JsonNumber n ? n.longValue() : items.size(), items, null));
        }
        List<Block> blocks = new ArrayList<>();
        for (JsonValue v : items) {
            JsonObject o = v.asJsonObject();
            String server = CatalogueUrls.normalizeLenient(o.getString("server"));
            String error = o.get("error") instanceof JsonString s ? s.getString() : null;
            long total = o.get("total") instanceof JsonNumber n ? n.longValue() : o.getJsonArray("items").size();
            blocks.add(new Block(server, error == null ? total : 0, o.getJsonArray("items"), error));
        }
        return blocks;
    }

    private static String errorMessage(GuardedApiClient.Response response) {
        try {
            JsonObject error = Json.parseObject(response.body(), JsonLimits.defaults());
            if (error.get("message") instanceof JsonString m) {
                return ": " + m.getString();
            }
            if (error.get("detail") instanceof JsonString d) {
                return ": " + d.getString();
            }
        } catch (JsonSyntaxException e) {
            // not an error envelope: the status says enough
        }
        return "";
    }

    /** The client's answer: every item, each marked with its catalogue; every catalogue's total or error. */
    private static JsonObject merged(List<Block> blocks) {
        JsonArrayBuilder items = Json.provider().createArrayBuilder();
        JsonArrayBuilder catalogues = Json.provider().createArrayBuilder();
        long total = 0;
        for (Block b : blocks) {
            JsonObjectBuilder summary = Json.provider().createObjectBuilder();
            nullable(summary, "catalogue", b.server());
            if (b.error() != null) {
                catalogues.add(summary.add("error", b.error()));
                continue;
            }
            total += b.total();
            catalogues.add(summary.add("totalCount", b.total()).add("items", b.items().size()));
            for (JsonValue item : b.items()) {
                if (item instanceof JsonObject o && b.server() != null) {
                    items.add(Json.provider().createObjectBuilder(o).add(CATALOGUE_KEY, b.server()));
                } else {
                    items.add(item);
                }
            }
        }
        return Json.provider().createObjectBuilder().add("totalCount", total).add("items", items).add("catalogues", catalogues).build();
    }

    /** A forwarding catalogue's answer: one XFSC block per catalogue. */
    private static JsonObject perCatalogue(List<Block> blocks) {
        JsonArrayBuilder items = Json.provider().createArrayBuilder();
        long total = 0;
        for (Block b : blocks) {
            JsonArrayBuilder blockItems = Json.provider().createArrayBuilder();
            b.items().forEach(blockItems::add);
            JsonObjectBuilder block = Json.provider().createObjectBuilder();
            nullable(block, "server", b.server());
            block.add("total", b.total()).add("items", blockItems);
            if (b.error() != null) {
                block.add("error", b.error());
            }
            items.add(block);
            total += b.total();
        }
        return Json.provider().createObjectBuilder().add("totalCount", total).add("items", items).build();
    }

    private static JsonObject parse(byte[] json) {
        try {
            return Json.parseObject(json, new JsonLimits(Math.max(1, json.length), JsonLimits.MAX_DEPTH));
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("the local query result is not JSON: " + e.getMessage(), e);
        }
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
