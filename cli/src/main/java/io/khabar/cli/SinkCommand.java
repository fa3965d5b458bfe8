package io.khabar.cli;

import io.khabar.sink.SinkApp;
import io.khabar.sink.SinkConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code khabar sink}: reads the enriched topic and writes JSON Lines files or PostgreSQL, exactly once, until
 * SIGTERM/Ctrl-C. Database credentials never come from the command line: {@code KHABAR_JDBC_USER} and
 * {@code KHABAR_JDBC_PASSWORD}, or {@code --jdbc-password-file}.
 */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the enriched topic to JSON Lines files (--jsonl DIR) or PostgreSQL (--jdbc URL), exactly once,"
                    + " until SIGTERM/Ctrl-C.",
            "Database user and password: environment KHABAR_JDBC_USER / KHABAR_JDBC_PASSWORD, or --jdbc-password-file."
        })
public final class SinkCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Exactly one target. */
    static final class Target {
        @Option(
                names = "--jsonl",
                paramLabel = "DIR",
                description = "Write JSON Lines files into DIR (created if missing).")
        Path jsonl;

        @Option(
                names = "--jdbc",
                paramLabel = "URL",
                description = "Write to PostgreSQL, e.g. jdbc:postgresql://host:5432/khabar.")
        String jdbc;
    }

    @Mixin
    JdbcCredentials credentials;

    @Option(
            names = "--consumer-config",
            paramLabel = "FILE",
            description =
                    "Extra Kafka consumer properties (SASL/SSL, ...); --config, KHABAR_KAFKA_* and --set override them.")
    Path consumerConfig;

    @Option(
            names = "--group-id",
            defaultValue = SinkConfig.GROUP_ID_DEFAULT,
            description = "Consumer group; PostgreSQL stores positions under it (default ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--topic",
            defaultValue = SinkConfig.TOPIC_DEFAULT,
            description = "Topic to read (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--batch-size",
            defaultValue = "" + SinkConfig.BATCH_SIZE_DEFAULT,
            description = "Records per write: one fsync or one transaction (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--flush-interval",
            defaultValue = "20ms",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Longest wait before buffered records are written, e.g. 500ms, 2s, PT1M (default ${DEFAULT-VALUE}).")
    Duration flushInterval;

    @Option(
            names = "--roll-bytes",
            defaultValue = "" + SinkConfig.JSONL_ROLL_BYTES_DEFAULT,
            description = "JSONL: complete a file once it is this large (default ${DEFAULT-VALUE}).")
    long rollBytes;

    @Option(
            names = "--roll-interval",
            defaultValue = "1h",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "JSONL: complete a file once it is this old (default ${DEFAULT-VALUE}).")
    Duration rollInterval;

    @Option(names = "--print-config", description = "Print the effective settings (secrets hidden) and exit.")
    boolean printConfig;

    @Option(
            names = "--health-port",
            paramLabel = "PORT",
            defaultValue = "-1",
            description =
                    "Serve /health/live and /health/ready (200 while the consumer loop runs) on this port; -1 (default)"
                            + " none, 0 any free port.")
    int healthPort;

    @Option(
            names = "--health-host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "Address of the health endpoints (default ${DEFAULT-VALUE}; 0.0.0.0 in containers).")
    String healthHost;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "khabar data directory: each instance takes its own sink/<group>/instance-N in it, for its"
                    + " instance id and native libraries (default: " + InstanceDir.DATA_DIR_ENV
                    + ", else $XDG_DATA_HOME/khabar, else ~/.local/share/khabar).")
    Path dataDir;

    @Option(
            names = "--static-membership",
            negatable = true,
            defaultValue = "true",
            description = "Join the group with this instance's stable id (group.instance.id), so a restart within the"
                    + " session timeout resumes in seconds without a rebalance (default ${DEFAULT-VALUE}).")
    boolean staticMembership;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.bootstrapServersOrNull();
        if (printConfig) {
            Properties printable = new Properties();
            clientProperties().forEach((k, v) -> printable.put(String.valueOf(k), String.valueOf(v)));
            printable.put("bootstrap.servers", bootstrap == null ? "(not set)" : bootstrap);
            printable.put("group.id", groupId);
            printable.put("khabar.sink.topic", topic);
            if (target.jsonl != null) {
                printable.put("khabar.sink.jsonl", target.jsonl.toString());
            } else {
                printable.put("khabar.sink.jdbc.url", io.khabar.model.Redaction.scrub(target.jdbc));
                printable.put("khabar.sink.jdbc.user", String.valueOf(credentials.user()));
                printable.put("khabar.sink.jdbc.password", credentials.password() == null ? "(not set)" : "set");
            }
            KafkaOptions.printConfig(printable, System.out);
            return 0;
        }
        if (bootstrap == null) {
            System.err.println("khabar sink: give --bootstrap-servers");
            return 2;
        }
        InstanceDir instance = InstanceDir.acquire(InstanceDir.dataDir(dataDir, System.getenv()), "sink", groupId);
        instance.useForNativeLibraries();
        Properties client = clientProperties();
        if (staticMembership && !client.containsKey("group.instance.id")) {
            client.put("group.instance.id", instance.instanceId());
        }
        SinkConfig.Builder b = SinkConfig.builder()
                .bootstrapServers(bootstrap)
                .groupId(groupId)
                .topic(topic)
                .batchSize(batchSize)
                .flushInterval(flushInterval)
                .jsonlRollBytes(rollBytes)
                .jsonlRollInterval(rollInterval)
                .kafkaProperties(client);
        if (target.jsonl != null) {
            b.jsonl(target.jsonl);
        } else {
            b.jdbc(target.jdbc, credentials.user(), credentials.password());
        }
        SinkConfig config = b.build();
        checkTopics(bootstrap);

        SinkApp app = SinkApp.start(config);
        // trending entities (khabar.entities.trending) go to entity_trends when the target is PostgreSQL
        io.khabar.sink.jdbc.TrendSink trends = null;
        com.zaxxer.hikari.HikariDataSource trendPool = null;
        if (target.jdbc != null) {
            trendPool = io.khabar.sink.jdbc.PostgresDatabase.pool(
                    target.jdbc, credentials.user(), credentials.password(), 2, "khabar-sink-trending");
            Properties tp = clientProperties();
            tp.put("bootstrap.servers", bootstrap);
            trends = io.khabar.sink.jdbc.TrendSink.start(tp, trendPool);
        }
        io.khabar.sink.jdbc.TrendSink trendSink = trends;
        com.zaxxer.hikari.HikariDataSource trendDs = trendPool;
        io.khabar.enrich.EnrichHttpServer health = null;
        if (healthPort >= 0) {
            try {
                health = io.khabar.enrich.EnrichHttpServer.start(
                        new java.net.InetSocketAddress(healthHost, healthPort),
                        app::isRunning,
                        app::isRunning,
                        () -> app.isRunning() ? "RUNNING" : "STOPPED",
                        null);
            } catch (IOException e) {
                app.close();
                System.err.println("khabar sink: health port " + healthHost + ":" + healthPort + " is taken: "
                        + e.getMessage() + "; give another --health-port or 0 for any free port");
                return 1;
            }
            System.err.println("khabar sink: health on port " + health.port());
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    if (trendSink != null) {
                        trendSink.close();
                        trendDs.close();
                    }
                    app.close();
                    closed.countDown();
                },
                "khabar-sink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println(
                "khabar sink: writing " + config.topic() + " to " + config.targetDescription() + "; Ctrl-C to stop");
        while (app.isRunning()) {
            app.awaitTermination(Duration.ofSeconds(1));
        }
        if (app.failure().isPresent()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            System.err.println("khabar sink: stopped: " + app.failure().get().getMessage());
            return 1;
        }
        closed.await(30, TimeUnit.SECONDS);
        return 0;
    }

    /** Warns about topics whose settings cannot give exactly-once without loss; the sink runs anyway. */
    private void checkTopics(String bootstrap) throws IOException {
        Properties p = clientProperties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            int brokers = TopicAdmin.brokers(admin);
            TopicAdmin.check(admin, brokers, null)
                    .forEach(problem ->
                            LoggerFactory.getLogger(SinkCommand.class).warn(problem));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(SinkCommand.class).warn("cannot check the topics' settings: {}", e.getMessage());
        }
    }

    private Properties clientProperties() throws IOException {
        Properties p = new Properties();
        if (consumerConfig != null) {
            try (Reader r = Files.newBufferedReader(consumerConfig, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        p.putAll(kafka.clientProperties());
        return p;
    }

    /**
     * Database credentials, never on the command line: the user from {@code KHABAR_JDBC_USER} (or
     * {@code --jdbc-user}), the password from {@code KHABAR_JDBC_PASSWORD} or the first line of
     * {@code --jdbc-password-file}.
     */
    public static final class JdbcCredentials {
        /** Environment variable holding the database user. */
        public static final String USER_ENV = "KHABAR_JDBC_USER";
        /** Environment variable holding the database password. */
        public static final String PASSWORD_ENV = "KHABAR_JDBC_PASSWORD";
        /** Environment variable naming a file whose first line is the password (compose/Kubernetes secrets). */
        public static final String PASSWORD_FILE_ENV = "KHABAR_JDBC_PASSWORD_FILE";
        /** Environment variable naming a file whose first line is the user. */
        public static final String USER_FILE_ENV = "KHABAR_JDBC_USER_FILE";

        @Option(
                names = "--jdbc-user",
                paramLabel = "USER",
                description = "Database user (default: environment " + USER_ENV + ").")
        String user;

        @Option(
                names = "--jdbc-password-file",
                paramLabel = "FILE",
                description = "File whose first line is the database password (default: the file named by environment "
                        + PASSWORD_FILE_ENV + ", else environment " + PASSWORD_ENV + ").")
        Path passwordFile;

        String user() {
            if (user != null) {
                return user;
            }
            String file = System.getenv(USER_FILE_ENV);
            return file != null && !file.isBlank() ? firstLine(Path.of(file), USER_FILE_ENV) : System.getenv(USER_ENV);
        }

        String password() {
            if (passwordFile != null) {
                return firstLine(passwordFile, "--jdbc-password-file");
            }
            String file = System.getenv(PASSWORD_FILE_ENV);
            if (file != null && !file.isBlank()) {
                return firstLine(Path.of(file), PASSWORD_FILE_ENV);
            }
            return System.getenv(PASSWORD_ENV);
        }

        /** The first line of a secret file, stripped; the error names the setting and the file, never the content. */
        static String firstLine(Path file, String setting) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                return (nl < 0 ? text : text.substring(0, nl)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + setting + " " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
