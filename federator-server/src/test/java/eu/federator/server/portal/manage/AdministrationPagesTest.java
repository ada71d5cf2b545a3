package eu.federator.server.portal.manage;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.keys.Certificates;
import eu.federator.server.Http;
import eu.federator.server.portal.PortalSession;
import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages over loopback in local mode, signed in with the admin token, on a catalogue seeded with
 * real signed participants and offerings through the API. Each test uses participants of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdministrationPagesTest {
    static final String TOKEN = "portal-admin-pages-test-token-0123456789";
    static final Path ROOT = TestDirectories.newDataDir("federator-portal-manage-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    /** A peer nobody answers at (the discard port): followed, and failing. */
    static final String PEER = "http://127.0.0.1:9";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
        registry.add("federator.catalogue.federation.self-url", () -> "http://127.0.0.1:1");
        registry.add("federator.catalogue.federation.peers[0].url", () -> PEER);
        registry.add("federator.catalogue.federation.peers[0].token", () -> "peer-token-not-used-0123456789");
        registry.add("federator.catalogue.federation.peers[0].poll", () -> "1h");
        registry.add("federator.net.allow-http", () -> "true");
        registry.add("federator.net.allow-private-networks", () -> "true");
    }

    @LocalServerPort
    int port;

    static final String[] PAGES = {"/manage", "/manage/participants", "/manage/self-descriptions", "/manage/schemas", "/manage/trust",
            "/manage/graph", "/manage/graph/progress", "/manage/events"};

    Organisation organisation(String name) {
        return new Organisation(WORLD, LOIRE, name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org");
    }

    Http api() {
        return new Http(port, TOKEN);
    }

    JsonObject register(Organisation org) throws Exception {
        HttpResponse<String> r = api().post("/participants", "application/vp+jwt", org.participantVp().getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.json(r);
    }

    String offer(Organisation org, String name) throws Exception {
        HttpResponse<String> r = api().post("/self-descriptions", "application/vp+jwt", org.offeringVp(name).getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.json(r).getString("sdHash");
    }

    String status(String hash) throws Exception {
        return Http.json(api().get("/self-descriptions/" + hash + "/meta")).getString("status");
    }

    PortalSession admin() throws Exception {
        return new PortalSession(port).signInWithToken(TOKEN);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String location(HttpResponse<String> r) {
        return URI.create(r.headers().firstValue("Location").orElseThrow()).getPath()
                + (URI.create(r.headers().firstValue("Location").orElseThrow()).getRawQuery() == null ? ""
                : "?" + URI.create(r.headers().firstValue("Location").orElseThrow()).getRawQuery());
    }

    // ------------------------------------------------------------------------------------------------ access

    @Test
    void anonymousVisitorsAreSentToSignInAndNothingIsShown() throws Exception {
        PortalSession anonymous = new PortalSession(port);
        for (String path : PAGES) {
            HttpResponse<String> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
        }
        // a POST without a session (and so without a CSRF token) starts nothing
        assertThat(anonymous.post("/manage/graph/rebuild", Map.of()).statusCode()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------------------ pages with data

    @Test
    void everyPageRendersTheCatalogueItHolds() throws Exception {
        Organisation org = organisation("pages");
        JsonObject participant = register(org);
        String offering = offer(org, "pages-heron");
        PortalSession browser = admin();

        for (String path : PAGES) {
            Document page = browser.page(path);
            assertThat(page.select("h1").text()).as(path).isNotBlank();
            assertThat(page.select("script:not([src]), style, [style]")).as(path + ": nothing the CSP would block").isEmpty();
            assertThat(page.select("table")).as(path).allSatisfy(t -> assertThat(t.select("caption")).isNotEmpty());
            assertThat(page.select("th[scope]")).as(path).isNotEmpty();
            assertThat(page.select("input:not([type=hidden]):not([type=checkbox])")).as(path + ": labelled fields")
                    .allSatisfy(i -> assertThat(page.select("label[for=" + i.id() + "]")).isNotEmpty());
        }

        Document overview = browser.page("/manage");
        Element active = overview.selectFirst("#sd-counts tr[data-status=active]");
        int offeringColumn = overview.select("#sd-counts thead th").eachText().indexOf("service-offering");
        int participantColumn = overview.select("#sd-counts thead th").eachText().indexOf("participant");
        assertThat(Long.parseLong(active.child(offeringColumn).text())).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(active.child(participantColumn).text())).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(overview.select("#participant-count").text())).isGreaterThanOrEqualTo(1);
        assertThat(overview.select("#graph-summary").text()).startsWith("Checkpoint");
        assertThat(overview.select("#federation-summary").text()).contains("Following 1 peer catalogues");

        // participants: the list with the number of active self-descriptions, its page with its credentials
        Document participants = browser.page("/manage/participants");
        Element row = participants.select("#participants tbody tr").stream()
                .filter(tr -> tr.text().contains(org.did())).findFirst().orElseThrow();
        assertThat(row.select("th a").text()).isEqualTo(participant.getString("name"));
        assertThat(row.child(3).text()).isEqualTo("2"); // its participant self-description and the offering
        Document page = browser.page(URI.create(row.selectFirst("th a").absUrl("href")).getRawPath() + "?"
                + URI.create(row.selectFirst("th a").absUrl("href")).getRawQuery());
        assertThat(page.select("#participant").text()).contains(org.did(), participant.getString("sdHash"), org.did() + "#key-1");
        assertThat(page.select("#credentials tbody tr").eachText()).anySatisfy(t -> assertThat(t).contains(org.base + "legal-person.json"));
        assertThat(page.select("#sds tbody tr").eachText()).anySatisfy(t -> assertThat(t).contains("pages-heron", "service-offering", "active"));

        // self-descriptions by provider and by hash
        Document byProvider = browser.page("/manage/self-descriptions?provider=" + enc(org.did()));
        assertThat(byProvider.select("#count").text()).isEqualTo("2 found");
        Document byHash = browser.page("/manage/self-descriptions?hash=" + offering);
        assertThat(byHash.select("#found tbody tr")).hasSize(1);
        assertThat(byHash.select("#found tbody tr").attr("data-hash")).isEqualTo(offering);
        Document bySubject = browser.page("/manage/self-descriptions?subject=" + enc(org.offeringSubject("pages-heron")));
        assertThat(bySubject.select("#found tbody tr").attr("data-hash")).isEqualTo(offering);

        // schemas: the built-in trust frameworks with their shapes
        Document schemas = browser.page("/manage/schemas");
        assertThat(schemas.select("#frameworks tbody th").eachText()).contains("22.10", "25.11");
        for (Element f : schemas.select("#frameworks tbody tr")) {
            assertThat(Integer.parseInt(f.child(3).text())).as(f.text()).isPositive();
            assertThat(f.child(2).text()).startsWith("https://");
        }

        // trust: the configured root with its fingerprint and where it came from; the registry's trusted issuers; T&C
        X509Certificate root = Certificates.readPem(Files.readString(WORLD.anchors)).getFirst();
        Document trust = browser.page("/manage/trust");
        Element anchor = trust.select("#anchors tbody tr").stream().filter(tr -> tr.text().contains(ManageTrustController.fingerprint(root)))
                .findFirst().orElseThrow();
        assertThat(anchor.text()).contains("Federator Compliance Test Root", "federator.trust.trust-anchors: " + WORLD.anchors);
        JsonObject issuers = Http.json(new Http(port).get("/api/trusted-issuers")).getJsonObject("byType");
        assertThat(trust.select("#issuers tbody th").eachText()).containsExactlyInAnyOrderElementsOf(issuers.keySet());
        assertThat(trust.select("#issuers").text()).contains(issuers.getJsonArray("registration-notary").getString(0));
        assertThat(trust.select("#terms-hash").text()).isEqualTo(ComplianceWorld.ACCEPTED_HASH);

        // events: the offering's stored event with its subject; the peer with its cursor
        Document events = browser.page("/manage/events");
        assertThat(events.select("#events tbody tr").eachText()).anySatisfy(t -> assertThat(t).contains("stored", org.offeringSubject("pages-heron")));
        assertThat(events.select("#events tbody a").eachAttr("href")).contains("/catalogue/sd/" + offering);
        Element peer = events.selectFirst("#peers tbody tr");
        assertThat(peer.select("th").text()).contains(PEER);
        assertThat(peer.select("td.cursor").text()).isEqualTo("0");
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Test
    void revokingThroughThePageChangesTheStatusAndTheSearchNoLongerListsItAsActive() throws Exception {
        Organisation org = organisation("revoke");
        String hash = offer(org, "revoke-osprey");
        PortalSession browser = admin();
        assertThat(new Http(port).get("/catalogue?q=revoke-osprey&statuses=active").body()).contains("/catalogue/sd/" + hash);

        Document found = browser.page("/manage/self-descriptions?hash=" + hash);
        String revokeLink = found.selectFirst("#found a.revoke").attr("href");
        Document confirm = browser.page(revokeLink);
        assertThat(confirm.select("#consequence").text()).contains("revoked");
        assertThat(status(hash)).as("opening the confirmation changes nothing").isEqualTo("active");

        HttpResponse<String> done = browser.submit(confirm, "#confirm-form", Map.of("reason", "the provider asked, ticket 42"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        Document after = browser.page(location(done));
        assertThat(after.select("#notice").text()).contains("Revoked", hash, "Reason: the provider asked, ticket 42");
        assertThat(after.select("#found td.status-cell").text()).isEqualTo("revoked");
        assertThat(after.select("#found a.revoke")).as("no revoke for a revoked one").isEmpty();

        assertThat(status(hash)).isEqualTo("revoked");
        Document search = Jsoup.parse(new Http(port).get("/catalogue?q=revoke-osprey&statuses=active").body());
        assertThat(search.select("#count").text()).isEqualTo("0 found");

        // revoking again is refused with the reason
        HttpResponse<String> again = browser.get(revokeLink);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(again.body()).select("#error-message").text()).contains("revoked", "only an active one");
    }

    @Test
    void deletingThroughThePageRemovesIt() throws Exception {
        Organisation org = organisation("delete");
        String hash = offer(org, "delete-plover");
        PortalSession browser = admin();
        Document confirm = browser.page("/manage/self-descriptions/delete?hash=" + hash);
        HttpResponse<String> done = browser.submit(confirm, "#confirm-form", Map.of());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(browser.page(location(done)).select("#notice").text()).contains("Deleted", hash);
        assertThat(api().get("/self-descriptions/" + hash + "/meta").statusCode()).isEqualTo(404);
        assertThat(browser.page("/manage/self-descriptions?hash=" + hash).select("#count").text()).isEqualTo("0 found");
    }

    @Test
    void aPostWithoutTheCsrfTokenIs403AndChangesNothing() throws Exception {
        Organisation org = organisation("csrf");
        String hash = offer(org, "csrf-tern");
        PortalSession browser = admin();
        browser.page("/manage/self-descriptions/revoke?hash=" + hash);

        HttpResponse<String> revoke = browser.post("/manage/self-descriptions/revoke", Map.of("hash", hash));
        assertThat(revoke.statusCode()).isEqualTo(403);
        HttpResponse<String> delete = browser.post("/manage/self-descriptions/delete", Map.of("hash", hash));
        assertThat(delete.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = browser.post("/manage/self-descriptions/revoke", Map.of("hash", hash, "_csrf", "not-the-token"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(status(hash)).isEqualTo("active");

        register(org);
        assertThat(browser.post("/manage/participant/delete", Map.of("id", org.did())).statusCode()).isEqualTo(403);
        assertThat(api().get("/participants/" + enc(org.did())).statusCode()).isEqualTo(200);
    }

    @Test
    void aParticipantIsDeletedAfterTheConfirmation() throws Exception {
        Organisation org = organisation("leaving");
        JsonObject participant = register(org);
        PortalSession browser = admin();

        Document page = browser.page("/manage/participant?id=" + enc(org.did()));
        Document confirm = browser.page(page.selectFirst("#delete-link").attr("href"));
        assertThat(confirm.select("h1").text()).startsWith("Delete").endsWith("?");
        assertThat(api().get("/participants/" + enc(org.did())).statusCode()).as("not deleted before the confirmation").isEqualTo(200);

        HttpResponse<String> done = browser.submit(confirm, "#delete-form", Map.of());
        assertThat(done.statusCode()).isEqualTo(302);
        Document list = browser.page(location(done));
        assertThat(list.select("#notice").text()).contains("Deleted participant", org.did());
        assertThat(list.select("#participants").text()).doesNotContain(org.did());
        assertThat(api().get("/participants/" + enc(org.did())).statusCode()).isEqualTo(404);
        assertThat(api().get("/self-descriptions/" + participant.getString("sdHash") + "/meta").statusCode())
                .as("its participant self-description went with it, as through the API").isEqualTo(404);
        assertThat(browser.get("/manage/participant?id=" + enc(org.did())).statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ graph

    @Test
    void aRebuildStartedFromThePageCompletesAndTheProgressFragmentReportsIt() throws Exception {
        offer(organisation("rebuild"), "rebuild-gannet");
        PortalSession browser = admin();
        Document graph = browser.page("/manage/graph");
        HttpResponse<String> started = browser.submit(graph, "#rebuild-form", Map.of());
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(location(started)).isEqualTo("/manage/graph");

        // htmx's poll: only the fragment; it polls while the job runs (bounded by attempts, no duration asserted)
        PortalSession htmx = admin();
        Document fragment = null;
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> r = htmx.get("/manage/graph/progress", "HX-Request", "true");
            assertThat(r.statusCode()).isEqualTo(200);
            fragment = Jsoup.parseBodyFragment(r.body());
            assertThat(fragment.select("h1, header nav, form")).as("a fragment, not a page").isEmpty();
            String state = fragment.select("#job").attr("data-state");
            if (state.equals("running")) {
                assertThat(fragment.select("#progress").attr("hx-trigger")).isEqualTo("every 1s");
            } else if (!state.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(fragment.select("#job").attr("data-state")).as(fragment.html()).isEqualTo("done");
        assertThat(fragment.select("#job h2").text()).isEqualTo("Rebuild done");
        assertThat(fragment.select("#progress").hasAttr("hx-get")).as("polling stops when done").isFalse();
        assertThat(fragment.select("#job-outcome").text()).startsWith("Loaded ").contains("self-descriptions");
        long loaded = Long.parseLong(fragment.select("#job-outcome").text().split(" ")[1]);
        long everything = Http.json(api().get("/self-descriptions?statuses=active,deprecated,revoked,eol&limit=1")).getJsonNumber("totalCount").longValue();
        assertThat(loaded).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(everything + 10); // others may write meanwhile
        assertThat(fragment.select("#job-progress").attr("value")).isEqualTo("100");

        // the page without JavaScript shows the same, and the state of the projection
        Document after = browser.page("/manage/graph");
        assertThat(after.select("#job").attr("data-state")).isEqualTo("done");
        assertThat(Long.parseLong(after.select("#checkpoint").text())).isPositive();

        HttpResponse<String> compact = browser.submit(after, "#compact-form", Map.of());
        assertThat(compact.statusCode()).isEqualTo(302);
        Document compacted = null;
        for (int i = 0; i < 600; i++) {
            compacted = browser.page("/manage/graph");
            if (!compacted.select("#job").attr("data-state").equals("running")) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(compacted.select("#job h2").text()).isEqualTo("Compaction done");
        assertThat(compacted.select("#job-outcome").text()).isNotBlank();
    }

    // ------------------------------------------------------------------------------------------------ schemas

    @Test
    void aBrokenSchemaFileIsRefusedAtTheFieldAndNothingIsStored() throws Exception {
        PortalSession browser = admin();
        String before = api().get("/schemas").body();

        HttpResponse<String> broken = browser.upload("/manage/schemas", "#upload-form", "broken.ttl", "text/turtle",
                "@prefix ex: <https://broken.example.org/> .\nex:a ex:b <<< not turtle".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(broken.body());
        assertThat(page.select("#file").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#file").attr("aria-describedby")).isEqualTo("file-error");
        assertThat(page.select("#file-error").text()).isNotBlank();
        assertThat(api().get("/schemas").body()).as("nothing stored").isEqualTo(before);

        // a file above the body limit is refused before anything is read
        byte[] large = ("# " + "x".repeat(3 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = browser.upload("/manage/schemas", "#upload-form", "large.ttl", "text/turtle", large);
        assertThat(tooLarge.statusCode()).as("larger than federator.http.max-body-size").isEqualTo(413);
        assertThat(Jsoup.parse(tooLarge.body()).select("#error-message").text()).as("a page for the browser").isNotBlank();
        assertThat(api().get("/schemas").body()).isEqualTo(before);

        String iri = "https://admin-pages.example.org/ontology-" + UUID.randomUUID();
        String ontology = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<" + iri + "> a owl:Ontology .\n<" + iri + "#Widget> a owl:Class .\n";
        HttpResponse<String> added = browser.upload("/manage/schemas", "#upload-form", "widget.ttl", "application/octet-stream",
                ontology.getBytes(StandardCharsets.UTF_8));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        assertThat(api().get("/schemas").body()).contains(iri);

        // the same file again: its terms are taken, the API's message at the field
        HttpResponse<String> twice = browser.upload("/manage/schemas", "#upload-form", "widget.ttl", "text/turtle",
                ontology.getBytes(StandardCharsets.UTF_8));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(twice.body()).select("#file-error").text()).isNotBlank();

        PortalSession admin = admin();
        Document listed = admin.page("/manage/schemas");
        assertThat(listed.select("#schemas tbody th").eachText()).contains(iri);
        Document view = admin.page("/manage/schema?id=" + enc(iri));
        assertThat(view.select("pre.raw").text()).contains("owl:Ontology");
        Document confirm = admin.page("/manage/schema/delete?id=" + enc(iri));
        HttpResponse<String> deleted = admin.submit(confirm, "#delete-form", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(api().get("/schemas").body()).doesNotContain(iri);
    }
}
