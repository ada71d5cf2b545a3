package eu.federator.server.dataspace;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage.Catalog;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.compliance.ComplianceWorld.Party;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSP catalog protocol over loopback: real signed offerings submitted through the API, requesters with did:web
 * DIDs resolved from the web mirror, access policies from a policies file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DspCatalogEndpointTest {
    static final String TOKEN = "dsp-catalog-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-dsp-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static final Party ALICE = WORLD.party("alice.example.org");
    static final Party BOB = WORLD.party("bob.example.org");
    static final String BASE = "https://participant.example.org/credentials/";
    static final String OPEN_1 = BASE + "dsp-open-1.json#cs";
    static final String OPEN_2 = BASE + "dsp-open-2.json#cs";
    static final String RESTRICTED = BASE + "dsp-restricted.json#cs";
    static final String FRENCH = BASE + "dsp-french.json#cs";
    static final String REQUEST = "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"CatalogRequestMessage\"}";
    static boolean submitted;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        // the restricted dataset: only Alice may see it (and it offers use until 2030); the French one: only requesters
        // who present a legal person registered in France; the others offer the default
        Path policies = ROOT.resolve("dsp-policies.json");
        Files.writeString(policies, """
                {"datasets": {"%s": {"access": {"@id": "urn:test:french", "@type": "Offer", "permission": [{"action": "use",
                     "constraint": [{"leftOperand": "gx:countryCode", "operator": "eq", "rightOperand": "FR"}]}]}},
                  "%s": {
                  "access": {"@id": "urn:test:access", "@type": "Offer", "permission": [{"action": "use",
                     "constraint": [{"leftOperand": "participantId", "operator": "eq", "rightOperand": "%s"}]}]},
                  "offer": {"@id": "urn:test:offer", "@type": "Offer", "permission": [{"action": "use",
                     "constraint": [{"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2030-01-01T00:00:00Z", "@type": "xsd:dateTime"}}]}]}
                }}}
                """.formatted(FRENCH, RESTRICTED, ALICE.did()));
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
        registry.add("federator.dataspace.catalog-policies", policies::toString);
        registry.add("federator.dataspace.catalog-page-size", () -> "2");
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceIdentity connector;
    @Autowired
    JdbcTemplate jdbc;

    synchronized void submitOnce() throws Exception {
        if (!submitted) {
            Http admin = new Http(port, TOKEN);
            submit(admin, "dsp-open-1", cs -> cs.add("https://schema.org/name", "Open storage one")
                    .add("gx:keyword", Json.provider().createArrayBuilder().add("storage")));
            submit(admin, "dsp-open-2", cs -> cs.add("https://schema.org/name", "Open storage two")
                    .add("gx:keyword", Json.provider().createArrayBuilder().add("storage").add("backup")));
            submit(admin, "dsp-restricted", cs -> cs.add("https://schema.org/name", "Restricted analytics")
                    .add("gx:keyword", Json.provider().createArrayBuilder().add("analytics")));
            submit(admin, "dsp-french", cs -> cs.add("https://schema.org/name", "French weather")
                    .add("gx:keyword", Json.provider().createArrayBuilder().add("weather")));
            submitted = true;
        }
    }

    static void submit(Http admin, String name, Consumer<jakarta.json.JsonObjectBuilder> extra) throws Exception {
        HttpResponse<String> r = admin.post("/self-descriptions", "application/vp+jwt",
                LOIRE.offeringPresentation(name, extra).getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** A presentation signed by {@code holder} of its own LegalPerson credential, registered in {@code country}. */
    static String legalPerson(Party holder, String country) {
        return legalPersonOf(WORLD, holder, country);
    }

    static String legalPersonOf(ComplianceWorld world, Party holder, String country) {
        String host = holder.did().substring("did:web:".length());
        String vc = world.sign(ComplianceWorld.vc(holder, "https://" + host + "/legal-person.json", "LegalPerson", cs -> cs
                .add("gx:legalAddress", Json.provider().createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", country))), holder);
        return world.presentation(holder, List.of(vc));
    }

    /** A self-issued requester token as the profile describes it, with parts a test may spoil. */
    static String token(Party signer, String iss, String aud, Instant exp) throws Exception {
        return token(signer, iss, aud, exp, null);
    }

    static String token(Party signer, String iss, String aud, Instant exp, String vp) throws Exception {
        return token(signer, iss, aud, exp, vp, UUID.randomUUID().toString());
    }

    static String token(Party signer, String iss, String aud, Instant exp, String vp, String jti) throws Exception {
        String header = Json.write(Json.provider().createObjectBuilder().add("alg", "ES256").add("typ", "JWT")
                .add("kid", iss + "#key-1").build());
        var claims = Json.provider().createObjectBuilder().add("iss", iss).add("sub", iss).add("aud", aud)
                .add("iat", Instant.now().getEpochSecond()).add("exp", exp.getEpochSecond()).add("jti", jti);
        if (vp != null) {
            claims.add("vp", vp);
        }
        String payload = Json.write(claims.build());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return input + "." + JwsAlgorithms.sign("ES256", signer.key().privateKey(), input.getBytes(StandardCharsets.US_ASCII));
    }

    /** Alice presents a legal person registered in France, Bob one in Germany. */
    String token(Party requester) throws Exception {
        return token(requester, requester.did(), connector.did(), Instant.now().plus(Duration.ofMinutes(4)),
                legalPerson(requester, requester == ALICE ? "FR" : "DE"));
    }

    HttpResponse<String> catalogRequest(String authorization, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder b = new Http(port).request(pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return new Http(port).send(b.build());
    }

    /** Every page of the catalog for the requester, following rel="next". */
    List<HttpResponse<String>> allPages(Party requester) throws Exception {
        List<HttpResponse<String>> pages = new ArrayList<>();
        String next = "/dsp/catalog/request";
        while (next != null) {
            HttpResponse<String> r = catalogRequest(token(requester), next, REQUEST);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            pages.add(r);
            next = link(r, "next");
            assertThat(pages).as("pages never end").hasSizeLessThan(10);
        }
        return pages;
    }

    static String link(HttpResponse<String> r, String rel) {
        Matcher m = Pattern.compile("<([^>]+)>;\\s*rel=\"" + rel + "\"").matcher(r.headers().firstValue("Link").orElse(""));
        if (!m.find()) {
            return null;
        }
        URI uri = URI.create(m.group(1));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static List<JsonObject> datasets(List<HttpResponse<String>> pages) {
        List<JsonObject> all = new ArrayList<>();
        pages.forEach(p -> Http.json(p).getJsonArray("dataset").forEach(d -> all.add(d.asJsonObject())));
        return all;
    }

    static void assertCatalogError(HttpResponse<String> r, int status, String reasonPart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(Http.contentType(r)).startsWith("application/json");
        JsonObject error = Http.json(r);
        assertThat(error.getJsonArray("@context").getString(0)).isEqualTo(DspJson.CONTEXT);
        assertThat(error.getString("@type")).isEqualTo("CatalogError");
        assertThat(error.getString("code")).isEqualTo(String.valueOf(status));
        assertThat(error.getJsonArray("reason").toString()).contains(reasonPart);
    }

    @Test
    void theVersionDocumentNamesDsp20251AtItsPath() throws Exception {
        HttpResponse<String> r = new Http(port).get("/.well-known/dspace-version");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(r)).startsWith("application/json");
        JsonArray versions = Http.json(r).getJsonArray("protocolVersions");
        assertThat(versions).hasSize(1);
        JsonObject v = versions.getJsonObject(0);
        assertThat(v.getString("version")).isEqualTo("2025-1");
        assertThat(v.getString("path")).isEqualTo("/dsp");
        assertThat(v.getString("binding")).isEqualTo("HTTPS");
        assertThat(v.getString("serviceId")).isEqualTo(connector.did() + "#dsp");
        assertThat(v.getString("identifierType")).isEqualTo("did:web");
    }

    @Test
    void aRequesterWithAValidTokenGetsTheOfferingsAsDatasetsPagedWithLinks() throws Exception {
        submitOnce();
        List<HttpResponse<String>> pages = allPages(ALICE);
        assertThat(pages).hasSize(2); // 4 offerings, pages of 2
        assertThat(link(pages.getFirst(), "previous")).isNull();
        assertThat(link(pages.get(1), "previous")).isEqualTo("/dsp/catalog/request?offset=0");
        assertThat(link(pages.get(1), "next")).isNull();

        JsonObject first = Http.json(pages.getFirst());
        assertThat(first.getJsonArray("@context").getString(0)).isEqualTo(DspJson.CONTEXT);
        assertThat(first.getString("@type")).isEqualTo("Catalog");
        assertThat(first.getString("participantId")).isEqualTo(connector.did());
        JsonObject service = first.getJsonArray("service").getJsonObject(0);
        assertThat(service.getString("endpointURL")).isEqualTo("http://127.0.0.1:" + port + "/dsp");
        // what DSP's own reader accepts (a dataset has an offer without target and a distribution, ...)
        assertThat(DspJson.read(pages.getFirst().body().getBytes(StandardCharsets.UTF_8), Catalog.class).problems()).isEmpty();

        List<JsonObject> datasets = datasets(pages);
        assertThat(datasets).extracting(d -> d.getString("@id")).containsExactly(OPEN_1, OPEN_2, RESTRICTED, FRENCH);
        JsonObject open1 = datasets.getFirst();
        assertThat(open1.getString("dct:title")).isEqualTo("Open storage one");
        // arrays stay arrays, also with one element
        assertThat(open1.get("dcat:keyword").getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
        assertThat(open1.getJsonArray("dcat:keyword").getString(0)).isEqualTo("storage");
        assertThat(open1.get("hasPolicy").getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
        assertThat(open1.get("distribution").getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
        JsonObject offer = open1.getJsonArray("hasPolicy").getJsonObject(0);
        assertThat(offer.getString("@id")).isEqualTo(CatalogPolicies.PERMISSIVE.id());
        assertThat(offer.containsKey("target")).isFalse();
        assertThat(offer.getJsonArray("permission").getJsonObject(0).getString("action")).isEqualTo("use");
        assertThat(open1.getJsonArray("distribution").getJsonObject(0).getString("format")).isEqualTo("HttpData-PULL");
        // the configured offer of the restricted dataset
        assertThat(datasets.get(2).getJsonArray("hasPolicy").getJsonObject(0).getString("@id")).isEqualTo("urn:test:offer");

        // one dataset by id, the raw token without "Bearer" also accepted
        HttpResponse<String> one = new Http(port).send(new Http(port).request("/dsp/catalog/datasets/" + URLEncoder.encode(OPEN_2, StandardCharsets.UTF_8))
                .header("Authorization", token(ALICE)).GET().build());
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        JsonObject dataset = Http.json(one);
        assertThat(dataset.getString("@type")).isEqualTo("Dataset");
        assertThat(dataset.getString("@id")).isEqualTo(OPEN_2);
        assertThat(dataset.getJsonArray("dcat:keyword")).hasSize(2);
    }

    /** A catalog request as EDC 0.15.1 sends it: its own context after DSP's, and a paging QuerySpec as the filter. */
    static String edcRequest(String querySpec) {
        return "{\"@type\":\"CatalogRequestMessage\",\"filter\":[" + querySpec + "],"
                + "\"@context\":[\"" + DspJson.CONTEXT + "\",\"https://w3id.org/edc/dspace/v0.0.1\"]}";
    }

    @Test
    void edcsPagingQuerySpecNamesTheWindowOfTheCatalog() throws Exception {
        submitOnce();
        // EDC's default: offset 0, limit 50, no expressions: the first page (of 2 here)
        HttpResponse<String> first = catalogRequest(token(ALICE), "/dsp/catalog/request",
                edcRequest("{\"@type\":\"QuerySpec\",\"limit\":50,\"offset\":0,\"sortOrder\":\"ASC\",\"filterExpression\":[]}"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(datasets(List.of(first))).extracting(d -> d.getString("@id")).containsExactly(OPEN_1, OPEN_2);
        assertThat(link(first, "next")).isEqualTo("/dsp/catalog/request?offset=2");
        // a smaller limit and an offset: a window of one from the second offering; the Links page by that size
        HttpResponse<String> window = catalogRequest(token(ALICE), "/dsp/catalog/request",
                edcRequest("{\"@type\":\"QuerySpec\",\"limit\":1,\"offset\":1}"));
        assertThat(window.statusCode()).as(window.body()).isEqualTo(200);
        assertThat(datasets(List.of(window))).extracting(d -> d.getString("@id")).containsExactly(OPEN_2);
        assertThat(link(window, "next")).isEqualTo("/dsp/catalog/request?offset=2");
        assertThat(link(window, "previous")).isEqualTo("/dsp/catalog/request?offset=0");
        // the full IRI needs no EDC context
        assertThat(catalogRequest(token(ALICE), "/dsp/catalog/request", "{\"@context\":[\"" + DspJson.CONTEXT + "\"],"
                + "\"@type\":\"CatalogRequestMessage\",\"filter\":[{\"@type\":\"https://w3id.org/edc/v0.0.1/ns/QuerySpec\",\"limit\":1}]}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aQuerySpecThatWouldFilterOrSortIsRefused() throws Exception {
        assertCatalogError(catalogRequest(token(ALICE), "/dsp/catalog/request", edcRequest("{\"@type\":\"QuerySpec\",\"filterExpression\":"
                + "[{\"operandLeft\":\"id\",\"operator\":\"=\",\"operandRight\":\"x\"}]}")), 400, "filterExpression is not supported");
        assertCatalogError(catalogRequest(token(ALICE), "/dsp/catalog/request", edcRequest("{\"@type\":\"QuerySpec\",\"sortField\":\"id\"}")),
                400, "sortField is not supported");
        assertCatalogError(catalogRequest(token(ALICE), "/dsp/catalog/request", edcRequest("{\"@type\":\"QuerySpec\",\"limit\":0}")),
                400, "limit must be an integer of at least 1");
        assertCatalogError(catalogRequest(token(ALICE), "/dsp/catalog/request?offset=2", edcRequest("{\"@type\":\"QuerySpec\",\"offset\":1}")),
                400, "both the offset of a Link and a QuerySpec offset");
        // "QuerySpec" means EDC's only under EDC's context
        assertCatalogError(catalogRequest(token(ALICE), "/dsp/catalog/request", "{\"@context\":[\"" + DspJson.CONTEXT + "\"],"
                + "\"@type\":\"CatalogRequestMessage\",\"filter\":[{\"@type\":\"QuerySpec\",\"limit\":1}]}"), 400, "filter is not supported");
    }

    @Test
    void aDatasetWhoseAccessPolicyDeniesTheRequesterIsNeitherListedNorFound() throws Exception {
        submitOnce();
        assertThat(datasets(allPages(BOB))).extracting(d -> d.getString("@id")).containsExactly(OPEN_1, OPEN_2);
        String path = "/dsp/catalog/datasets/" + URLEncoder.encode(RESTRICTED, StandardCharsets.UTF_8);
        assertCatalogError(new Http(port, token(BOB)).get(path), 404, "no dataset " + RESTRICTED);
        assertThat(new Http(port, token(ALICE)).get(path).statusCode()).isEqualTo(200);

        // the French dataset: by the country of the legal person each presents; without a presentation the country is unknown
        String french = "/dsp/catalog/datasets/" + URLEncoder.encode(FRENCH, StandardCharsets.UTF_8);
        assertThat(new Http(port, token(ALICE)).get(french).statusCode()).isEqualTo(200);
        assertCatalogError(new Http(port, token(BOB)).get(french), 404, "no dataset " + FRENCH);
        assertThat(new Http(port, token(ALICE, ALICE.did(), connector.did(), Instant.now().plus(Duration.ofMinutes(4)))).get(french)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownDatasetIsA404CatalogError() throws Exception {
        HttpResponse<String> r = new Http(port, token(ALICE)).get("/dsp/catalog/datasets/" + URLEncoder.encode("urn:no:such", StandardCharsets.UTF_8));
        assertCatalogError(r, 404, "no dataset urn:no:such");
    }

    @Test
    void requestsWithoutAValidRequesterTokenAre401CatalogErrors() throws Exception {
        Instant soon = Instant.now().plus(Duration.ofMinutes(4));
        assertCatalogError(catalogRequest(null, "/dsp/catalog/request", REQUEST), 401, "no Authorization header");
        assertCatalogError(catalogRequest("Bearer " + token(ALICE, ALICE.did(), connector.did(), Instant.now().minus(Duration.ofMinutes(5))),
                "/dsp/catalog/request", REQUEST), 401, "expired");
        assertCatalogError(catalogRequest("Bearer " + token(ALICE, ALICE.did(), connector.did(), Instant.now().plus(Duration.ofHours(1))),
                "/dsp/catalog/request", REQUEST), 401, "minutes ahead");
        assertCatalogError(catalogRequest("Bearer " + token(ALICE, ALICE.did(), "did:web:someone-else.example.org", soon),
                "/dsp/catalog/request", REQUEST), 401, "aud must name this connector");
        // Bob signs a token that claims to be Alice's
        assertCatalogError(catalogRequest("Bearer " + token(BOB, ALICE.did(), connector.did(), soon),
                "/dsp/catalog/request", REQUEST), 401, "signature does not verify");
        assertCatalogError(catalogRequest("Bearer " + TOKEN, "/dsp/catalog/request", REQUEST), 401, "not a compact JWS");
        // Bob's presentation in Alice's token: the credentials are not hers
        assertCatalogError(catalogRequest("Bearer " + token(ALICE, ALICE.did(), connector.did(), soon, legalPerson(BOB, "FR")),
                "/dsp/catalog/request", REQUEST), 401, "not by " + ALICE.did());
        assertCatalogError(catalogRequest("Bearer " + token(ALICE, ALICE.did(), connector.did(), soon, "not-a-presentation"),
                "/dsp/catalog/request", REQUEST), 401, "presentation");
        assertCatalogError(new Http(port).get("/dsp/catalog/datasets/" + URLEncoder.encode(OPEN_1, StandardCharsets.UTF_8)), 401,
                "no Authorization header");
    }

    @Test
    void aTokenIsAcceptedOnceAndItsIdBelongsToItsIssuer() throws Exception {
        Instant soon = Instant.now().plus(Duration.ofMinutes(4));
        String jti = "urn:uuid:" + UUID.randomUUID();
        String alices = "Bearer " + token(ALICE, ALICE.did(), connector.did(), soon, legalPerson(ALICE, "FR"), jti);
        assertThat(catalogRequest(alices, "/dsp/catalog/request", REQUEST).statusCode()).isEqualTo(200);

        assertCatalogError(catalogRequest(alices, "/dsp/catalog/request", REQUEST), 401, "was used before");
        // the same id in another issuer's token is that issuer's own
        String bobs = "Bearer " + token(BOB, BOB.did(), connector.did(), soon, legalPerson(BOB, "DE"), jti);
        assertThat(catalogRequest(bobs, "/dsp/catalog/request", REQUEST).statusCode()).isEqualTo(200);
        // a token whose signature fails does not use up the id it names
        String forged = "urn:uuid:" + UUID.randomUUID();
        assertCatalogError(catalogRequest("Bearer " + token(BOB, ALICE.did(), connector.did(), soon, null, forged), "/dsp/catalog/request",
                REQUEST), 401, "signature does not verify");
        assertThat(catalogRequest("Bearer " + token(ALICE, ALICE.did(), connector.did(), soon, null, forged), "/dsp/catalog/request",
                REQUEST).statusCode()).isEqualTo(200);
        assertCatalogError(catalogRequest("Bearer " + token(ALICE, ALICE.did(), connector.did(), soon, null, "x".repeat(257)),
                "/dsp/catalog/request", REQUEST), 401, "jti is longer than 256");
    }

    @Test
    void tokenIdsAreForgottenOnceTheirTokensExpired() {
        Instant t0 = Instant.now();
        String issuer = "did:web:sweep-" + UUID.randomUUID() + ".example";
        SeenTokens seen = new SeenTokens(jdbc, Clock.fixed(t0, ZoneOffset.UTC));
        assertThat(seen.firstUse(issuer, "short-lived", t0.plusSeconds(10))).isTrue();
        assertThat(seen.firstUse(issuer, "short-lived", t0.plusSeconds(10))).as("a replay").isFalse();
        assertThat(seen.firstUse(issuer, "long-lived", t0.plusSeconds(600))).isTrue();

        // a minute later the first one's token is refused anyway (expired): its id goes, the other stays
        new SeenTokens(jdbc, Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC)).firstUse(issuer, "later", t0.plusSeconds(600));

        assertThat(jdbc.queryForList("SELECT jti FROM dsp_seen_tokens WHERE issuer = ? ORDER BY jti", String.class, issuer))
                .containsExactly("later", "long-lived");
    }

    @Test
    void malformedCatalogRequestsAre400CatalogErrors() throws Exception {
        assertCatalogError(catalogRequest("Bearer " + token(ALICE), "/dsp/catalog/request", "{not json"), 400, "not an acceptable JSON object");
        assertCatalogError(catalogRequest("Bearer " + token(ALICE), "/dsp/catalog/request",
                "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"DatasetRequestMessage\",\"dataset\":\"x\"}"), 400, "expected");
        assertCatalogError(catalogRequest("Bearer " + token(ALICE), "/dsp/catalog/request",
                "{\"@type\":\"CatalogRequestMessage\"}"), 400, "@context");
        assertCatalogError(catalogRequest("Bearer " + token(ALICE), "/dsp/catalog/request",
                "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"CatalogRequestMessage\",\"filter\":[{\"q\":1}]}"), 400, "filter is not supported");
        assertCatalogError(catalogRequest("Bearer " + token(ALICE), "/dsp/catalog/request?offset=-3", REQUEST), 400, "follow the Link headers");
    }
}
