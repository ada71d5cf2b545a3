package eu.federator.trustframework.registry;

import eu.federator.credentials.net.WebMirror;
import eu.federator.trustframework.registry.SyntheticTrustedLists.Party;
import eu.federator.trustframework.registry.SyntheticTrustedLists.PointerEntry;
import eu.federator.trustframework.registry.SyntheticTrustedLists.ServiceEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static eu.federator.trustframework.registry.SyntheticTrustedLists.STATUS;
import static eu.federator.trustframework.registry.SyntheticTrustedLists.SVC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trusted-list importer on synthetic signed lists (see {@link SyntheticTrustedLists}) served from a web mirror. */
class TrustedListsTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String LOTL_URL = "https://lotl.example/eu-lotl.xml";
    static final String DE_URL = "https://tl.example/de/tl.xml";
    static final String FR_URL = "https://tl.example/fr/tl.xml";

    static Party lotlSigner, deSigner, frSigner, attacker;
    static Party qcGranted, qcWithdrawn, tsaGranted, qcRecognised, frQc;

    @TempDir
    Path mirror;

    @BeforeAll
    static void parties() throws Exception {
        lotlSigner = Party.create("LOTL signer");
        deSigner = Party.create("DE list signer");
        frSigner = Party.create("FR list signer");
        attacker = Party.create("Attacker");
        qcGranted = Party.create("DE QC CA granted");
        qcWithdrawn = Party.create("DE QC CA withdrawn");
        tsaGranted = Party.create("DE time stamping granted");
        qcRecognised = Party.create("DE QC CA recognised");
        frQc = Party.create("FR QC CA granted");
    }

    static String deList(String nextUpdate) throws Exception {
        return SyntheticTrustedLists.nationalList("DE", nextUpdate, List.of(
                new ServiceEntry("QC granted", SVC + "CA/QC", STATUS + "granted", qcGranted.certificate()),
                new ServiceEntry("QC withdrawn", SVC + "CA/QC", STATUS + "withdrawn", qcWithdrawn.certificate()),
                new ServiceEntry("TSA granted", SVC + "TSA/QTST", STATUS + "granted", tsaGranted.certificate()),
                new ServiceEntry("QC recognised", SVC + "CA/QC", STATUS + "recognisedatnationallevel", qcRecognised.certificate())));
    }

    static String frList() throws Exception {
        return SyntheticTrustedLists.nationalList("FR", "2027-01-01T00:00:00Z", List.of(
                new ServiceEntry("FR QC", SVC + "CA/QC", STATUS + "granted", frQc.certificate())));
    }

    static byte[] lotl() throws Exception {
        return SyntheticTrustedLists.sign(SyntheticTrustedLists.lotl("2027-01-01T00:00:00Z", List.of(
                new PointerEntry(LOTL_URL, "EU", TrustedLists.TSL_MIME_TYPE, TrustedLists.LOTL_TYPE, lotlSigner.certificate()),
                new PointerEntry(DE_URL, "DE", TrustedLists.TSL_MIME_TYPE, "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric", deSigner.certificate()),
                new PointerEntry("https://tl.example/de/tl.pdf", "DE", "application/pdf", "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric", deSigner.certificate()),
                new PointerEntry(FR_URL, "FR", TrustedLists.TSL_MIME_TYPE, "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric", frSigner.certificate()))),
                lotlSigner);
    }

    void serve(String url, byte[] body) throws Exception {
        Path file = mirror.resolve(url.substring("https://".length()));
        Files.createDirectories(file.getParent());
        Files.write(file, body);
    }

    TrustedLists importer(TrustedLists.Settings settings) {
        return new TrustedLists(new WebMirror(mirror), settings, NOW);
    }

    static TrustedLists.Settings pinned() {
        return TrustedLists.Settings.defaults().withListSigners(List.of(lotlSigner.certificate()));
    }

    @Test
    void theLotlLeadsToTheGrantedAndRecognisedQualifiedCasOfEveryNationalList() throws Exception {
        serve(LOTL_URL, lotl());
        serve(DE_URL, SyntheticTrustedLists.sign(deList("2027-01-01T00:00:00Z"), deSigner));
        serve(FR_URL, SyntheticTrustedLists.sign(frList(), frSigner));

        TrustedLists.Result result = importer(pinned()).load(LOTL_URL);

        assertThat(result.warnings()).isEmpty();
        assertThat(result.lists()).hasSize(3);
        assertThat(result.lists().getFirst()).contains("list of trusted lists", "signature valid, signed by ", "CN=LOTL signer");
        assertThat(result.anchors().certificates()).containsExactlyInAnyOrder(
                qcGranted.certificate(), qcRecognised.certificate(), frQc.certificate());
        TrustedLists.Service de = result.services().stream().filter(s -> s.certificate().equals(qcGranted.certificate())).findFirst().orElseThrow();
        assertThat(de.territory()).isEqualTo("DE");
        assertThat(de.provider()).isEqualTo("QC granted Provider");
        assertThat(de.name()).isEqualTo("QC granted");
        assertThat(de.status()).isEqualTo(TrustedLists.GRANTED);
        assertThat(de.list()).isEqualTo(DE_URL);
    }

    @Test
    void otherServiceTypesCanBeChosen() throws Exception {
        serve(LOTL_URL, lotl());
        serve(DE_URL, SyntheticTrustedLists.sign(deList("2027-01-01T00:00:00Z"), deSigner));
        serve(FR_URL, SyntheticTrustedLists.sign(frList(), frSigner));

        TrustedLists.Result result = importer(pinned().withServiceTypes(java.util.Set.of(SVC + "TSA/QTST"))).load(LOTL_URL);
        assertThat(result.anchors().certificates()).containsExactly(tsaGranted.certificate());
    }

    @Test
    void aNationalListSignedByAKeyTheLotlDoesNotNameIsSkipped() throws Exception {
        serve(LOTL_URL, lotl());
        serve(DE_URL, SyntheticTrustedLists.sign(deList("2027-01-01T00:00:00Z"), deSigner));
        serve(FR_URL, SyntheticTrustedLists.sign(frList(), attacker));

        TrustedLists.Result result = importer(pinned()).load(LOTL_URL);

        assertThat(result.anchors().certificates()).containsExactlyInAnyOrder(qcGranted.certificate(), qcRecognised.certificate());
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("trusted list of FR at " + FR_URL + " skipped: it is signed by ").contains("CN=Attacker")
                .contains("not one of the certificates the list of trusted lists names for FR");
    }

    @Test
    void aListChangedAfterSigningIsSkipped() throws Exception {
        serve(LOTL_URL, lotl());
        String signed = new String(SyntheticTrustedLists.sign(deList("2027-01-01T00:00:00Z"), deSigner), StandardCharsets.UTF_8);
        serve(DE_URL, signed.replace("Svcstatus/withdrawn", "Svcstatus/granted").getBytes(StandardCharsets.UTF_8));
        serve(FR_URL, SyntheticTrustedLists.sign(frList(), frSigner));

        TrustedLists.Result result = importer(pinned()).load(LOTL_URL);

        assertThat(result.anchors().certificates()).containsExactly(frQc.certificate());
        assertThat(result.warnings()).singleElement().asString()
                .contains(DE_URL + " skipped: its signature does not verify (the digest of reference '' failed");
    }

    @Test
    void aLotlSignedByAnUnpinnedKeyIsRefusedAndAnUnpinnedOneIsImportedWithAWarning() throws Exception {
        serve(LOTL_URL, lotl());
        serve(DE_URL, SyntheticTrustedLists.sign(deList("2027-01-01T00:00:00Z"), deSigner));
        serve(FR_URL, SyntheticTrustedLists.sign(frList(), frSigner));

        assertThatThrownBy(() -> importer(TrustedLists.Settings.defaults().withListSigners(List.of(attacker.certificate()))).load(LOTL_URL))
                .isInstanceOf(TrustedLists.TrustedListException.class)
                .hasMessageStartingWith("the list of trusted lists " + LOTL_URL + " is not imported: it is signed by ")
                .hasMessageContaining("CN=LOTL signer").hasMessageEndingWith("which is not one of the configured list signing certificates (1)");

        TrustedLists.Result unpinned = importer(TrustedLists.Settings.defaults()).load(LOTL_URL);
        assertThat(unpinned.anchors().certificates()).hasSize(3);
        assertThat(unpinned.warnings()).singleElement().asString().contains("no list signing certificate is configured to pin it");
    }

    @Test
    void unsignedListsAreRefusedUnlessSignaturesAreNotRequired() throws Exception {
        Path file = mirror.resolve("de.xml");
        Files.writeString(file, deList("2027-01-01T00:00:00Z"));

        assertThatThrownBy(() -> importer(TrustedLists.Settings.defaults()).load(file.toString()))
                .isInstanceOf(TrustedLists.TrustedListException.class).hasMessageEndingWith("is not imported: it is not signed");

        TrustedLists.Result result = importer(TrustedLists.Settings.defaults().withRequireSignatures(false)).load(file.toUri().toString());
        assertThat(result.anchors().certificates()).containsExactlyInAnyOrder(qcGranted.certificate(), qcRecognised.certificate());
        assertThat(result.warnings()).singleElement().asString().contains("imported although it is not signed");
        assertThat(result.lists().getFirst()).contains("trusted list DE", "signature NOT verified");
    }

    @Test
    void anUnreachableOrOutdatedNationalListIsReportedAndTheOthersAreImported() throws Exception {
        serve(LOTL_URL, lotl());
        serve(FR_URL, SyntheticTrustedLists.sign(frList(), frSigner));

        TrustedLists.Result result = importer(pinned()).load(LOTL_URL);
        assertThat(result.anchors().certificates()).containsExactly(frQc.certificate());
        assertThat(result.warnings()).singleElement().asString().startsWith("trusted list of DE at " + DE_URL + " skipped: ");

        serve(DE_URL, SyntheticTrustedLists.sign(deList("2026-01-31T00:00:00Z"), deSigner));
        TrustedLists.Result outdated = importer(pinned()).load(LOTL_URL);
        assertThat(outdated.anchors().certificates()).hasSize(3);
        assertThat(outdated.warnings()).singleElement().asString().isEqualTo(DE_URL + ": the list is out of date (its NextUpdate 2026-01-31T00:00:00Z has passed)");
    }

    @Test
    void doctypesAndForeignDocumentsAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE TrustServiceStatusList [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#">&x;</TrustServiceStatusList>
                """;
        assertThatThrownBy(() -> importer(TrustedLists.Settings.defaults()).load(xxe.getBytes(StandardCharsets.UTF_8), "xxe.xml"))
                .isInstanceOf(TrustedLists.TrustedListException.class).hasMessageContaining("uses a DOCTYPE (refused)");
        assertThatThrownBy(() -> importer(TrustedLists.Settings.defaults()).load("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".getBytes(StandardCharsets.UTF_8), "feed.xml"))
                .isInstanceOf(TrustedLists.TrustedListException.class)
                .hasMessageContaining("feed.xml is not an ETSI TS 119 612 trusted list (root element {http://www.w3.org/2005/Atom}feed");
    }
}
