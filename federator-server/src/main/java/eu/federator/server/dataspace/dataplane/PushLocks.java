package eu.federator.server.dataspace.dataplane;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which replica runs which push, without leases: a running push holds a PostgreSQL advisory lock on its transfer id in
 * this replica's one database session. The session ends with the process (stop, crash, lost connection), and with it
 * every lock it held, so a started push whose lock is free has nobody running it. Advisory locks are re-entrant within
 * a session: each {@link #tryLock} that succeeded needs one {@link #unlock}.
 */
final class PushLocks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushLocks.class);
    // one key space for transfer ids: hashtextextended gives 64 bits, with a seed of our own
    private static final String KEY = "hashtextextended(?, 7301)";

    private final DataSource dataSource;
    private Connection session;

    PushLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the transfer's lock: TRUE; another session holds it: FALSE; the database cannot be asked: null. */
    synchronized Boolean tryLock(String transferId) {
        try {
            try (PreparedStatement ps = session().prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                ps.setString(1, transferId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            lost(e);
            return null;
        }
    }

    synchronized void unlock(String transferId) {
        if (session == null) {
            return; // the session is gone, and its locks with it
        }
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
            ps.setString(1, transferId);
            ps.executeQuery().close();
        } catch (SQLException e) {
            lost(e);
        }
    }

    private Connection session() throws SQLException {
        if (session == null) {
            session = dataSource.getConnection();
            session.setAutoCommit(true);
        }
        return session;
    }

    private void lost(SQLException e) {
        log.warn("Data plane: the database session that holds the push locks failed ({}); a new one is opened on the next push", e.getMessage());
        close();
    }

    /** Ends the session, and with it every lock it holds. */
    @Override
    public synchronized void close() {
        if (session == null) {
            return;
        }
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            ps.executeQuery().close();
        } catch (SQLException ignored) {
            // a broken session holds nothing any more
        }
        // a pooled connection would otherwise go back to the pool: close it for real
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(session);
        } else {
            try {
                session.close();
            } catch (SQLException ignored) {
                // its locks were released above, or went with the broken session
            }
        }
        session = null;
    }
}
