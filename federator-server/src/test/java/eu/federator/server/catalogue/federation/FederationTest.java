package eu.federator.server.catalogue.federation;

import eu.federator.catalogue.federation.FederationSubscriber;
import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.FederatorApplication;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two catalogues on loopback, each a whole server (own data directory, embedded PostgreSQL, port), federating with
 * real Gaia-X Loire presentations of {@link ComplianceWorld}:
 * <ul>
 *   <li>A follows B; B follows A (A⇄B). B relays what it federated (so A sees its own self-descriptions come back and
 *   must drop them); A exports only its own.</li>
 *   <li>B is relaxed ({@code verify-schema=false}), A strict: what only B accepts is rejected and recorded in A.</li>
 *   <li>A's partner for {@code /query/search} is B.</li>
 * </ul>
 * Background polling is set to an hour; the test drives each subscriber with {@link FederationSubscriber#syncNow()}, so
 * nothing depends on timing. The methods run in order and build on each other.
 * <p>Test ports are taken free just before the servers start, because each catalogue must know the other's URL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class FederationTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-federation-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static final List<String> PARTICIPANT_CREDENTIALS = List.of(WORLD.sign(LOIRE.legalPerson(cs -> { }), LOIRE.participant),
            WORLD.sign(LOIRE.registrationNumber(LOIRE.notary), LOIRE.notary),
            WORLD.sign(LOIRE.issuer(ComplianceWorld.ACCEPTED_HASH), LOIRE.participant));

    /** What A presents to read B's feed, and B to read A's: each catalogue's peer token for the other. */
    static final String A_READS_B = "peer-token-a-reads-b-0123456789abcdef";
    static final String B_READS_A = "peer-token-b-reads-a-0123456789abcdef";

    static Node a;
    static Node b;

    /** One running catalogue. */
    static final class Node {
        final String name;
        final int port;
        final String admin;
        final List<String> args;
        ConfigurableApplicationContext context;

        Node(String name, int port, List<String> args) {
            this.name = name;
            this.port = port;
            this.admin = "admin-token-of-" + name + "-0123456789abcdef";
            this.args = new ArrayList<>(args);
            this.args.add("--federator.security.admin-token=" + admin);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        void start() {
            context = new SpringApplicationBuilder(FederatorApplication.class).run(args.toArray(String[]::new));
        }

        void stop() {
            if (context != null) {
                context.close();
                context = null;
            }
        }

        Http admin() {
            return new Http(port, admin);
        }

        Http anonymous() {
            return new Http(port);
        }

        Http withToken(String token) {
            return new Http(port, token);
        }

        List<FederationSubscriber.Sync> sync() {
            return context.getBean(FederationSubscriber.class).syncNow();
        }

        void syncOk() {
            assertThat(sync()).allSatisfy(s -> assertThat(s.error()).as(name + " following " + s.peer()).isNull());
        }

        void project() {
            context.getBean(GraphProjector.class).catchUp();
        }

        JsonObject federationState() throws Exception {
            HttpResponse<String> r = admin().get("/admin/federation");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Http.json(r);
        }

        JsonObject peerState() throws Exception {
            return federationState().getJsonArray("peers").getJsonObject(0);
        }

        long head() throws Exception {
            HttpResponse<String> r = admin().get("/federation/changes?after=0&limit=1");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Http.json(r).getJsonNumber("head").longValue();
        }

        String submit(String jwt) throws Exception {
            HttpResponse<String> r = admin().post("/self-descriptions", "application/vp+jwt", jwt.getBytes(StandardCharsets.US_ASCII));
            assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(201);
            return Http.json(r).getString("sdHash");
        }

        JsonObject meta(String hash) throws Exception {
            HttpResponse<String> r = anonymous().get("/self-descriptions/" + hash + "/meta");
            assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(200);
            return Http.json(r);
        }
    }

    @BeforeAll
    static void startBothCatalogues() throws Exception {
        int portA = freePort();
        int portB = freePort();
        String urlA = "http://127.0.0.1:" + portA;
        String urlB = "http://127.0.0.1:" + portB;
        a = new Node("A", portA, common(portA, "a", List.of(
                "--federator.catalogue.federation.self-url=" + urlA,
                "--federator.catalogue.federation.peer-tokens[0]=" + B_READS_A,
                "--federator.catalogue.federation.peers[0].url=" + urlB,
                "--federator.catalogue.federation.peers[0].token=" + A_READS_B,
                "--federator.catalogue.federation.peers[0].poll=1h",
                "--federator.catalogue.federation.peers[0].accept-relayed=true",
                "--federator.catalogue.federation.partners[0]=" + urlB)));
        b = new Node("B", portB, common(portB, "b", List.of(
                "--federator.catalogue.federation.self-url=" + urlB + "/",
                "--federator.catalogue.federation.relay=true",
                "--federator.catalogue.federation.peer-tokens[0]=" + A_READS_B,
                "--federator.catalogue.federation.peers[0].url=" + urlA,
                "--federator.catalogue.federation.peers[0].token=" + B_READS_A,
                "--federator.catalogue.federation.peers[0].poll=1h",
                "--federator.catalogue.ingest.verify-schema=false")));
        b.start();
        a.start();
    }

    static List<String> common(int port, String name, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--federator.data-dir=" + ROOT.resolve(name),
                "--federator.trust.web-mirror=" + WORLD.mirror,
                "--federator.trust.trust-anchors=" + WORLD.anchors,
                "--federator.net.allow-private-networks=true",
                "--federator.net.allow-http=true"));
        args.addAll(extra);
        return args;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopBoth() {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    /** A service offering presented with the provider's participant credentials, as a provider submits it. */
    static String offering(String name, Consumer<jakarta.json.JsonObjectBuilder> extra) {
        JsonObject offering = ComplianceWorld.vc(LOIRE.participant, "https://participant.example.org/credentials/" + name + ".json",
                "ServiceOffering", cs -> {
                    cs.add("gx:providedBy", Json.createObjectBuilder().add("id", LOIRE.legalPersonSubject()))
                            .add("gx:serviceOfferingTermsAndConditions", Json.createObjectBuilder().add("type", "gx:TermsAndConditions")
                                    .add("gx:url", Json.createObjectBuilder().add("@value", "https://participant.example.org/terms")
                                            .add("@type", "xsd:anyURI"))
                                    .add("gx:hash", "0d6a4c3bbf6a7d2b3b2e0f6f3e1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"))
                            .add("gx:keyword", name);
                    extra.accept(cs);
                });
        List<String> credentials = new ArrayList<>(PARTICIPANT_CREDENTIALS);
        credentials.add(WORLD.sign(offering, LOIRE.participant));
        return WORLD.presentation(LOIRE.participant, credentials);
    }

    static String offering(String name) {
        return offering(name, cs -> { });
    }

    static long count(JsonObject peer, String outcome) {
        return peer.getJsonObject("counts").getJsonNumber(outcome).longValue();
    }

    // ------------------------------------------------------------------------------------------------ the feed

    @Test
    @Order(1)
    void theFeedIsForPeersAndAdminsOnlyAndAPeerTokenGrantsNothingElse() throws Exception {
        assertThat(b.anonymous().get("/federation/changes").statusCode()).isEqualTo(401);
        assertThat(b.withToken("not-a-token-of-this-catalogue-0123456789").get("/federation/changes").statusCode()).isEqualTo(401);
        // B's peer token for A is not valid at A's neighbour: tokens are per catalogue
        assertThat(a.withToken(A_READS_B).get("/federation/changes").statusCode()).isEqualTo(401);

        HttpResponse<String> feed = b.withToken(A_READS_B).get("/federation/changes");
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(Http.json(feed).getString("catalogue")).isEqualTo(b.url());
        assertThat(b.admin().get("/federation/changes?after=0&limit=5000").statusCode()).isEqualTo(200);
        HttpResponse<String> zero = b.admin().get("/federation/changes?limit=0");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(Http.json(zero).getString("code")).isEqualTo("client_error");

        Http peer = b.withToken(A_READS_B);
        assertThat(peer.post("/self-descriptions", "application/vp+jwt", offering("x").getBytes(StandardCharsets.US_ASCII)).statusCode())
                .isEqualTo(403);
        assertThat(peer.get("/admin/federation").statusCode()).isEqualTo(403);
        assertThat(peer.get("/participants").statusCode()).isEqualTo(403);
        assertThat(peer.send(peer.request("/admin/graph/rebuild").POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------------------ following

    @Test
    @Order(2)
    void whatBAcceptsAppearsInAVerifiedWithOriginB() throws Exception {
        String jwt = offering("b-one");
        String hash = b.submit(jwt);
        a.syncOk();

        HttpResponse<String> content = a.anonymous().get("/self-descriptions/" + hash);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(jwt); // the exact bytes
        JsonObject meta = a.meta(hash);
        assertThat(meta.getString("origin")).isEqualTo(b.url());
        assertThat(meta.getString("status")).isEqualTo("active");
        assertThat(meta.getString("kind")).isEqualTo("service-offering");
        assertThat(meta.getJsonArray("validatorDids")).isNotEmpty(); // A verified the signatures itself

        JsonObject peer = a.peerState();
        assertThat(peer.getString("url")).isEqualTo(b.url());
        assertThat(peer.getString("peerCatalogue")).isEqualTo(b.url());
        assertThat(count(peer, "stored")).isEqualTo(1);
        assertThat(peer.getJsonNumber("cursor").longValue()).isEqualTo(b.head());
    }

    @Test
    @Order(3)
    void whenBRevokesAndDeletesSoDoesA() throws Exception {
        String revoked = b.submit(offering("b-revoked"));
        String deleted = b.submit(offering("b-deleted"));
        a.syncOk();
        assertThat(a.meta(revoked).getString("status")).isEqualTo("active");
        assertThat(a.meta(deleted).getString("status")).isEqualTo("active");

        HttpResponse<String> revoke = b.admin().send(b.admin().request("/self-descriptions/" + revoked + "/revoke")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
        HttpResponse<String> delete = b.admin().send(b.admin().request("/self-descriptions/" + deleted).DELETE().build());
        assertThat(delete.statusCode()).as(delete.body()).isBetween(200, 204);
        a.syncOk();

        assertThat(a.meta(revoked).getString("status")).isEqualTo("revoked");
        assertThat(a.anonymous().get("/self-descriptions/" + deleted).statusCode()).isEqualTo(404);
        JsonObject peer = a.peerState();
        assertThat(count(peer, "revoked")).isEqualTo(1);
        assertThat(count(peer, "deleted")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void whatOnlyTheRelaxedCatalogueAcceptsIsRejectedByTheStrictOneAndRecorded() throws Exception {
        long rejectedBefore = count(a.peerState(), "rejected");
        // not one of the regimes the gx shapes allow: B does not validate against shapes, A does
        String hash = b.submit(offering("b-relaxed", cs -> cs.add("gx:dataProtectionRegime", "NO-SUCH-REGIME")));
        a.syncOk();

        assertThat(a.anonymous().get("/self-descriptions/" + hash).statusCode()).isEqualTo(404);
        JsonObject peer = a.peerState();
        assertThat(count(peer, "rejected")).isEqualTo(rejectedBefore + 1);
        JsonObject rejection = peer.getJsonArray("recentRejections").getJsonObject(0);
        assertThat(rejection.getString("sdHash")).isEqualTo(hash);
        assertThat(rejection.getString("reason")).isEqualTo("SCHEMA");
        assertThat(rejection.getString("message")).contains("shapes");
        assertThat(rejection.getJsonArray("problems")).isNotEmpty();
        // the feed moved on: the cursor is at B's head
        assertThat(peer.getJsonNumber("cursor").longValue()).isEqualTo(b.head());
    }

    @Test
    @Order(5)
    void followingEachOtherMakesNoLoop() throws Exception {
        String own = a.submit(offering("a-own"));
        b.syncOk();
        assertThat(b.meta(own).getString("origin")).isEqualTo(a.url());
        long ignoredBefore = count(a.peerState(), "ignored");
        a.syncOk(); // B relays A's self-description back to A: dropped as A's own
        assertThat(count(a.peerState(), "ignored")).isGreaterThan(ignoredBefore);
        assertThat(a.meta(own).getValue("/origin")).isEqualTo(JsonValue.NULL);

        long headA = a.head();
        long headB = b.head();
        for (int round = 0; round < 3; round++) {
            a.syncOk();
            b.syncOk();
        }
        assertThat(a.head()).isEqualTo(headA);
        assertThat(b.head()).isEqualTo(headB);

        // A exports only its own events; B, which relays, also what it has from A (with that origin)
        JsonArray aEvents = Http.json(a.admin().get("/federation/changes?limit=1000")).getJsonArray("events");
        assertThat(aEvents).isNotEmpty().allSatisfy(e -> assertThat(e.asJsonObject().get("origin")).isEqualTo(JsonValue.NULL));
        JsonArray bEvents = Http.json(b.admin().get("/federation/changes?limit=1000")).getJsonArray("events");
        assertThat(bEvents).anySatisfy(e -> {
            assertThat(e.asJsonObject().getString("sdHash")).isEqualTo(own);
            assertThat(e.asJsonObject().getString("origin")).isEqualTo(a.url());
        });
    }

    // ------------------------------------------------------------------------------------------------ distributed query

    static final String KEYWORDS = """
            {"statement": "PREFIX gx: <https://w3id.org/gaia-x/development#> SELECT ?o ?keyword WHERE { ?o gx:keyword ?keyword } ORDER BY ?o",
             "annotations": {"queryLanguage": "SPARQL", "timeout": 10, "withTotalCount": true}}""";

    static HttpResponse<String> search(Node node) throws Exception {
        return node.anonymous().post("/query/search", "application/json", KEYWORDS.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> keywords(JsonObject answer, String catalogue) {
        return answer.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("@catalogue").equals(catalogue)).map(i -> i.getString("keyword")).toList();
    }

    @Test
    @Order(6)
    void querySearchOnAReturnsTheItemsOfAAndB() throws Exception {
        a.project();
        b.project();
        HttpResponse<String> r = search(a);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject answer = Http.json(r);

        assertThat(keywords(answer, a.url())).contains("a-own", "b-one").doesNotContain("b-relaxed");
        assertThat(keywords(answer, b.url())).contains("b-relaxed", "b-one", "a-own"); // b-relaxed is only in B
        JsonArray catalogues = answer.getJsonArray("catalogues");
        assertThat(catalogues).hasSize(2);
        long sum = 0;
        for (JsonValue c : catalogues) {
            assertThat(c.asJsonObject().containsKey("error")).as(c.toString()).isFalse();
            sum += c.asJsonObject().getJsonNumber("totalCount").longValue();
        }
        assertThat(answer.getJsonNumber("totalCount").longValue()).isEqualTo(sum).isEqualTo(answer.getJsonArray("items").size());

        // asked as a partner (servers set), B answers XFSC blocks and does not ask A back
        String forwarded = KEYWORDS.replace("\"annotations\"", "\"servers\": [\"" + a.url() + "\", \"" + b.url() + "\"], \"annotations\"");
        JsonObject blocks = Http.json(b.anonymous().post("/query/search", "application/json", forwarded.getBytes(StandardCharsets.UTF_8)));
        assertThat(blocks.getJsonArray("items")).hasSize(1);
        assertThat(blocks.getJsonArray("items").getJsonObject(0).getString("server")).isEqualTo(b.url());
    }

    @Test
    @Order(7)
    void aRestartsAndResumesFromItsCursorWithoutReprocessing(CapturedOutput output) throws Exception {
        JsonObject before = a.peerState();
        long headA = a.head();
        a.stop();
        a.start();
        a.syncOk();
        assertThat(output.getAll()).contains("1 peer token(s) may read the federation feed", "Federation: following 1 peer catalogue(s)")
                .doesNotContain(A_READS_B, B_READS_A, a.admin);

        JsonObject after = a.peerState();
        assertThat(after.getJsonNumber("cursor").longValue()).isEqualTo(before.getJsonNumber("cursor").longValue());
        assertThat(after.getJsonNumber("processedSinceStart").longValue()).isZero();
        assertThat(after.getJsonObject("counts")).isEqualTo(before.getJsonObject("counts"));
        assertThat(a.head()).isEqualTo(headA);

        String next = b.submit(offering("b-after-restart"));
        a.syncOk();
        JsonObject resumed = a.peerState();
        assertThat(resumed.getJsonNumber("processedSinceStart").longValue()).isEqualTo(1);
        assertThat(count(resumed, "stored")).isEqualTo(count(before, "stored") + 1);
        assertThat(a.meta(next).getString("origin")).isEqualTo(b.url());
    }

    @Test
    @Order(8)
    void replayingTheWholeFeedChangesNothingAndRetriesWhatWasRefused() throws Exception {
        JsonObject before = a.peerState();
        long headA = a.head();
        Http admin = a.admin();
        HttpResponse<String> unknown = admin.send(admin.request("/admin/federation/reset?peer=https://unknown.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).getString("message")).contains("does not follow");
        HttpResponse<String> reset = admin.send(admin.request("/admin/federation/reset?peer=" + b.url() + "&cursor=0")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(Http.json(reset).getJsonArray("peers").getJsonObject(0).getJsonNumber("cursor").longValue()).isZero();
        a.syncOk();

        JsonObject after = a.peerState();
        assertThat(after.getJsonNumber("cursor").longValue()).isEqualTo(before.getJsonNumber("cursor").longValue());
        assertThat(count(after, "stored")).isEqualTo(count(before, "stored"));
        assertThat(count(after, "revoked")).isEqualTo(count(before, "revoked"));
        assertThat(count(after, "deleted")).isEqualTo(count(before, "deleted"));
        assertThat(count(after, "present")).isGreaterThan(count(before, "present"));
        assertThat(count(after, "rejected")).isEqualTo(count(before, "rejected") + 1); // b-relaxed, verified and refused again
        assertThat(a.head()).isEqualTo(headA); // nothing was written
    }

    @Test
    @Order(9)
    void querySearchSurvivesBBeingDownAndSoDoesFollowing() throws Exception {
        b.stop();
        a.project();
        HttpResponse<String> r = search(a);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject answer = Http.json(r);
        assertThat(keywords(answer, a.url())).contains("a-own");
        assertThat(answer.getJsonArray("items")).allSatisfy(i -> assertThat(i.asJsonObject().getString("@catalogue")).isEqualTo(a.url()));
        JsonObject bPart = answer.getJsonArray("catalogues").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("catalogue").equals(b.url())).findFirst().orElseThrow();
        assertThat(bPart.getString("error")).isNotBlank();

        List<FederationSubscriber.Sync> syncs = a.sync();
        assertThat(syncs).singleElement().satisfies(s -> assertThat(s.error()).contains("cannot be read"));
        assertThat(a.peerState().getString("lastError")).contains("cannot be read");
    }
}
