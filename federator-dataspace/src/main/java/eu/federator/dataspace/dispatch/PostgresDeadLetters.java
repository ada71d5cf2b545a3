package eu.federator.dataspace.dispatch;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@link DeadLetters} on the {@code dsp_outbox} table. Runs after the claim that recorded the failure was committed
 * (the claim's row lock would block it before); that failure scheduled the row after the back-off, so no other
 * dispatcher claims it in between, and a crash in between only means one more attempt.
 */
public final class PostgresDeadLetters implements DeadLetters {
    private final DataSource dataSource;

    public PostgresDeadLetters(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void giveUp(long outboxId, String reason) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE dsp_outbox SET status = 'dead', last_error = ? WHERE id = ?")) {
            ps.setString(1, reason);
            ps.setLong(2, outboxId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox: could not give up message " + outboxId + ": " + e.getMessage(), e);
        }
    }
}
