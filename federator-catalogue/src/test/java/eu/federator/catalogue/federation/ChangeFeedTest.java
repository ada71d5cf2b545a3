package eu.federator.catalogue.federation;

import eu.federator.catalogue.sd.CatalogueEvent;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.NewSelfDescription;
import eu.federator.catalogue.sd.PostgresSelfDescriptionStore;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.credentials.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ChangeFeed} over the real PostgreSQL store: what is exported, where pages end, exact bytes through JSON. */
class ChangeFeedTest {
    static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
    static final String PEER = "https://peer.example";

    SelfDescriptionStore store;

    @BeforeEach
    void database() {
        store = new PostgresSelfDescriptionStore(TestPostgres.get().newDatabase("db/migration/V2__schemas.sql",
                "db/migration/V3__self_descriptions.sql", "db/migration/V4__federation.sql", "db/migration/V6__search_facets.sql"));
    }

    static NewSelfDescription sd(String subject, byte[] content, String origin) {
        SelfDescription m = new SelfDescription(sha256(content), subject, "did:web:issuer.example", "did:web:issuer.example",
                SdKind.SERVICE_OFFERING, List.of("https://w3id.org/gaia-x/development#ServiceOffering"), "vp+jwt", "application/vp+jwt",
                Lifecycle.ACTIVE, null, null, null, null, List.of(), List.of(), origin, null);
        return new NewSelfDescription(m, content, "<" + subject + "> <https://example.org/p> \"x\" .\n", Map.of(), List.of(), "x");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyOwnEventsAreExportedUnlessRelaying() {
        String own = store.store(sd("https://a.example/o/1", bytes("own-1"), null), T).sd().hash();
        String foreign = store.store(sd("https://a.example/o/2", bytes("foreign-1"), PEER), T).sd().hash();
        store.revoke(foreign, T);
        store.revoke(own, T);

        ChangePage page = new ChangeFeed(store, "https://A.example/", false, 1 << 20).page(0, 100);
        assertThat(page.catalogue()).isEqualTo("https://a.example");
        assertThat(page.events()).extracting(Change::sequence).containsExactly(1L, 4L);
        assertThat(page.events()).extracting(Change::sdHash).containsOnly(own);
        assertThat(page.events().get(0).content()).isEqualTo(bytes("own-1"));
        assertThat(page.events().get(1).type()).isEqualTo(CatalogueEvent.Type.STATUS);
        assertThat(page.events().get(1).status()).isEqualTo(Lifecycle.REVOKED);
        assertThat(page.events().get(1).content()).isNull();
        assertThat(page.lastSequence()).isEqualTo(4);
        assertThat(page.head()).isEqualTo(4);
        assertThat(page.more()).isFalse();

        ChangePage relayed = new ChangeFeed(store, null, true, 1 << 20).page(0, 100);
        assertThat(relayed.catalogue()).isNull();
        assertThat(relayed.events()).extracting(Change::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(relayed.events().get(1).origin()).isEqualTo(PEER);
    }

    @Test
    void theCursorMovesPastEventsThatAreNotExported() {
        store.store(sd("https://a.example/o/1", bytes("foreign-1"), PEER), T);
        store.store(sd("https://a.example/o/2", bytes("foreign-2"), PEER), T);
        store.store(sd("https://a.example/o/3", bytes("own"), null), T);
        ChangeFeed feed = new ChangeFeed(store, null, false, 1 << 20);

        ChangePage first = feed.page(0, 2);
        assertThat(first.events()).isEmpty();
        assertThat(first.lastSequence()).isEqualTo(2);
        assertThat(first.more()).isTrue();
        ChangePage second = feed.page(first.lastSequence(), 2);
        assertThat(second.events()).extracting(Change::sequence).containsExactly(3L);
        assertThat(second.more()).isFalse();
        ChangePage end = feed.page(second.lastSequence(), 2);
        assertThat(end.events()).isEmpty();
        assertThat(end.lastSequence()).isEqualTo(3);
        assertThat(end.more()).isFalse();
        // a subscriber whose cursor is beyond the log (the catalogue's database was replaced) can tell from head
        ChangePage beyond = feed.page(100, 2);
        assertThat(beyond.lastSequence()).isEqualTo(100);
        assertThat(beyond.head()).isEqualTo(3);
    }

    @Test
    void aPageStopsAtItsContentBudgetButAlwaysCarriesOneEvent() {
        for (int i = 0; i < 5; i++) {
            store.store(sd("https://a.example/o/" + i, bytes("x".repeat(1000) + i), null), T);
        }
        ChangeFeed feed = new ChangeFeed(store, null, false, 2500);
        ChangePage page = feed.page(0, 100);
        assertThat(page.events()).hasSize(3);
        assertThat(page.lastSequence()).isEqualTo(3);
        assertThat(page.more()).isTrue();

        ChangePage tiny = new ChangeFeed(store, null, false, 1).page(3, 100);
        assertThat(tiny.events()).hasSize(1);
        assertThat(tiny.lastSequence()).isEqualTo(4);
    }

    @Test
    void aDeletedSelfDescriptionIsAnnouncedWithoutContent() {
        String hash = store.store(sd("https://a.example/o/1", bytes("gone"), null), T).sd().hash();
        store.delete(hash, T);
        ChangePage page = new ChangeFeed(store, null, false, 1 << 20).page(0, 100);
        assertThat(page.events()).extracting(Change::type).containsExactly(CatalogueEvent.Type.STORED, CatalogueEvent.Type.DELETED);
        assertThat(page.events().getFirst().content()).isNull();
        assertThat(page.events().getLast().status()).isNull();
    }

    @Test
    void theExactBytesSurviveJsonTextOrBase64() throws Exception {
        byte[] text = bytes("{\"a\": \"é\\u00e9 \\\" ünïcödé ✓\"}\n");
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 'x', 0};
        store.store(sd("https://a.example/o/1", text, null), T);
        store.store(sd("https://a.example/o/2", binary, null), T);
        ChangePage page = new ChangeFeed(store, "https://a.example", false, 1 << 20).page(0, 100);

        String json = Json.write(page.toJson());
        assertThat(json).contains("\"content\":").contains("\"contentBase64\":");
        ChangePage read = ChangePage.fromJson(Json.parseObject(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(page);
        assertThat(read.events().get(0).content()).isEqualTo(text);
        assertThat(read.events().get(1).content()).isEqualTo(binary);
        assertThat(sha256(read.events().get(1).content())).isEqualTo(read.events().get(1).sdHash());
    }

    @Test
    void malformedPagesAndArgumentsAreRefusedWithTheReason() {
        ChangeFeed feed = new ChangeFeed(store, null, false, 1);
        assertThatThrownBy(() -> feed.page(-1, 10)).hasMessageContaining("after");
        assertThatThrownBy(() -> feed.page(0, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> feed.page(0, ChangeFeed.MAX_LIMIT + 1)).hasMessageContaining("limit");
        assertThatThrownBy(() -> ChangePage.fromJson(Json.parseObject(bytes("{\"lastSequence\": 1}"))))
                .hasMessageContaining("events");
        assertThatThrownBy(() -> ChangePage.fromJson(Json.parseObject(bytes("{\"lastSequence\": 1, \"events\": [{\"sequence\": 1, "
                + "\"type\": \"moved\", \"sdHash\": \"" + "0".repeat(64) + "\", \"at\": \"2026-01-01T00:00:00Z\"}]}"))))
                .hasMessageContaining("unknown type");
        assertThatThrownBy(() -> ChangePage.fromJson(Json.parseObject(bytes("{\"lastSequence\": 1, \"events\": [{\"sequence\": 1, "
                + "\"type\": \"stored\", \"sdHash\": \"../etc\", \"at\": \"2026-01-01T00:00:00Z\"}]}"))))
                .hasMessageContaining("sdHash");
    }
}
