package eu.federator.dataspace.log;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import eu.federator.catalogue.testing.TestPostgres;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.dataspace.internal.Sql;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer drains the queue into the chain and signs checkpoints by count and by age, also from its background loop. */
class ExchangeLogWriterTest {
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final String METHOD = "did:web:federator.example#key-1";
    private static final ECKey KEY = key();

    private final DataSource db = TestPostgres.get().newDatabase("db/migration/V7__dataspace.sql", "db/migration/V9__exchange_log.sql",
            "db/migration/V10__exchange_log_queue.sql");
    private final MutableClock clock = new MutableClock(START);
    private final ExchangeLog log = new PostgresExchangeLog(db, clock, 5);
    private final SigningKey signer = new SigningKey(KEY, METHOD);
    private final ExchangeLogVerifier.KeyResolver keys = m -> METHOD.equals(m) ? Optional.of(KEY.toPublicJWK()) : Optional.empty();

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock a test moves forward. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private void queue(int from, int to) {
        new Sql(db, "test").transaction(c -> {
            for (int i = from; i <= to; i++) {
                PostgresExchangeLog.queue(c, List.of(new LogEvent("pid-" + i, ProcessKind.TRANSFER, "TransferStartMessage",
                        "did:web:consumer.example", "agreement-" + (i % 2), ExchangeChain.digest(("m" + i).getBytes(StandardCharsets.UTF_8)),
                        clock.instant())));
            }
            return null;
        });
    }

    @Test
    void drainsInBatchesAndChecksPointsByCountThenByAge() {
        ExchangeLogWriter writer = new ExchangeLogWriter(log, signer, 2, Duration.ofMinutes(10));
        queue(1, 7);
        ExchangeLogWriter.Round round = writer.drainNow();
        assertThat(round.appended()).isEqualTo(7); // four batches of at most two
        assertThat(round.checkpoint()).map(Checkpoint::sequence).hasValue(7L); // 7 >= every 5
        assertThat(log.status().head()).isEqualTo(7);

        queue(8, 9);
        round = writer.drainNow();
        assertThat(round.appended()).isEqualTo(2);
        assertThat(round.checkpoint()).as("2 entries, the last checkpoint is fresh").isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(writer.drainNow().checkpoint()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(writer.drainNow().checkpoint()).map(Checkpoint::sequence).hasValue(9L);
        // nothing new: no checkpoint however old the last one is
        clock.advance(Duration.ofHours(5));
        assertThat(writer.drainNow()).isEqualTo(new ExchangeLogWriter.Round(0, Optional.empty()));

        var verification = ExchangeLogVerifier.verify(log.export(1, 100), keys);
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entries()).isEqualTo(9);
        assertThat(verification.checkpoints()).isEqualTo(2);
        assertThat(log.status().lastCheckpoint().sequence()).isEqualTo(9);
        assertThat(log.entries(null, "agreement-1", 1, 100)).extracting(LogEntry::sequence).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(log.entries("pid-4", null, 1, 100)).extracting(LogEntry::sequence).containsExactly(4L);
        assertThat(log.entries(null, null, 8, 1)).extracting(LogEntry::sequence).containsExactly(8L);
    }

    @Test
    void aFirstEntryOlderThanTheMaximumAgeIsCheckpointedWithoutWaitingForTheCount() {
        ExchangeLogWriter writer = new ExchangeLogWriter(log, signer, 100, Duration.ofMinutes(10));
        queue(1, 1);
        assertThat(writer.drainNow().checkpoint()).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(writer.drainNow().checkpoint()).map(Checkpoint::sequence).hasValue(1L);
    }

    @Test
    void wakeDrainsWithoutWaitingForThePollInterval() throws Exception {
        try (ExchangeLogWriter writer = new ExchangeLogWriter(log, signer, 100, Duration.ofMinutes(10))) {
            writer.start(Duration.ofDays(1));
            queue(1, 3);
            writer.wake();
            // only wake() can chain them before the poll a day later; give up after a minute
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (log.status().head() < 3 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(log.status().head()).isEqualTo(3);
        }
        queue(4, 4);
        assertThat(log.status().head()).as("closed: nothing chains any more").isEqualTo(3);
    }
}
