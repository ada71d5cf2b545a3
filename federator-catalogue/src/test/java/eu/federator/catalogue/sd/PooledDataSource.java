package eu.federator.catalogue.sd;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.logging.Logger;

/**
 * A minimal connection pool for tests: a new PostgreSQL connection costs a TCP handshake and a SCRAM authentication,
 * which dominates tests that write thousands of times. Connections come back <i>exactly as the borrower left them</i>
 * (no reset of isolation level, read-only or auto-commit), so a store that leaks session state into the next
 * borrower is caught here rather than hidden by a pool that resets it.
 */
public final class PooledDataSource implements DataSource {
    private final DataSource target;
    private final int maxIdle;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();

    public PooledDataSource(DataSource target, int maxIdle) {
        this.target = target;
        this.maxIdle = maxIdle;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real;
        while ((real = idle.pollFirst()) != null) {
            if (real.isValid(2)) {
                return lend(real);
            }
            real.close();
        }
        return lend(target.getConnection());
    }

    private Connection lend(Connection real) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "close" -> {
                    if (!returned[0]) {
                        returned[0] = true;
                        if (!idle.offerFirst(real) || idle.size() > maxIdle) {
                            idle.remove(real);
                            real.close();
                        }
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned[0] || real.isClosed();
                }
                default -> {
                    if (returned[0]) {
                        throw new SQLException("connection already returned to the pool");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
