package eu.federator.dataspace.evidence;

import eu.federator.dataspace.internal.Sql;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.PostgresExchangeLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The inbox's notifications on PostgreSQL (migration {@code V12}). */
public final class NotificationStore {
    private static final String COLUMNS = "id, agreement_id, sender, types, event, event_time, description, credential, digest, received";

    private final Sql sql;

    public NotificationStore(DataSource dataSource) {
        this.sql = new Sql(dataSource, "notification store");
    }

    /** @param created false when the same bytes were posted before: {@code notification} is then the stored one */
    public record Stored(Notification notification, boolean created) {
    }

    /** Stores the notification and queues its exchange-log event in one transaction; a repeat returns the first. */
    public Stored storeOnce(Notification n, LogEvent event) {
        return sql.transaction(c -> {
            int inserted;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_notifications (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (digest) DO NOTHING")) {
                ps.setString(1, n.id());
                ps.setString(2, n.agreementId());
                ps.setString(3, n.sender());
                ps.setString(4, String.join(" ", n.types()));
                ps.setString(5, n.event());
                ps.setTimestamp(6, n.eventTime() == null ? null : Timestamp.from(n.eventTime()));
                ps.setString(7, n.description());
                ps.setString(8, n.credential());
                ps.setString(9, n.digest());
                ps.setTimestamp(10, Timestamp.from(n.received()));
                inserted = ps.executeUpdate();
            }
            if (inserted == 1) {
                PostgresExchangeLog.queue(c, List.of(event));
                return new Stored(n, true);
            }
            return new Stored(select(c, "digest = ?", n.digest()).getFirst(), false);
        });
    }

    public Optional<Notification> find(String id) {
        return sql.read(c -> select(c, "id = ?", id).stream().findFirst());
    }

    /** In the order received; only those of {@code agreementId} when given. */
    public List<Notification> list(String agreementId, int offset, int limit) {
        String page = " ORDER BY received, id LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset);
        return sql.read(c -> agreementId == null ? select(c, "TRUE" + page) : select(c, "agreement_id = ?" + page, agreementId));
    }

    private static List<Notification> select(Connection c, String where, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_notifications WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            List<Notification> notifications = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp eventTime = rs.getTimestamp("event_time");
                    notifications.add(new Notification(rs.getString("id"), rs.getString("agreement_id"), rs.getString("sender"),
                            Arrays.asList(rs.getString("types").split(" ")), rs.getString("event"),
                            eventTime == null ? null : eventTime.toInstant(), rs.getString("description"), rs.getString("credential"),
                            rs.getString("digest"), rs.getTimestamp("received").toInstant()));
                }
            }
            return notifications;
        }
    }
}
