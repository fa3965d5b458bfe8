package io.khabar.sink.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.khabar.sink.SinkException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The sink's PostgreSQL database: a HikariCP pool checked for a UTF-8 server encoding, and the Flyway migrations of
 * the sink's schema ({@code db/migration/khabar}). Used by {@link PostgresTarget} (pool and migration) and by
 * readers such as {@code khabar query} (pool only).
 */
public final class PostgresDatabase {

    /** Flyway's history table for the sink's schema. */
    public static final String HISTORY_TABLE = "khabar_schema_history";
    /** Where the migrations are on the class path. */
    public static final String MIGRATIONS = "classpath:db/migration/khabar";
    /** Least pool size of a database that is migrated: Flyway holds two connections while it migrates. */
    public static final int MIN_POOL_SIZE = 2;

    private PostgresDatabase() {}

    /** The URL with any password parameter masked, for logs and messages. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * A HikariCP pool of {@code size} connections (at least 1; at least {@value #MIN_POOL_SIZE} if it is to be
     * {@link #migrate migrated}) for the URL, auto-commit off; fails with a message naming the URL (redacted) and
     * the fix, or when the database is not UTF-8.
     */
    public static HikariDataSource pool(String url, String user, String password, int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 connection, was " + size);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(1);
        hc.setPoolName(name);
        hc.setAutoCommit(false);
        hc.setInitializationFailTimeout(10_000);
        hc.addDataSourceProperty("ApplicationName", name);
        try {
            HikariDataSource ds = new HikariDataSource(hc);
            checkEncoding(ds, url);
            return ds;
        } catch (RuntimeException e) {
            if (e instanceof SinkException se) {
                throw se;
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SinkException(
                    "cannot connect to " + redact(url) + " (--jdbc): " + cause.getMessage()
                            + "; check the URL and the credentials (KHABAR_JDBC_USER, KHABAR_JDBC_PASSWORD)",
                    e,
                    false);
        }
    }

    private static void checkEncoding(HikariDataSource ds, String url) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_encoding")) {
            rs.next();
            String enc = rs.getString(1);
            c.rollback();
            if (!"UTF8".equalsIgnoreCase(enc)) {
                ds.close();
                throw new SinkException(
                        "the database at " + redact(url) + " uses encoding " + enc
                                + ", which cannot hold Urdu text; create it with ENCODING 'UTF8'",
                        false);
            }
        } catch (SQLException e) {
            ds.close();
            throw new SinkException("cannot check the encoding of " + redact(url) + ": " + e.getMessage(), e, false);
        }
    }

    /**
     * Applies the sink's pending schema migrations; the data source must hand out at least
     * {@value #MIN_POOL_SIZE} connections at once.
     */
    public static void migrate(DataSource ds) {
        if (ds instanceof HikariDataSource h && h.getMaximumPoolSize() < MIN_POOL_SIZE) {
            throw new IllegalArgumentException("the pool " + h.getPoolName() + " has " + h.getMaximumPoolSize()
                    + " connection; migrating needs " + MIN_POOL_SIZE + " (Flyway holds two while it migrates)");
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(MIGRATIONS)
                    .table(HISTORY_TABLE)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new SinkException(
                    "cannot migrate the sink's schema: " + e.getMessage()
                            + "; the database user needs CREATE rights on its schema",
                    e,
                    false);
        }
    }
}
