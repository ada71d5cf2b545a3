package eu.federator.server.dataspace;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The token ids {@link RequesterTokens} accepted, in PostgreSQL (migration {@code V13}) so that every replica refuses a
 * replayed token. An id is kept until its token can no longer be accepted anyway; expired ids are removed at most once
 * per {@link #SWEEP}, by whichever request comes along.
 */
public final class SeenTokens {
    static final Duration SWEEP = Duration.ofMinutes(1);
    /** Ids are compared, never interpreted: a longer one is refused before it reaches the database. */
    static final int MAX_ID_LENGTH = 256;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicLong nextSweep = new AtomicLong();

    public SeenTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the token id; false when the issuer used it before (a replay). */
    public boolean firstUse(String issuer, String jti, Instant acceptedUntil) {
        Instant now = clock.instant();
        long due = nextSweep.get();
        if (now.toEpochMilli() >= due && nextSweep.compareAndSet(due, now.plus(SWEEP).toEpochMilli())) {
            jdbc.update("DELETE FROM dsp_seen_tokens WHERE expires < ?", Timestamp.from(now));
        }
        return jdbc.update("INSERT INTO dsp_seen_tokens (issuer, jti, expires) VALUES (?,?,?) ON CONFLICT DO NOTHING", issuer, jti,
                Timestamp.from(acceptedUntil)) == 1;
    }
}
