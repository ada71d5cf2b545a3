package eu.federator.catalogue.sd;

import eu.federator.catalogue.sd.CatalogueEvent.Type;
import eu.federator.catalogue.sd.SelfDescriptionStore.Participant;
import eu.federator.catalogue.sd.SelfDescriptionStore.Projected;
import eu.federator.catalogue.sd.SelfDescriptionStore.Stored;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static eu.federator.catalogue.sd.TestSelfDescriptions.T0;
import static eu.federator.catalogue.sd.TestSelfDescriptions.credential;
import static eu.federator.catalogue.sd.TestSelfDescriptions.participant;
import static eu.federator.catalogue.sd.TestSelfDescriptions.sd;
import static eu.federator.catalogue.sd.TestSelfDescriptions.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of a {@link SelfDescriptionStore} (EDC {@code ...StoreTestBase} style): every implementation extends
 * this and hands out an empty store before each test. Covers lifecycle, filters, bundled credentials, participants,
 * full-text search, the event log and concurrent writers.
 */
public abstract class SelfDescriptionStoreTestBase {
    protected static final String OFFERING = "https://provider.example/offerings/storage#cs";

    protected SelfDescriptionStore store;

    /** A store with nothing in it (a new one, or the same one emptied, with its event log restarted). */
    protected abstract SelfDescriptionStore emptyStore();

    @BeforeEach
    void newStore() {
        store = emptyStore();
    }

    protected SelfDescription stored(NewSelfDescription sd, Instant at) {
        return store.store(sd, at).sd();
    }

    protected SelfDescription get(String hash) {
        return store.get(hash).orElseThrow(() -> new AssertionError("no self-description " + hash));
    }

    protected List<CatalogueEvent> events() {
        return store.events(0, 100_000);
    }

    protected static SdFilter filter() {
        return new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), List.of(), 0, 100);
    }

    protected static List<String> hashes(SdPage page) {
        return page.items().stream().map(SelfDescription::hash).toList();
    }

    // ================================================================================================ store

    @Test
    void aStoredSelfDescriptionIsActiveWithItsUploadAndStatusTime() {
        NewSelfDescription sd = sd(OFFERING).title("Object storage").expires(t(3600)).origin(null).build();

        Stored stored = store.store(sd, T0);

        SelfDescription m = stored.sd();
        assertThat(stored.deprecated()).isEmpty();
        assertThat(m.status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(m.uploadTime()).isEqualTo(T0);
        assertThat(m.statusTime()).isEqualTo(T0);
        assertThat(m).usingRecursiveComparison().ignoringFields("status", "uploadTime", "statusTime").isEqualTo(sd.metadata());
        assertThat(get(m.hash())).isEqualTo(m);
        SelfDescriptionStore.Content content = store.content(m.hash()).orElseThrow();
        assertThat(content.bytes()).isEqualTo(sd.content());
        assertThat(content.contentType()).isEqualTo("application/vc+jwt");
        assertThat(events()).containsExactly(new CatalogueEvent(1, Type.STORED, m.hash(), Lifecycle.ACTIVE, T0, null));
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void unknownHashesAreAbsent() {
        String unknown = TestSelfDescriptions.sha256("nothing");
        assertThat(store.get(unknown)).isEmpty();
        assertThat(store.content(unknown)).isEmpty();
        assertThat(store.bundled(unknown)).isEmpty();
        assertThat(store.carriers(unknown)).isZero();
        assertThat(store.projections(List.of(unknown))).isEmpty();
    }

    @Test
    void theSameContentAgainIsAConflictWhateverItsStatus() {
        NewSelfDescription sd = sd(OFFERING).build();
        String hash = stored(sd, T0).hash();

        assertThatThrownBy(() -> store.store(sd, t(1))).isInstanceOf(SdConflictException.class).hasMessageContaining(hash);
        store.revoke(hash, t(2));
        assertThatThrownBy(() -> store.store(sd, t(3))).isInstanceOf(SdConflictException.class).hasMessageContaining("revoked");

        assertThat(get(hash).uploadTime()).isEqualTo(T0);
        assertThat(events()).extracting(CatalogueEvent::type).containsExactly(Type.STORED, Type.STATUS);
    }

    @Test
    void aNewSelfDescriptionForTheSameSubjectDeprecatesTheActiveOne() {
        String v1 = stored(sd(OFFERING).build(), T0).hash();
        String other = stored(sd("https://provider.example/offerings/other#cs").build(), t(1)).hash();

        Stored v2 = store.store(sd(OFFERING).title("v2").build(), t(10));

        assertThat(v2.deprecated()).containsExactly(v1);
        assertThat(v2.sd().status()).isEqualTo(Lifecycle.ACTIVE);
        SelfDescription old = get(v1);
        assertThat(old.status()).isEqualTo(Lifecycle.DEPRECATED);
        assertThat(old.statusTime()).isEqualTo(t(10));
        assertThat(old.uploadTime()).isEqualTo(T0);
        assertThat(get(other).status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(events()).containsExactly(
                new CatalogueEvent(1, Type.STORED, v1, Lifecycle.ACTIVE, T0, null),
                new CatalogueEvent(2, Type.STORED, other, Lifecycle.ACTIVE, t(1), null),
                new CatalogueEvent(3, Type.STATUS, v1, Lifecycle.DEPRECATED, t(10), null),
                new CatalogueEvent(4, Type.STORED, v2.sd().hash(), Lifecycle.ACTIVE, t(10), null));
    }

    @Test
    void anOlderVersionArrivingLateIsStoredDeprecatedAndDoesNotReplaceTheNewerOne() {
        String newer = stored(sd(OFFERING).validFrom(T0).build(), t(1)).hash();

        Stored late = store.store(sd(OFFERING).validFrom(T0.minusSeconds(3600)).origin("https://peer.example").build(), t(2));

        assertThat(late.deprecated()).isEmpty();
        assertThat(late.sd().status()).isEqualTo(Lifecycle.DEPRECATED);
        assertThat(get(newer).status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(events()).containsExactly(
                new CatalogueEvent(1, Type.STORED, newer, Lifecycle.ACTIVE, t(1), null),
                new CatalogueEvent(2, Type.STORED, late.sd().hash(), Lifecycle.DEPRECATED, t(2), "https://peer.example"));

        // a version that starts later replaces it as usual
        Stored newest = store.store(sd(OFFERING).validFrom(T0.plusSeconds(3600)).build(), t(3));
        assertThat(newest.deprecated()).containsExactly(newer);
        assertThat(newest.sd().status()).isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void onlyTheActiveOneIsDeprecatedAndEventsCarryTheOrigin() {
        String revoked = stored(sd(OFFERING).origin("https://peer.example").build(), T0).hash();
        store.revoke(revoked, t(1));
        String active = stored(sd(OFFERING).origin("https://peer.example").build(), t(2)).hash();

        Stored next = store.store(sd(OFFERING).build(), t(3));

        assertThat(next.deprecated()).containsExactly(active);
        assertThat(get(revoked).status()).isEqualTo(Lifecycle.REVOKED);
        assertThat(get(revoked).statusTime()).isEqualTo(t(1));
        assertThat(events()).filteredOn(e -> e.hash().equals(active) && e.type() == Type.STATUS).singleElement()
                .satisfies(e -> assertThat(e.origin()).isEqualTo("https://peer.example"));
    }

    // ================================================================================================ lifecycle

    @Test
    void revokeOnlyFromActive() {
        String hash = stored(sd(OFFERING).build(), T0).hash();

        SelfDescription revoked = store.revoke(hash, t(5));

        assertThat(revoked.status()).isEqualTo(Lifecycle.REVOKED);
        assertThat(revoked.statusTime()).isEqualTo(t(5));
        assertThat(get(hash)).isEqualTo(revoked);
        assertThat(events().getLast()).isEqualTo(new CatalogueEvent(2, Type.STATUS, hash, Lifecycle.REVOKED, t(5), null));

        assertThatThrownBy(() -> store.revoke(hash, t(6))).isInstanceOf(SdConflictException.class).hasMessageContaining("revoked");
        String deprecated = stored(sd("https://provider.example/x#cs").build(), t(7)).hash();
        stored(sd("https://provider.example/x#cs").build(), t(8));
        assertThatThrownBy(() -> store.revoke(deprecated, t(9))).isInstanceOf(SdConflictException.class).hasMessageContaining("deprecated");
        String eol = stored(sd("https://provider.example/y#cs").expires(t(10)).build(), t(9)).hash();
        store.expire(t(10));
        assertThatThrownBy(() -> store.revoke(eol, t(11))).isInstanceOf(SdConflictException.class).hasMessageContaining("eol");
        assertThatThrownBy(() -> store.revoke(TestSelfDescriptions.sha256("none"), t(11))).isInstanceOf(SdNotFoundException.class);

        assertThat(get(hash).statusTime()).isEqualTo(t(5));
        assertThat(store.lastSequence()).isEqualTo(7);
    }

    @Test
    void deleteRemovesASelfDescriptionInAnyStatus() {
        String active = stored(sd("https://provider.example/a#cs").origin("https://peer.example").build(), T0).hash();
        String deprecated = stored(sd("https://provider.example/b#cs").build(), T0).hash();
        stored(sd("https://provider.example/b#cs").build(), t(1));
        String revoked = stored(sd("https://provider.example/c#cs").build(), T0).hash();
        store.revoke(revoked, t(1));
        String eol = stored(sd("https://provider.example/d#cs").expires(t(1)).build(), T0).hash();
        store.expire(t(1));
        long before = store.lastSequence();

        for (String hash : List.of(active, deprecated, revoked, eol)) {
            SelfDescription sd = get(hash);
            assertThat(store.delete(hash, t(20))).isEqualTo(sd);
            assertThat(store.get(hash)).isEmpty();
            assertThat(store.content(hash)).isEmpty();
            assertThat(store.projections(List.of(hash))).isEmpty();
        }

        assertThat(store.events(before, 10)).extracting(CatalogueEvent::type).containsOnly(Type.DELETED);
        assertThat(store.events(before, 10)).extracting(CatalogueEvent::hash).containsExactly(active, deprecated, revoked, eol);
        assertThat(store.events(before, 1).getFirst()).isEqualTo(new CatalogueEvent(before + 1, Type.DELETED, active, null, t(20), "https://peer.example"));
        assertThatThrownBy(() -> store.delete(active, t(21))).isInstanceOf(SdNotFoundException.class).hasMessageContaining(active);
        assertThat(store.list(filter()).totalCount()).isEqualTo(1);
    }

    @Test
    void deletingTheSelfDescriptionOfAParticipantDeletesTheParticipant() {
        Participant p = store.registerParticipant(participant("did:web:acme.example").build(), "ACME", "did:web:acme.example#key-1", T0);

        store.delete(p.sdHash(), t(1));

        assertThat(store.participant("did:web:acme.example")).isEmpty();
        assertThat(store.participants(0, 10).totalCount()).isZero();
    }

    @Test
    void expireMakesActiveSelfDescriptionsEolOnceTheirExpirationTimeIsReached() {
        String a = stored(sd("https://provider.example/a#cs").expires(t(10)).build(), T0).hash();
        String b = stored(sd("https://provider.example/b#cs").expires(t(20)).build(), T0).hash();
        String never = stored(sd("https://provider.example/c#cs").build(), T0).hash();
        String revoked = stored(sd("https://provider.example/d#cs").expires(t(5)).build(), T0).hash();
        store.revoke(revoked, t(1));
        String deprecated = stored(sd("https://provider.example/e#cs").expires(t(5)).build(), T0).hash();
        stored(sd("https://provider.example/e#cs").expires(t(50)).build(), t(1));

        assertThat(store.expire(t(9))).isEmpty();
        List<SelfDescription> expired = store.expire(t(10));

        assertThat(expired).extracting(SelfDescription::hash).containsExactly(a);
        assertThat(expired.getFirst().status()).isEqualTo(Lifecycle.EOL);
        assertThat(expired.getFirst().statusTime()).isEqualTo(t(10));
        assertThat(get(a)).isEqualTo(expired.getFirst());
        assertThat(events().getLast()).isEqualTo(new CatalogueEvent(store.lastSequence(), Type.STATUS, a, Lifecycle.EOL, t(10), null));
        assertThat(store.expire(t(10))).isEmpty();
        assertThat(store.expire(t(30))).extracting(SelfDescription::hash).containsExactly(b);
        assertThat(get(never).status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(get(revoked).status()).isEqualTo(Lifecycle.REVOKED);
        assertThat(get(deprecated).status()).isEqualTo(Lifecycle.DEPRECATED);
    }

    @Test
    void expireTakesEveryDueSelfDescriptionInOneGo() {
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            due.add(stored(sd("https://provider.example/" + i + "#cs").expires(t(10 - i)).build(), T0).hash());
        }
        long before = store.lastSequence();

        List<SelfDescription> expired = store.expire(t(10));

        assertThat(expired).extracting(SelfDescription::hash).containsExactlyInAnyOrderElementsOf(due);
        assertThat(store.events(before, 100)).hasSize(5).allSatisfy(e -> assertThat(e.status()).isEqualTo(Lifecycle.EOL));
    }

    // ================================================================================================ list

    /** Six self-descriptions with distinct attributes, in a known state. */
    protected record Catalogue(String a, String b, String c, String d, String e, String f) {
    }

    /**
     * a: offering, issuer i1, provider p1, validators k1+k2, uploaded t0, active (status t0)
     * b: resource, issuer i2, provider p2, validator k2, uploaded t10, active (status t10)
     * c: participant, issuer i3, provider i3, validator k3, uploaded t20, revoked at t30
     * d: offering, issuer i1, provider p1, validator k1, uploaded t20, deprecated at t40 by e
     * e: offering (same subject as d), issuer i1, provider p1, validator k1, uploaded t40, active (status t40)
     * f: data product, issuer i2, provider p2, no validator, uploaded t40, active (status t40)
     */
    protected Catalogue catalogue() {
        String a = stored(sd("https://p1.example/a#cs").issuer("did:web:i1").provider("did:web:p1").validators("did:web:i1#k1", "did:web:i1#k2").build(), t(0)).hash();
        String b = stored(sd("https://p2.example/b#cs").issuer("did:web:i2").provider("did:web:p2").validators("did:web:i1#k2")
                .kind(SdKind.RESOURCE, TestSelfDescriptions.GX + "DataResource").build(), t(10)).hash();
        String c = stored(participant("did:web:i3").validators("did:web:i3#k3").build(), t(20)).hash();
        String d = stored(sd("https://p1.example/d#cs").issuer("did:web:i1").provider("did:web:p1").validators("did:web:i1#k1").build(), t(20)).hash();
        store.revoke(c, t(30));
        String e = stored(sd("https://p1.example/d#cs").issuer("did:web:i1").provider("did:web:p1").validators("did:web:i1#k1").build(), t(40)).hash();
        String f = stored(sd("https://p2.example/f#cs").issuer("did:web:i2").provider("did:web:p2").validators()
                .kind(SdKind.DATA_PRODUCT, TestSelfDescriptions.GX + "DataProduct").build(), t(40)).hash();
        return new Catalogue(a, b, c, d, e, f);
    }

    private static List<String> byStatusTimeThenHash(Map<String, Instant> statusTimes) {
        List<String> ordered = new ArrayList<>(statusTimes.keySet());
        ordered.sort((x, y) -> statusTimes.get(x).equals(statusTimes.get(y)) ? x.compareTo(y) : statusTimes.get(y).compareTo(statusTimes.get(x)));
        return ordered;
    }

    @Test
    void withNoFilterOnlyActiveOnesAreListedNewestStatusFirstThenByHash() {
        Catalogue cat = catalogue();

        SdPage page = store.list(filter());

        assertThat(page.totalCount()).isEqualTo(4);
        assertThat(hashes(page)).containsExactlyElementsOf(byStatusTimeThenHash(Map.of(cat.a(), t(0), cat.b(), t(10), cat.e(), t(40), cat.f(), t(40))));
        assertThat(hashes(store.list(SdFilter.active(100)))).isEqualTo(hashes(page));
    }

    @Test
    void everyFilterOfTheList() {
        Catalogue cat = catalogue();
        SdFilter all = filter();
        Set<Lifecycle> every = Set.of(Lifecycle.values());

        assertThat(hashes(store.list(with(all, every)))).containsExactlyElementsOf(byStatusTimeThenHash(Map.of(cat.a(), t(0), cat.b(), t(10),
                cat.c(), t(30), cat.d(), t(40), cat.e(), t(40), cat.f(), t(40))));
        // time ranges are inclusive at both ends
        assertThat(hashes(store.list(new SdFilter(t(10), t(20), null, null, List.of(), List.of(), every, List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.b(), cat.c(), cat.d());
        assertThat(hashes(store.list(new SdFilter(t(40), null, null, null, List.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .as("a filter without statuses lists every status").containsExactlyInAnyOrder(cat.e(), cat.f());
        assertThat(hashes(store.list(new SdFilter(null, t(0), null, null, List.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactly(cat.a());
        assertThat(hashes(store.list(new SdFilter(null, null, t(10), t(30), List.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactly(cat.c(), cat.b());
        assertThat(hashes(store.list(new SdFilter(null, null, t(40), t(40), List.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.d(), cat.e(), cat.f());
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of("did:web:i2", "did:web:nobody"), List.of(), Set.of(), List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.b(), cat.f());
        // validators: any overlap
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of(), List.of("did:web:i1#k2", "did:web:i3#k3"), Set.of(), List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.a(), cat.b(), cat.c());
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(Lifecycle.REVOKED, Lifecycle.DEPRECATED), List.of(), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.c(), cat.d());
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(), List.of("https://p1.example/d#cs"), List.of(), Set.of(), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.d(), cat.e());
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(), List.of(), List.of(cat.a(), cat.c()), Set.of(), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.a(), cat.c());
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(SdKind.RESOURCE, SdKind.PARTICIPANT), List.of(), 0, 100))))
                .containsExactlyInAnyOrder(cat.b(), cat.c());
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), List.of("did:web:p1"), 0, 100))))
                .containsExactlyInAnyOrder(cat.a(), cat.d(), cat.e());
        // filters combine with AND
        assertThat(hashes(store.list(new SdFilter(null, null, null, null, List.of("did:web:i1"), List.of("did:web:i1#k1"), Set.of(Lifecycle.ACTIVE), List.of(), List.of(), Set.of(SdKind.SERVICE_OFFERING), List.of("did:web:p1"), 0, 100))))
                .containsExactlyInAnyOrder(cat.a(), cat.e());
        assertThat(store.list(new SdFilter(null, null, null, null, List.of("did:web:i2"), List.of(), Set.of(), List.of(), List.of(), Set.of(SdKind.PARTICIPANT), List.of(), 0, 100)).totalCount())
                .isZero();
    }

    private static SdFilter with(SdFilter f, Set<Lifecycle> statuses) {
        return new SdFilter(f.uploadFrom(), f.uploadTo(), f.statusFrom(), f.statusTo(), f.issuers(), f.validators(), statuses, f.ids(),
                f.hashes(), f.kinds(), f.providers(), f.offset(), f.limit());
    }

    @Test
    void pagesOfTheListCountEveryMatch() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(stored(sd("https://provider.example/" + i + "#cs").build(), t(i)).hash());
        }
        Collections.reverse(all);
        Set<Lifecycle> active = Set.of(Lifecycle.ACTIVE);

        SdPage first = store.list(new SdFilter(null, null, null, null, List.of(), List.of(), active, List.of(), List.of(), Set.of(), List.of(), 0, 3));
        SdPage third = store.list(new SdFilter(null, null, null, null, List.of(), List.of(), active, List.of(), List.of(), Set.of(), List.of(), 6, 3));
        SdPage none = store.list(new SdFilter(null, null, null, null, List.of(), List.of(), active, List.of(), List.of(), Set.of(), List.of(), 2, 0));
        SdPage beyond = store.list(new SdFilter(null, null, null, null, List.of(), List.of(), active, List.of(), List.of(), Set.of(), List.of(), 9, 3));

        assertThat(first.totalCount()).isEqualTo(7);
        assertThat(hashes(first)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(hashes(third)).containsExactly(all.get(6));
        assertThat(none.items()).isEmpty();
        assertThat(none.totalCount()).isEqualTo(7);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.totalCount()).isEqualTo(7);
    }

    @Test
    void contentsOfSeveralAtOnce() {
        NewSelfDescription x = sd("https://provider.example/x#cs").format("jsonld-vp", "application/vp+ld+json").build();
        NewSelfDescription y = sd("https://provider.example/y#cs").build();
        String hx = stored(x, T0).hash();
        String hy = stored(y, T0).hash();

        Map<String, SelfDescriptionStore.Content> contents = store.contents(List.of(hx, hy, TestSelfDescriptions.sha256("absent")));

        assertThat(contents).containsOnlyKeys(hx, hy);
        assertThat(contents.get(hx).bytes()).isEqualTo(x.content());
        assertThat(contents.get(hx).contentType()).isEqualTo("application/vp+ld+json");
        assertThat(contents.get(hy).bytes()).isEqualTo(y.content());
        assertThat(store.contents(List.of())).isEmpty();
    }

    // ================================================================================================ bundled credentials

    @Test
    void bundledCredentialsAreStoredOnceByHashHoweverManySelfDescriptionsCarryThem() {
        BundledCredential legalPerson = credential("legal-person");
        BundledCredential vat = credential("vat");
        BundledCredential terms = credential("terms");
        String a = stored(sd("https://provider.example/a#cs").bundled(legalPerson, vat).build(), T0).hash();
        String b = stored(sd("https://provider.example/b#cs").bundled(vat, legalPerson, terms).build(), t(1)).hash();
        // the same hash with other bytes is the same credential: the first copy is kept
        String c = stored(sd("https://provider.example/c#cs").bundled(credential("vat", "another copy")).build(), t(2)).hash();

        assertThat(store.bundled(a)).extracting(BundledCredential::hash).containsExactly(legalPerson.hash(), vat.hash());
        assertThat(store.bundled(b)).extracting(BundledCredential::id).containsExactly(legalPerson.id(), terms.id(), vat.id());
        assertThat(store.carriers(legalPerson.hash())).isEqualTo(2);
        assertThat(store.carriers(vat.hash())).isEqualTo(3);
        assertThat(store.carriers(terms.hash())).isEqualTo(1);
        BundledCredential read = store.bundled(c).getFirst();
        assertThat(read).usingRecursiveComparison().isEqualTo(vat);
        assertThat(new String(read.content(), StandardCharsets.UTF_8)).isEqualTo("content of vat");
        assertThat(store.bundled(stored(sd("https://provider.example/d#cs").build(), t(3)).hash())).isEmpty();
    }

    @Test
    void deletingASelfDescriptionRemovesTheBundledCredentialsNoOtherOneCarries() {
        BundledCredential shared = credential("shared");
        BundledCredential own = credential("own");
        String a = stored(sd("https://provider.example/a#cs").bundled(shared, own).build(), T0).hash();
        String b = stored(sd("https://provider.example/b#cs").bundled(shared).build(), T0).hash();

        store.delete(a, t(1));

        assertThat(store.carriers(shared.hash())).isEqualTo(1);
        assertThat(store.carriers(own.hash())).isZero();
        assertThat(store.bundled(b)).extracting(BundledCredential::hash).containsExactly(shared.hash());
        assertThat(storedCredentials()).containsExactly(shared.hash());
        store.delete(b, t(2));
        assertThat(store.carriers(shared.hash())).isZero();
        assertThat(storedCredentials()).isEmpty();
    }

    /**
     * The hashes of every bundled credential the implementation holds, carried or not (to prove orphans are removed);
     * what is not carried cannot be seen through the interface.
     */
    protected abstract Set<String> storedCredentials();

    // ================================================================================================ participants

    @Test
    void aParticipantIsRegisteredWithItsSelfDescription() {
        NewSelfDescription sd = participant("did:web:acme.example").build();

        Participant p = store.registerParticipant(sd, "ACME", "did:web:acme.example#key-1", T0);

        assertThat(p).isEqualTo(new Participant("did:web:acme.example", "ACME", "did:web:acme.example#key-1", sd.metadata().hash(), T0, T0));
        assertThat(store.participant("did:web:acme.example")).contains(p);
        assertThat(get(sd.metadata().hash()).status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(events()).extracting(CatalogueEvent::type, CatalogueEvent::hash).containsExactly(org.assertj.core.groups.Tuple.tuple(Type.STORED, sd.metadata().hash()));
        assertThat(store.participant("did:web:nobody.example")).isEmpty();
    }

    @Test
    void registeringTheSameParticipantTwiceIsAConflictThatStoresNothing() {
        store.registerParticipant(participant("did:web:acme.example").build(), "ACME", null, T0);
        NewSelfDescription second = participant("did:web:acme.example").build();

        assertThatThrownBy(() -> store.registerParticipant(second, "ACME again", null, t(1)))
                .isInstanceOf(SdConflictException.class).hasMessageContaining("did:web:acme.example");

        assertThat(store.get(second.metadata().hash())).isEmpty();
        assertThat(store.participant("did:web:acme.example").orElseThrow().name()).isEqualTo("ACME");
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void registeringWithAStoredSelfDescriptionIsAConflictThatRegistersNobody() {
        NewSelfDescription sd = participant("did:web:acme.example").build();
        stored(sd, T0);

        assertThatThrownBy(() -> store.registerParticipant(sd, "ACME", null, t(1))).isInstanceOf(SdConflictException.class);

        assertThat(store.participant("did:web:acme.example")).isEmpty();
    }

    @Test
    void anUpdateFollowsTheNewSelfDescriptionAndDeprecatesTheOldOne() {
        NewSelfDescription v1 = participant("did:web:acme.example").build();
        store.registerParticipant(v1, "ACME", "did:web:acme.example#key-1", T0);
        NewSelfDescription v2 = participant("did:web:acme.example").build();

        Participant updated = store.updateParticipant("did:web:acme.example", v2, "ACME Ltd", "did:web:acme.example#key-2", t(5));

        assertThat(updated).isEqualTo(new Participant("did:web:acme.example", "ACME Ltd", "did:web:acme.example#key-2", v2.metadata().hash(), T0, t(5)));
        assertThat(get(v1.metadata().hash()).status()).isEqualTo(Lifecycle.DEPRECATED);
        assertThat(get(v2.metadata().hash()).status()).isEqualTo(Lifecycle.ACTIVE);
        assertThatThrownBy(() -> store.updateParticipant("did:web:nobody.example", participant("did:web:nobody.example").build(), "x", null, t(6)))
                .isInstanceOf(SdNotFoundException.class);
        assertThatThrownBy(() -> store.updateParticipant("did:web:acme.example", v2, "again", null, t(6)))
                .isInstanceOf(SdConflictException.class);
        assertThat(store.participant("did:web:acme.example")).contains(updated);
    }

    @Test
    void anUpdateWhoseSelfDescriptionHasAnotherSubjectStillDeprecatesTheOldOne() {
        NewSelfDescription v1 = participant("did:web:acme.example").build();
        store.registerParticipant(v1, "ACME", null, T0);
        // Loire participants describe a LegalPerson subject (e.g. .../legal-person.json#cs) that a new version may rename
        NewSelfDescription v2 = sd("https://acme.example/credentials/legal-person-2.json#cs").issuer("did:web:acme.example")
                .provider("did:web:acme.example").kind(SdKind.PARTICIPANT, TestSelfDescriptions.GX + "LegalPerson").build();

        store.updateParticipant("did:web:acme.example", v2, "ACME", null, t(5));

        assertThat(get(v1.metadata().hash()).status()).isEqualTo(Lifecycle.DEPRECATED);
        assertThat(store.list(new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(Lifecycle.ACTIVE), List.of(), List.of(),
                Set.of(SdKind.PARTICIPANT), List.of("did:web:acme.example"), 0, 10)).items()).extracting(SelfDescription::hash)
                .containsExactly(v2.metadata().hash());
    }

    @Test
    void aRegisteredParticipantFollowsItsNewestSelfDescriptionHoweverItWasSubmitted() {
        store.registerParticipant(participant("did:web:acme.example").build(), "ACME", null, T0);
        NewSelfDescription v2 = participant("did:web:acme.example").build();

        Stored stored = store.store(v2, t(3));

        Participant p = store.participant("did:web:acme.example").orElseThrow();
        assertThat(p.sdHash()).isEqualTo(v2.metadata().hash());
        assertThat(p.updated()).isEqualTo(t(3));
        assertThat(stored.deprecated()).hasSize(1);
    }

    @Test
    void participantsArePagedById() {
        for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
            store.registerParticipant(participant("did:web:" + name + ".example").build(), name, null, T0);
        }

        SelfDescriptionStore.ParticipantPage first = store.participants(0, 2);
        SelfDescriptionStore.ParticipantPage last = store.participants(4, 2);

        assertThat(first.totalCount()).isEqualTo(5);
        assertThat(first.items()).extracting(Participant::name).containsExactly("alpha", "bravo");
        assertThat(last.items()).extracting(Participant::name).containsExactly("echo");
        assertThat(store.participants(1, 3).items()).extracting(Participant::name).containsExactly("bravo", "charlie", "delta");
        assertThat(store.participants(0, 0).items()).isEmpty();
        assertThat(store.participants(0, 0).totalCount()).isEqualTo(5);
    }

    @Test
    void deletingAParticipantDeletesItsSelfDescription() {
        Participant p = store.registerParticipant(participant("did:web:acme.example").build(), "ACME", null, T0);
        store.registerParticipant(participant("did:web:other.example").build(), "Other", null, T0);

        assertThat(store.deleteParticipant("did:web:acme.example", t(1))).isEqualTo(p);

        assertThat(store.participant("did:web:acme.example")).isEmpty();
        assertThat(store.get(p.sdHash())).isEmpty();
        assertThat(events().getLast()).isEqualTo(new CatalogueEvent(3, Type.DELETED, p.sdHash(), null, t(1), null));
        assertThat(store.participants(0, 10).items()).extracting(Participant::id).containsExactly("did:web:other.example");
        assertThatThrownBy(() -> store.deleteParticipant("did:web:acme.example", t(2))).isInstanceOf(SdNotFoundException.class);
    }

    // ================================================================================================ search

    /** Four offerings and a participant with words to find. */
    protected Map<String, String> searchable() {
        Map<String, String> h = new HashMap<>();
        h.put("storage", stored(sd("https://p1.example/storage#cs").provider("did:web:p1").title("Object storage")
                .text("durable object storage storage storage in Frankfurt").build(), t(1)).hash());
        h.put("backup", stored(sd("https://p1.example/backup#cs").provider("did:web:p1").title("Backup")
                .text("encrypted backup to object storage in Paris").build(), t(2)).hash());
        h.put("compute", stored(sd("https://p2.example/compute#cs").provider("did:web:p2").title("Compute")
                .text("virtual machines in Frankfurt").build(), t(3)).hash());
        h.put("dataset", stored(sd("https://p2.example/dataset#cs").provider("did:web:p2").kind(SdKind.DATA_PRODUCT, TestSelfDescriptions.GX + "DataProduct")
                .title("Weather data").text("hourly weather observations Frankfurt").build(), t(4)).hash());
        h.put("participant", stored(participant("did:web:p2").title("Provider Two").text("cloud provider in Frankfurt").build(), t(5)).hash());
        h.put("old", stored(sd("https://p1.example/old#cs").provider("did:web:p1").title("Old storage").text("tape storage Frankfurt").build(), t(6)).hash());
        store.revoke(h.get("old"), t(7));
        return h;
    }

    private static SdSearch search(String text) {
        return new SdSearch(text, Set.of(), List.of(), Set.of(), 0, 100);
    }

    private static List<String> hits(SdSearch.Result result) {
        return result.hits().stream().map(hit -> hit.sd().hash()).toList();
    }

    @Test
    void fullTextSearchUsesWebSearchSyntaxOverActiveOnesByDefault() {
        Map<String, String> h = searchable();

        assertThat(hits(store.search(search("frankfurt")))).containsExactlyInAnyOrder(h.get("storage"), h.get("compute"), h.get("dataset"), h.get("participant"));
        assertThat(hits(store.search(search("\"object storage\"")))).containsExactlyInAnyOrder(h.get("storage"), h.get("backup"));
        assertThat(hits(store.search(search("\"storage object\"")))).isEmpty();
        assertThat(hits(store.search(search("paris or machines")))).containsExactlyInAnyOrder(h.get("backup"), h.get("compute"));
        assertThat(hits(store.search(search("frankfurt -weather -provider")))).containsExactlyInAnyOrder(h.get("storage"), h.get("compute"));
        assertThat(hits(store.search(search("storage frankfurt")))).containsExactly(h.get("storage"));
        assertThat(hits(store.search(new SdSearch("tape", Set.of(), List.of(), Set.of(Lifecycle.REVOKED), 0, 10)))).containsExactly(h.get("old"));
        assertThat(store.search(search("tape")).totalCount()).isZero();
        // subject ids (IRIs, DIDs) are searchable as typed, also excluded
        assertThat(hits(store.search(search("https://p2.example/compute#cs")))).containsExactly(h.get("compute"));
        assertThat(hits(store.search(search("did:web:p2")))).containsExactly(h.get("participant"));
        assertThat(hits(store.search(search("frankfurt -https://p2.example/compute#cs -did:web:p2"))))
                .containsExactlyInAnyOrder(h.get("storage"), h.get("dataset"));
        assertThat(hits(store.search(search("paris or https://p2.example/compute#cs")))).containsExactlyInAnyOrder(h.get("backup"), h.get("compute"));
        assertThat(store.search(search("")).totalCount()).isEqualTo(5);
        assertThat(store.search(search("   ")).totalCount()).isEqualTo(5);
        assertThat(store.search(search("nowhere")).hits()).isEmpty();
    }

    @Test
    void theSameSearchAskedAgainAfterAWriteSeesTheWrite() {
        Map<String, String> h = searchable();
        SdSearch frankfurt = search("frankfurt");
        assertThat(store.search(frankfurt).totalCount()).isEqualTo(4);
        assertThat(store.search(frankfurt).totalCount()).as("asked again, nothing written").isEqualTo(4);

        String added = stored(sd("https://p3.example/archive#cs").provider("did:web:p3").title("Archive").text("archive in Frankfurt").build(), t(8)).hash();
        SdSearch.Result afterStore = store.search(frankfurt);
        assertThat(afterStore.totalCount()).isEqualTo(5);
        assertThat(hits(afterStore)).contains(added);
        assertThat(afterStore.facets().get("provider")).containsKey("did:web:p3");

        store.revoke(added, t(9));
        assertThat(hits(store.search(frankfurt))).doesNotContain(added);
        assertThat(hits(store.search(new SdSearch("frankfurt", Set.of(), List.of(), Set.of(Lifecycle.REVOKED), 0, 10))))
                .containsExactlyInAnyOrder(added, h.get("old"));
    }

    @Test
    void hitsAreRankedByRelevanceThenNewestFirst() {
        Map<String, String> h = searchable();

        SdSearch.Result result = store.search(search("storage"));

        assertThat(hits(result)).containsExactly(h.get("storage"), h.get("backup"));
        assertThat(result.hits().get(0).rank()).isGreaterThan(result.hits().get(1).rank());
        // without text every hit ranks the same: newest status time first
        assertThat(hits(store.search(new SdSearch("", Set.of(), List.of("did:web:p1"), Set.of(), 0, 10))))
                .containsExactly(h.get("backup"), h.get("storage"));
    }

    @Test
    void facetsCountEachDimensionWithEveryFilterButItsOwn() {
        Map<String, String> h = searchable();

        SdSearch.Result result = store.search(new SdSearch("frankfurt", Set.of(SdKind.SERVICE_OFFERING), List.of("did:web:p2"), Set.of(), 0, 10));

        assertThat(hits(result)).containsExactly(h.get("compute"));
        assertThat(result.totalCount()).isEqualTo(1);
        assertThat(result.facets()).containsOnlyKeys("kind", "provider", "keyword", "country", "compliance", "status");
        // kind: frankfurt + provider p2 + active, any kind
        assertThat(result.facets().get("kind")).containsExactlyInAnyOrderEntriesOf(Map.of("service-offering", 1L, "data-product", 1L, "participant", 1L));
        // provider: frankfurt + offering + active, any provider
        assertThat(result.facets().get("provider")).containsExactlyInAnyOrderEntriesOf(Map.of("did:web:p1", 1L, "did:web:p2", 1L));
        // status: frankfurt + offering + p2, any status
        assertThat(result.facets().get("status")).containsExactlyInAnyOrderEntriesOf(Map.of("active", 1L));
        SdSearch.Result p1 = store.search(new SdSearch("frankfurt", Set.of(), List.of("did:web:p1"), Set.of(), 0, 10));
        assertThat(p1.facets().get("status")).containsExactlyInAnyOrderEntriesOf(Map.of("active", 1L, "revoked", 1L));
    }

    @Test
    void searchResultsArePaged() {
        Map<String, String> h = searchable();

        SdSearch.Result first = store.search(new SdSearch("frankfurt", Set.of(), List.of(), Set.of(), 0, 2));
        SdSearch.Result second = store.search(new SdSearch("frankfurt", Set.of(), List.of(), Set.of(), 2, 2));
        SdSearch.Result beyond = store.search(new SdSearch("frankfurt", Set.of(), List.of(), Set.of(), 4, 2));

        assertThat(first.totalCount()).isEqualTo(4);
        assertThat(second.totalCount()).isEqualTo(4);
        assertThat(first.hits()).hasSize(2);
        assertThat(second.hits()).hasSize(2);
        assertThat(beyond.hits()).isEmpty();
        List<String> both = new ArrayList<>(hits(first));
        both.addAll(hits(second));
        assertThat(both).containsExactlyInAnyOrder(h.get("storage"), h.get("compute"), h.get("dataset"), h.get("participant"));
        assertThat(both).containsExactlyElementsOf(hits(store.search(search("frankfurt"))));
    }

    /** Offerings with keywords, countries and compliance statuses; one of them revoked. */
    protected Map<String, String> faceted() {
        Map<String, String> h = new HashMap<>();
        h.put("a", stored(sd("https://p1.example/a#cs").provider("did:web:p1").title("beta storage").text("cloud")
                .keywords("storage", "S3 & more \"quoted\"").countries("DE", "FR").compliance(Compliance.COMPLIANT).build(), t(1)).hash());
        h.put("b", stored(sd("https://p1.example/b#cs").provider("did:web:p1").title("Alpha backup").text("cloud")
                .keywords("backup", "storage").countries("DE").compliance(Compliance.NONE).build(), t(2)).hash());
        h.put("c", stored(sd("https://p2.example/c#cs").provider("did:web:p2").title("gamma compute").text("cloud")
                .keywords("compute").countries("BE").compliance(Compliance.NON_COMPLIANT).build(), t(3)).hash());
        h.put("d", stored(sd("https://p2.example/d#cs").provider("did:web:p2").text("cloud").build(), t(4)).hash());
        h.put("old", stored(sd("https://p2.example/old#cs").provider("did:web:p2").title("Old").text("cloud")
                .keywords("storage").countries("IT").compliance(Compliance.COMPLIANT).build(), t(5)).hash());
        store.revoke(h.get("old"), t(6));
        return h;
    }

    private static SdSearch facetSearch(String text, List<String> keywords, List<String> countries, Set<Compliance> compliance) {
        return new SdSearch(text, Set.of(), List.of(), Set.of(), keywords, countries, compliance, SdSearch.Sort.RELEVANCE, 0, 100);
    }

    @Test
    void keywordCountryAndComplianceFilterAndAreCountedWithEveryFilterButTheirOwn() {
        Map<String, String> h = faceted();

        SdSearch.Result all = store.search(facetSearch("cloud", List.of(), List.of(), Set.of()));
        assertThat(all.totalCount()).isEqualTo(4);
        assertThat(all.facets().get("keyword")).containsExactlyInAnyOrderEntriesOf(Map.of("storage", 2L, "S3 & more \"quoted\"", 1L,
                "backup", 1L, "compute", 1L));
        assertThat(all.facets().get("keyword").keySet()).first().isEqualTo("storage"); // most frequent first
        assertThat(all.facets().get("country")).containsExactly(Map.entry("DE", 2L), Map.entry("BE", 1L), Map.entry("FR", 1L));
        assertThat(all.facets().get("compliance")).containsExactlyInAnyOrderEntriesOf(Map.of("compliant", 1L, "none", 2L, "non-compliant", 1L));
        // the hits carry their facet values
        assertThat(all.hits()).filteredOn(hit -> hit.sd().hash().equals(h.get("a"))).singleElement()
                .satisfies(hit -> assertThat(hit.facets()).isEqualTo(new SdFacets(List.of("storage", "S3 & more \"quoted\""),
                        List.of("DE", "FR"), Compliance.COMPLIANT)));

        // any of the values of one filter; every filter
        assertThat(hits(store.search(facetSearch("", List.of("storage"), List.of(), Set.of())))).containsExactlyInAnyOrder(h.get("a"), h.get("b"));
        assertThat(hits(store.search(facetSearch("", List.of("backup", "compute"), List.of(), Set.of())))).containsExactlyInAnyOrder(h.get("b"), h.get("c"));
        assertThat(hits(store.search(facetSearch("", List.of("S3 & more \"quoted\""), List.of(), Set.of())))).containsExactly(h.get("a"));
        assertThat(hits(store.search(facetSearch("", List.of(), List.of("fr", "be"), Set.of())))).containsExactlyInAnyOrder(h.get("a"), h.get("c"));
        assertThat(hits(store.search(facetSearch("", List.of(), List.of(), Set.of(Compliance.COMPLIANT))))).containsExactly(h.get("a"));
        assertThat(hits(store.search(facetSearch("", List.of("storage"), List.of("DE"), Set.of(Compliance.NONE))))).containsExactly(h.get("b"));
        assertThat(store.search(facetSearch("", List.of("STORAGE"), List.of(), Set.of())).totalCount()).isZero();

        // keyword storage: the keyword facet ignores it, the others apply it
        SdSearch.Result storage = store.search(facetSearch("cloud", List.of("storage"), List.of(), Set.of()));
        assertThat(storage.facets().get("keyword")).containsEntry("compute", 1L).containsEntry("storage", 2L);
        assertThat(storage.facets().get("country")).containsExactly(Map.entry("DE", 2L), Map.entry("FR", 1L));
        assertThat(storage.facets().get("compliance")).containsExactlyInAnyOrderEntriesOf(Map.of("compliant", 1L, "none", 1L));
        assertThat(storage.facets().get("kind")).containsExactly(Map.entry("service-offering", 2L));
        // statuses widen the counts to the revoked one
        SdSearch revokedToo = new SdSearch("cloud", Set.of(), List.of(), Set.of(Lifecycle.ACTIVE, Lifecycle.REVOKED), List.of("storage"),
                List.of(), Set.of(), SdSearch.Sort.RELEVANCE, 0, 10);
        assertThat(store.search(revokedToo).facets().get("country")).containsEntry("IT", 1L).containsEntry("DE", 2L);
        assertThat(store.search(revokedToo).facets().get("status")).containsExactlyInAnyOrderEntriesOf(Map.of("active", 2L, "revoked", 1L));
    }

    @Test
    void hitsAreSortedByRelevanceNewestOldestOrNameAndPagedInThatOrder() {
        Map<String, String> h = faceted();

        assertThat(hits(store.search(sorted("cloud", SdSearch.Sort.NEWEST, 0, 10)))).containsExactly(h.get("d"), h.get("c"), h.get("b"), h.get("a"));
        assertThat(hits(store.search(sorted("", SdSearch.Sort.OLDEST, 0, 10)))).containsExactly(h.get("a"), h.get("b"), h.get("c"), h.get("d"));
        // by name, case-insensitively; without a title by subject id
        assertThat(hits(store.search(sorted("cloud", SdSearch.Sort.NAME, 0, 10)))).containsExactly(h.get("b"), h.get("a"), h.get("c"), h.get("d"));
        assertThat(hits(store.search(sorted("cloud", SdSearch.Sort.NAME, 1, 2)))).containsExactly(h.get("a"), h.get("c"));
        // relevance without text: newest status time first
        assertThat(hits(store.search(sorted("", SdSearch.Sort.RELEVANCE, 0, 10)))).containsExactly(h.get("d"), h.get("c"), h.get("b"), h.get("a"));
        assertThat(SdSearch.Sort.parse(" Name ")).contains(SdSearch.Sort.NAME);
        assertThat(SdSearch.Sort.parse("cheapest")).isEmpty();
    }

    private static SdSearch sorted(String text, SdSearch.Sort sort, int offset, int limit) {
        return new SdSearch(text, Set.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), sort, offset, limit);
    }

    @Test
    void theFacetsAndTheIngestReportAreRecordedWithTheSelfDescription() {
        IngestReport report = new IngestReport(List.of(new IngestReport.CheckRow("urn:vp", "VerifiablePresentation", "signature", "passed", "ES256"),
                new IngestReport.CheckRow("urn:vc", "VerifiableCredential", "validity", "skipped", "")), List.of("skipped: urn:vc: validity"),
                "conforms to the shapes", new IngestReport.ComplianceInfo(Compliance.COMPLIANT, "https://ch.example/label/1", "gx:LabelCredential",
                "did:web:ch.example", "SC", "2026-01-01T00:00:00Z", null, List.of("urn:vc"), List.of()));
        String hash = stored(sd(OFFERING).keywords("k <b>").countries("DE").compliance(Compliance.COMPLIANT).report(report).build(), t(1)).hash();
        // without facets and report, as callers that do not know them store it
        NewSelfDescription plain = sd("https://provider.example/other#cs").build();
        String other = stored(new NewSelfDescription(plain.metadata(), plain.content(), plain.claims(), plain.prefixes(), plain.bundled(),
                plain.searchText()), t(2)).hash();

        SelfDescriptionStore.Recorded recorded = store.recorded(hash).orElseThrow();
        assertThat(recorded.facets()).isEqualTo(new SdFacets(List.of("k <b>"), List.of("DE"), Compliance.COMPLIANT));
        assertThat(recorded.report()).isEqualTo(report);
        assertThat(store.recorded(other).orElseThrow()).isEqualTo(new SelfDescriptionStore.Recorded(SdFacets.NOT_RECORDED, null));
        assertThat(store.recorded("0".repeat(64))).isEmpty();
    }

    @Test
    void theVersionsOfASubjectAreListedNewestFirstWithTheirEvents() {
        String first = stored(sd(OFFERING).validFrom(t(-10)).build(), t(1)).hash();
        String second = stored(sd(OFFERING).validFrom(t(-5)).build(), t(2)).hash();
        store.revoke(second, t(3));
        stored(sd("https://provider.example/unrelated#cs").build(), t(4));

        List<SelfDescriptionStore.Version> versions = store.versions(OFFERING);

        assertThat(versions).extracting(v -> v.sd().hash()).containsExactly(second, first);
        assertThat(versions.get(0).events()).extracting(CatalogueEvent::status).containsExactly(Lifecycle.ACTIVE, Lifecycle.REVOKED);
        assertThat(versions.get(0).events()).extracting(CatalogueEvent::at).containsExactly(t(2), t(3));
        assertThat(versions.get(1).events()).extracting(CatalogueEvent::status).containsExactly(Lifecycle.ACTIVE, Lifecycle.DEPRECATED);
        assertThat(versions.get(1).sd().status()).isEqualTo(Lifecycle.DEPRECATED);
        assertThat(store.versions("https://nobody.example/x")).isEmpty();
    }

    // ================================================================================================ event log

    @Test
    void theEventLogIsGapFreeInCommitOrderAndReadInWindows() {
        String a = stored(sd("https://provider.example/a#cs").expires(t(5)).build(), T0).hash();
        String b = stored(sd("https://provider.example/a#cs").expires(t(5)).build(), t(1)).hash();
        store.expire(t(5));
        store.delete(a, t(6));
        String c = stored(sd("https://provider.example/c#cs").build(), t(7)).hash();
        store.revoke(c, t(8));

        List<CatalogueEvent> all = events();

        assertThat(all).extracting(CatalogueEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(all).containsExactly(
                new CatalogueEvent(1, Type.STORED, a, Lifecycle.ACTIVE, T0, null),
                new CatalogueEvent(2, Type.STATUS, a, Lifecycle.DEPRECATED, t(1), null),
                new CatalogueEvent(3, Type.STORED, b, Lifecycle.ACTIVE, t(1), null),
                new CatalogueEvent(4, Type.STATUS, b, Lifecycle.EOL, t(5), null),
                new CatalogueEvent(5, Type.DELETED, a, null, t(6), null),
                new CatalogueEvent(6, Type.STORED, c, Lifecycle.ACTIVE, t(7), null),
                new CatalogueEvent(7, Type.STATUS, c, Lifecycle.REVOKED, t(8), null));
        assertThat(store.lastSequence()).isEqualTo(7);
        assertThat(store.events(2, 3)).containsExactlyElementsOf(all.subList(2, 5));
        assertThat(store.events(6, 10)).containsExactly(all.get(6));
        assertThat(store.events(7, 10)).isEmpty();
        assertThat(store.events(0, 0)).isEmpty();
    }

    @Test
    void anEmptyStoreHasNoEvents() {
        assertThat(store.lastSequence()).isZero();
        assertThat(store.events(0, 10)).isEmpty();
        assertThat(store.snapshot(p -> {
            throw new AssertionError("nothing to stream");
        })).isZero();
    }

    @Test
    void aFailedWriteAppendsNoEvent() {
        String hash = stored(sd(OFFERING).build(), T0).hash();
        store.revoke(hash, t(1));

        assertThatThrownBy(() -> store.revoke(hash, t(2))).isInstanceOf(SdConflictException.class);
        assertThatThrownBy(() -> store.delete(TestSelfDescriptions.sha256("x"), t(2))).isInstanceOf(SdNotFoundException.class);
        assertThatThrownBy(() -> store.deleteParticipant("did:web:nobody", t(2))).isInstanceOf(SdNotFoundException.class);

        assertThat(store.lastSequence()).isEqualTo(2);
        assertThat(store.events(0, 100)).hasSize(2);
    }

    @Test
    void projectionsGiveClaimsAndPrefixesOfWhatIsPresent() {
        NewSelfDescription sd = sd(OFFERING).title("Object storage").build();
        String hash = stored(sd, T0).hash();

        Map<String, Projected> rows = store.projections(List.of(hash, TestSelfDescriptions.sha256("gone")));

        assertThat(rows).containsOnlyKeys(hash);
        assertThat(rows.get(hash).claims()).isEqualTo(sd.claims());
        assertThat(rows.get(hash).prefixes()).isEqualTo(sd.prefixes());
        assertThat(rows.get(hash).sd()).isEqualTo(get(hash));
        assertThat(store.projections(List.of())).isEmpty();
    }

    @Test
    void aSnapshotStreamsEverySelfDescriptionAndReturnsItsLastSequence() {
        Catalogue cat = catalogue();
        String deleted = stored(sd("https://provider.example/deleted#cs").build(), t(50)).hash();
        store.delete(deleted, t(51));
        Map<String, Projected> streamed = new HashMap<>();

        long last = store.snapshot(p -> streamed.put(p.sd().hash(), p));

        assertThat(last).isEqualTo(store.lastSequence());
        assertThat(streamed).containsOnlyKeys(cat.a(), cat.b(), cat.c(), cat.d(), cat.e(), cat.f());
        assertThat(streamed.get(cat.c()).sd().status()).isEqualTo(Lifecycle.REVOKED);
        assertThat(streamed.get(cat.d()).sd().status()).isEqualTo(Lifecycle.DEPRECATED);
        assertThat(streamed.get(cat.a()).claims()).contains("<https://p1.example/a#cs>");
        assertThat(streamed.get(cat.a()).prefixes()).containsEntry("gx", TestSelfDescriptions.GX);
    }

    @Test
    void anExceptionOfTheSnapshotConsumerReachesTheCaller() {
        catalogue();
        IllegalStateException failure = new IllegalStateException("the graph store went away");

        assertThatThrownBy(() -> store.snapshot(p -> {
            throw failure;
        })).isSameAs(failure);

        // and the store is still usable
        assertThat(store.snapshot(p -> { })).isEqualTo(store.lastSequence());
    }

    // ================================================================================================ concurrency

    @Test
    void concurrentVersionsOfOneSubjectLeaveExactlyOneActive() throws Exception {
        int threads = 16;
        int perThread = 10;
        NewSelfDescription shared = sd(OFFERING).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> submitted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> conflicts = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            futures.add(pool.submit((Callable<Void>) () -> {
                start.await();
                for (int j = 0; j < perThread; j++) {
                    NewSelfDescription sd = sd(OFFERING).title("v" + thread + "." + j).build();
                    Stored stored = store.store(sd, t(thread * 100L + j));
                    submitted.add(stored.sd().hash());
                    if (j == perThread / 2) {
                        // every thread also submits the same content once: one wins, the others conflict
                        try {
                            submitted.add(store.store(shared, t(5000)).sd().hash());
                        } catch (SdConflictException expected) {
                            conflicts.add(expected);
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS); // rethrows anything but the expected conflicts
        }
        pool.shutdown();

        int sds = threads * perThread + 1;
        assertThat(submitted).hasSize(sds).doesNotHaveDuplicates();
        assertThat(conflicts).hasSize(threads - 1);
        SdFilter everyStatus = new SdFilter(null, null, null, null, List.of(), List.of(), Set.of(), List.of(OFFERING), List.of(), Set.of(), List.of(), 0, 1000);
        List<SelfDescription> versions = store.list(everyStatus).items();
        assertThat(versions).hasSize(sds);
        assertThat(versions).filteredOn(sd -> sd.status() == Lifecycle.ACTIVE).hasSize(1);
        assertThat(versions).filteredOn(sd -> sd.status() == Lifecycle.DEPRECATED).hasSize(sds - 1);

        List<CatalogueEvent> log = events();
        assertGapFree(log);
        assertThat(log).filteredOn(e -> e.type() == Type.STORED).extracting(CatalogueEvent::hash)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(submitted);
        assertThat(log).filteredOn(e -> e.type() == Type.STATUS).hasSize(sds - 1)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(Lifecycle.DEPRECATED));
        // in commit order: each version is deprecated in the transaction that stores the next one, right before it
        String previous = null;
        for (int i = 0; i < log.size(); i++) {
            CatalogueEvent e = log.get(i);
            if (e.type() == Type.STORED) {
                if (previous != null) {
                    assertThat(log.get(i - 1)).as("event before " + e).extracting(CatalogueEvent::type, CatalogueEvent::hash)
                            .containsExactly(Type.STATUS, previous);
                }
                previous = e.hash();
            }
        }
        assertThat(get(previous).status()).as("the last one stored is the active one").isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void concurrentSubmissionsForDifferentSubjectsAllSucceedAndReadersNeverSeeAGap() throws Exception {
        int threads = 16;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            writers.add(pool.submit((Callable<Void>) () -> {
                start.await();
                for (int j = 0; j < perThread; j++) {
                    store.store(sd("https://provider.example/" + thread + "/" + j + "#cs").build(), t(j));
                }
                return null;
            }));
        }
        // a follower like the projector: whatever it sees must continue its last sequence without a gap
        Future<Long> follower = pool.submit(() -> {
            start.await();
            long last = 0;
            long reads = 0;
            while (writing.get() || last < store.lastSequence()) {
                for (CatalogueEvent e : store.events(last, 7)) {
                    if (e.sequence() != last + 1) {
                        throw new AssertionError("after " + last + " the follower saw " + e.sequence());
                    }
                    last = e.sequence();
                }
                reads++;
            }
            return reads;
        });
        start.countDown();
        for (Future<?> f : writers) {
            f.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        assertThat(follower.get(120, TimeUnit.SECONDS)).isPositive();
        pool.shutdown();

        assertThat(store.list(SdFilter.active(1000)).totalCount()).isEqualTo(threads * perThread);
        List<CatalogueEvent> log = events();
        assertThat(log).hasSize(threads * perThread).allSatisfy(e -> assertThat(e.type()).isEqualTo(Type.STORED));
        assertGapFree(log);
        Set<String> hashes = new HashSet<>();
        log.forEach(e -> hashes.add(e.hash()));
        assertThat(hashes).hasSize(threads * perThread);
    }

    protected static void assertGapFree(List<CatalogueEvent> log) {
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).sequence()).as("event #" + i).isEqualTo(i + 1L);
        }
    }
}
