package eu.federator.dataspace.log;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import eu.federator.dataspace.log.ExchangeLogVerifier.Problem;
import eu.federator.dataspace.log.ExchangeLogVerifier.Verification;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresExchangeLogTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00.123456789Z");
    private static final String METHOD = "did:web:federator.example#key-1";
    private static final ECKey KEY = key();

    private final DataSource db = TestPostgres.get().newDatabase("db/migration/V9__exchange_log.sql");
    private final ExchangeLog log = new PostgresExchangeLog(db, Clock.fixed(NOW, ZoneOffset.UTC), 3);
    private final SigningKey signer = new SigningKey(KEY, METHOD);
    private final ExchangeLogVerifier.KeyResolver keys = m -> METHOD.equals(m) ? Optional.of(KEY.toPublicJWK()) : Optional.empty();

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LogEvent event(int i) {
        return new LogEvent("pid-" + i, i % 2 == 0 ? ProcessKind.NEGOTIATION : ProcessKind.TRANSFER, "ContractRequestMessage",
                "did:web:consumer.example", i % 3 == 0 ? null : "agreement-" + i,
                ExchangeChain.digest(("message " + i).getBytes(StandardCharsets.UTF_8)), NOW.plusSeconds(i));
    }

    /** Ten entries with checkpoints after 3, 6 and 9. */
    private JsonObject tenEntries() {
        for (int i = 1; i <= 10; i++) {
            log.append(event(i));
            log.checkpointIfDue(signer);
        }
        return log.export(1, 10);
    }

    @Test
    void entriesChainFromGenesisAndHashTheirFields() {
        LogEntry first = log.append(event(1));
        LogEntry second = log.append(event(2));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(ExchangeChain.GENESIS);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(ExchangeChain.hash(2, first.hash(), event(2))).isNotEqualTo(first.hash());
    }

    @Test
    void aCleanLogVerifies() {
        JsonObject export = tenEntries();

        Verification v = ExchangeLogVerifier.verify(export, keys);
        assertThat(v.firstBreak()).isNull();
        assertThat(v.ok()).isTrue();
        assertThat(v.entries()).isEqualTo(10);
        assertThat(v.checkpoints()).isEqualTo(3);
        assertThat(export.getJsonArray("checkpoints").getValuesAs(JsonObject.class))
                .extracting(c -> c.getInt("sequence")).containsExactly(3, 6, 9);
        // the stored time round-trips to the hashed one (PostgreSQL keeps microseconds)
        assertThat(export.getJsonArray("entries").getJsonObject(0).getString("time")).isEqualTo("2026-11-30T12:00:01.123456Z");
    }

    @Test
    void aPartialExportVerifiesFromItsFirstPreviousHash() {
        tenEntries();
        JsonObject part = log.export(4, 7);

        assertThat(part.getJsonArray("entries")).hasSize(4);
        assertThat(ExchangeLogVerifier.verify(part, keys).ok()).isTrue();
    }

    @Test
    void aChangedFieldIsAHashMismatchAtItsSequence() {
        JsonObject export = tenEntries();
        JsonArray entries = export.getJsonArray("entries");
        JsonObject changed = Json.provider().createObjectBuilder(entries.getJsonObject(4)).add("counterPartyId", "did:web:mallory.example").build();

        assertBreak(withEntries(export, replace(entries, 4, changed)), 5, Problem.HASH_MISMATCH);
    }

    @Test
    void aRehashedChangeBreaksTheNextLink() {
        JsonObject export = tenEntries();
        JsonArray entries = export.getJsonArray("entries");
        var b = Json.provider().createObjectBuilder(entries.getJsonObject(4)).add("eventType", "ForgedMessage");
        b.remove("hash");
        JsonObject fields = b.build();
        JsonObject rehashed = Json.provider().createObjectBuilder(fields).add("hash", ExchangeChain.hash(fields)).build();

        // entry 5 now hashes correctly, but checkpoint 6 and entry 6 still name the old chain
        assertBreak(withEntries(export, replace(entries, 4, rehashed)), 6, Problem.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aDeletedEntryIsAGapAtItsSequence() {
        JsonObject export = tenEntries();
        JsonArrayBuilder without = Json.provider().createArrayBuilder();
        JsonArray entries = export.getJsonArray("entries");
        for (int i = 0; i < entries.size(); i++) {
            if (i != 6) {
                without.add(entries.get(i));
            }
        }
        assertBreak(withEntries(export, without.build()), 7, Problem.GAP);
    }

    @Test
    void aDeletedLastEntryIsAGap() {
        JsonObject export = tenEntries();
        JsonArrayBuilder without = Json.provider().createArrayBuilder();
        JsonArray entries = export.getJsonArray("entries");
        for (int i = 0; i < entries.size() - 1; i++) {
            without.add(entries.get(i));
        }
        assertBreak(withEntries(export, without.build()), 10, Problem.GAP);
    }

    @Test
    void reorderedEntriesAreDetectedAtTheFirstMovedSequence() {
        JsonObject export = tenEntries();
        JsonArray entries = export.getJsonArray("entries");
        JsonArray swapped = replace(replace(entries, 2, entries.getJsonObject(3)), 3, entries.getJsonObject(2));

        assertBreak(withEntries(export, swapped), 3, Problem.GAP);
    }

    @Test
    void swappedCheckpointSignaturesAreInvalid() {
        JsonObject export = tenEntries();
        JsonArray checkpoints = export.getJsonArray("checkpoints");
        JsonObject at3 = checkpoints.getJsonObject(0);
        JsonObject at6 = checkpoints.getJsonObject(1);
        String sig6 = at6.getString("jws").substring(at6.getString("jws").lastIndexOf('.'));
        String jws3 = at3.getString("jws");
        JsonObject forged = Json.provider().createObjectBuilder(at3)
                .add("jws", jws3.substring(0, jws3.lastIndexOf('.')) + sig6).build();

        assertBreak(withCheckpoints(export, replace(checkpoints, 0, forged)), 3, Problem.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void aCheckpointMovedToAnotherEntryDoesNotMatch() {
        JsonObject export = tenEntries();
        JsonArray checkpoints = export.getJsonArray("checkpoints");
        JsonObject moved = Json.provider().createObjectBuilder(checkpoints.getJsonObject(1)).add("sequence", 7).build();

        assertBreak(withCheckpoints(export, replace(checkpoints, 1, moved)), 7, Problem.CHECKPOINT_MISMATCH);
    }

    @Test
    void aCheckpointByAnUnknownKeyIsInvalid() {
        JsonObject export = tenEntries();

        Verification v = ExchangeLogVerifier.verify(export, m -> Optional.empty());
        assertThat(v.firstBreak()).isNotNull();
        assertThat(v.firstBreak().sequence()).isEqualTo(3);
        assertThat(v.firstBreak().problem()).isEqualTo(Problem.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void checkpointsAreTakenOnlyWhenDueAndNotOnAnEmptyLog() {
        assertThatThrownBy(() -> log.checkpoint(signer)).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
        log.append(event(1));
        log.append(event(2));
        assertThat(log.checkpointIfDue(signer)).isEmpty();
        log.append(event(3));
        assertThat(log.checkpointIfDue(signer)).get().extracting(Checkpoint::sequence).isEqualTo(3L);
        assertThat(log.checkpointIfDue(signer)).isEmpty();
        assertThat(log.checkpoint(signer).sequence()).isEqualTo(3);
    }

    @Test
    void anEd25519CheckpointVerifiesAndNotWithAnotherKey() throws Exception {
        // Nimbus's OctetKeyPairGenerator needs Tink; the JDK generates Ed25519 keys itself
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x = java.util.Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44);
        byte[] d = java.util.Arrays.copyOfRange(pair.getPrivate().getEncoded(), 16, 48);
        OctetKeyPair ed25519 = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).build();
        String method = "did:web:federator.example#key-ed";
        log.append(event(1));
        Checkpoint checkpoint = log.checkpoint(new SigningKey(ed25519, method));
        JsonObject export = log.export(1, 1);

        assertThat(new Base64URL(checkpoint.jws().split("\\.")[0]).decodeToString()).contains("\"alg\":\"EdDSA\"", "\"kid\":\"" + method + "\"");
        assertThat(ExchangeLogVerifier.verify(export, m -> method.equals(m) ? Optional.of(ed25519.toPublicJWK()) : Optional.empty()).ok())
                .isTrue();
        Verification wrongKey = ExchangeLogVerifier.verify(export, m -> Optional.of(KEY.toPublicJWK()));
        assertThat(wrongKey.firstBreak().problem()).isEqualTo(Problem.CHECKPOINT_SIGNATURE_INVALID);
        assertThat(wrongKey.firstBreak().sequence()).isEqualTo(1);
    }

    @Test
    void concurrentAppendersMakeOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.append(event(thread * 1000 + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        JsonObject export = log.export(1, 1000);

        assertThat(export.getInt("to")).isEqualTo(400);
        Verification v = ExchangeLogVerifier.verify(export, keys);
        assertThat(v.firstBreak()).isNull();
        assertThat(v.entries()).isEqualTo(400);
    }

    private void assertBreak(JsonObject document, long sequence, Problem problem) {
        Verification v = ExchangeLogVerifier.verify(document, keys);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBreak().sequence()).as(v.firstBreak().detail()).isEqualTo(sequence);
        assertThat(v.firstBreak().problem()).as(v.firstBreak().detail()).isEqualTo(problem);
    }

    private static JsonArray replace(JsonArray array, int index, JsonObject value) {
        return Json.provider().createArrayBuilder(array).set(index, value).build();
    }

    private static JsonObject withEntries(JsonObject export, JsonArray entries) {
        return Json.provider().createObjectBuilder(export).add("entries", entries).build();
    }

    private static JsonObject withCheckpoints(JsonObject export, JsonArray checkpoints) {
        return Json.provider().createObjectBuilder(export).add("checkpoints", checkpoints).build();
    }
}
