package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running server for the catalogue API tests (the test classes that extend this share the Spring context, so the
 * server, its embedded PostgreSQL and TDB2 graph start once): OIDC mode against {@link TestIdentityProvider}, a web
 * mirror holding the {@link ComplianceWorld} parties and the XFSC fixture hosts, trust anchors of both, every check on
 * (Federator's strict defaults, default schemas 22.10 and 25.11), a body limit of {@value #MAX_BODY} bytes.
 * <p>
 * Classes share the data too: each test works with its own provider ({@link #provider}) or its own subjects, and
 * filters by them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CatalogueApiTestBase {
    public static final int MAX_BODY = 256 * 1024;
    public static final Path ROOT = TestDirectories.newDataDir("federator-api-");
    public static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    public static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    public static final TestIdentityProvider IDP = TestIdentityProvider.start();
    public static final Path ANCHORS = ROOT.resolve("anchors.pem");
    /** Remote contexts the XFSC fixtures use besides the bundled ones (served by the mirror). */
    public static final List<String> XFSC_CONTEXTS = List.of("https://www.w3.org/2018/credentials/examples/v1",
            "https://www.w3.org/ns/odrl.jsonld", "https://identity.foundation/presentation-exchange/submission/v1");
    public static final String GX = "https://w3id.org/gaia-x/development#";

    static {
        try {
            copyTree(TestDirectories.fixtures().resolve("xfsc/web"), WORLD.mirror);
            Files.writeString(ANCHORS, Files.readString(WORLD.anchors) + xfscTrustAnchors());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The roots the XFSC fixtures chain to: the classic test certificate ({@code cert.ss.pem}) and "FC Test CA", the
     * root of the cat-integration did-server chain (the last certificate of {@code chain.pem}).
     */
    public static String xfscTrustAnchors() throws IOException {
        String chain = Files.readString(TestDirectories.fixtures().resolve("xfsc/loire/did-server/chain.pem"));
        String root = chain.substring(chain.lastIndexOf("-----BEGIN CERTIFICATE-----"));
        return Files.readString(TestDirectories.fixtures().resolve("xfsc/classic/keys/cert.ss.pem")) + "\n" + root;
    }

    @DynamicPropertySource
    static void catalogueServer(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", ANCHORS::toString);
        registry.add("federator.trust.allowed-contexts", () -> String.join(",", XFSC_CONTEXTS));
        registry.add("federator.security.issuer-uri", () -> TestIdentityProvider.ISSUER);
        registry.add("federator.security.jwk-set-uri", IDP::jwkSetUri);
        registry.add("federator.http.max-body-size", () -> MAX_BODY + "B");
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected Catalogue catalogue;

    /** Ro-MU-CA: may act for any participant. */
    protected Http admin() {
        return new Http(port, IDP.token("did:web:catalogue.example.org", "Ro-MU-CA"));
    }

    /** A token with these roles for this participant. */
    protected Http as(String participantId, String... roles) {
        return new Http(port, IDP.token(participantId, roles));
    }

    protected Http anonymous() {
        return new Http(port);
    }

    // ------------------------------------------------------------------------------------------------ HTTP helpers

    protected static HttpResponse<String> submit(Http http, String contentType, String body) throws Exception {
        return http.post("/self-descriptions", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Submits as the catalogue admin and expects 201; returns the metadata. */
    protected JsonObject stored(String contentType, String body) throws Exception {
        HttpResponse<String> r = submit(admin(), contentType, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.json(r);
    }

    protected static HttpResponse<String> send(Http http, String method, String path) throws Exception {
        return http.send(http.request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    protected static HttpResponse<byte[]> bytes(Http http, String path) throws Exception {
        return HttpClient.newHttpClient().send(http.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    protected static List<String> strings(JsonValue array) {
        return array.asJsonArray().stream().map(v -> ((JsonString) v).getString()).toList();
    }

    /** The hashes of a {@code GET /self-descriptions} answer, in order. */
    protected static List<String> hashes(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return Http.json(list).getJsonArray("items").stream().map(i -> i.asJsonObject().getJsonObject("meta").getString("sdHash")).toList();
    }

    /** Waits (bounded by an attempt count, never asserting a duration) until the graph projection has every event. */
    protected void awaitProjection() throws Exception {
        Http admin = admin();
        for (int i = 0; i < 600; i++) {
            JsonObject state = Http.json(admin.get("/admin/graph"));
            if (state.getJsonNumber("lag").longValue() == 0) {
                return;
            }
            catalogue.projector().wake();
            Thread.sleep(50);
        }
        throw new AssertionError("the graph projection did not catch up: " + admin.get("/admin/graph").body());
    }

    // ------------------------------------------------------------------------------------------------ credentials

    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    /**
     * A provider of its own (its own did:web host, numbered so that no two tests share one: publishing a party again
     * would replace its key and break what was signed before), so that tests do not see each other's data.
     */
    protected static Provider provider(String name) {
        String host = name.toLowerCase(java.util.Locale.ROOT) + "-" + PROVIDERS.incrementAndGet() + ".provider.example.org";
        return new Provider(WORLD.party(host), "https://" + host + "/credentials/");
    }

    /**
     * A participant and its Loire credentials: LegalPerson (with a registration number by the world's notary) and
     * gx:Issuer, signed once and presented with each of its offerings, as a provider does for GXDCH.
     */
    public static final class Provider {
        public final ComplianceWorld.Party party;
        public final String base;
        private final List<String> participantCredentials;

        Provider(ComplianceWorld.Party party, String base) {
            this.party = party;
            this.base = base;
            this.participantCredentials = List.of(WORLD.sign(legalPerson(cs -> { }), party),
                    WORLD.sign(registrationNumber(), LOIRE.notary), WORLD.sign(issuer(), party));
        }

        public String did() {
            return party.did();
        }

        public String legalPersonSubject() {
            return base + "legal-person.json#cs";
        }

        String vatId() {
            return "BE0" + Math.floorMod(base.hashCode(), 1_000_000_000);
        }

        public JsonObject legalPerson(Consumer<JsonObjectBuilder> extra) {
            return ComplianceWorld.vc(party, base + "legal-person.json", "LegalPerson", cs -> {
                cs.add("gx:registrationNumber", Json.createObjectBuilder().add("id", "https://notary.example.org/vat/" + vatId() + ".json#cs"));
                cs.add("gx:legalAddress", Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE"));
                cs.add("gx:headquartersAddress", Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE"));
                extra.accept(cs);
            });
        }

        JsonObject registrationNumber() {
            return ComplianceWorld.vc(LOIRE.notary, "https://notary.example.org/vat/" + vatId() + ".json", "VatID",
                    cs -> cs.add("gx:vatID", vatId()));
        }

        JsonObject issuer() {
            return ComplianceWorld.vc(party, base + "issuer.json", "Issuer", cs -> cs.add("gx:gaiaxTermsAndConditions", ComplianceWorld.ACCEPTED_HASH));
        }

        /** The participant self-description: a vp+jwt of LegalPerson, registration number and Issuer. */
        public String participantVp() {
            return WORLD.presentation(party, participantCredentials);
        }

        /** A participant self-description whose LegalPerson says more (a new version of the same subject). */
        public String participantVp(Consumer<JsonObjectBuilder> legalPerson) {
            return WORLD.presentation(party, List.of(WORLD.sign(legalPerson(legalPerson), party), participantCredentials.get(1),
                    participantCredentials.get(2)));
        }

        public String offeringSubject(String name) {
            return base + name + ".json#cs";
        }

        /** An unsigned service offering credential provided by this participant. */
        public JsonObject offering(String name, Consumer<JsonObjectBuilder> extra) {
            return ComplianceWorld.vc(party, base + name + ".json", "ServiceOffering", cs -> {
                cs.add("gx:providedBy", Json.createObjectBuilder().add("id", legalPersonSubject()));
                cs.add("gx:serviceOfferingTermsAndConditions", Json.createObjectBuilder().add("type", "gx:TermsAndConditions")
                        .add("gx:url", Json.createObjectBuilder().add("@value", base + "terms").add("@type", "xsd:anyURI"))
                        .add("gx:hash", "0d6a4c3bbf6a7d2b3b2e0f6f3e1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"));
                cs.add("https://schema.org/name", name);
                extra.accept(cs);
            });
        }

        /** A vp+jwt of the offering (signed by this provider) with the participant credentials. */
        public String offeringVp(JsonObject offering) {
            List<String> credentials = new ArrayList<>(participantCredentials);
            credentials.add(WORLD.sign(offering, party));
            return WORLD.presentation(party, credentials);
        }

        public String offeringVp(String name) {
            return offeringVp(offering(name, cs -> { }));
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
