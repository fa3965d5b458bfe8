package io.khabar.kafka.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker running in this JVM.
 *
 * <p>One process plays both roles ({@code process.roles=broker,controller}), with a PLAINTEXT client
 * listener and a controller listener on its own free port. Storage is formatted with Kafka's own
 * {@link Formatter} the first time a log directory is used; a formatted directory is reused as is, so
 * restarting on the same {@link Builder#logDir(Path) logDir} keeps topics, records and committed offsets.
 * Transactions (and so Kafka Streams {@code exactly_once_v2}) work: all internal topics have replication
 * factor 1.
 *
 * <p>Measured on the 2-core dev machine: the first broker in a fresh JVM starts in about 2.5 s (class
 * loading included), each later one in 0.25 to 0.5 s; {@link #close()} takes 0.2 to 0.5 s.
 *
 * <p>Usage in a test:
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     kafka.createTopic("articles.raw", 3);
 *     Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>The broker logs a lot at INFO. To keep it quiet with logback:
 * <pre>{@code
 * <logger name="kafka" level="WARN"/>
 * <logger name="org.apache.kafka" level="WARN"/>
 * <logger name="state.change.logger" level="WARN"/>
 * }</pre>
 *
 * <p>A fatal broker fault (for example a log directory that cannot be written) makes Kafka halt the JVM, as
 * a stand-alone broker would.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Name of the client listener. */
    public static final String LISTENER_NAME = "PLAINTEXT";
    /** Name of the controller (KRaft quorum) listener. */
    public static final String CONTROLLER_LISTENER_NAME = "CONTROLLER";

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_NODE_ID = 1;
    /** How often start-up is retried when a port picked as free was taken by someone else meanwhile. */
    private static final int BIND_ATTEMPTS = 5;

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final String bootstrapServers;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafkaBroker(
            KafkaRaftServer server,
            Path logDir,
            boolean deleteLogDirOnClose,
            String advertisedHost,
            int port,
            int controllerPort,
            String clusterId) {
        this.server = server;
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.bootstrapServers = Builder.hostForUri(advertisedHost) + ":" + port;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder for a broker with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a broker on a free port of 127.0.0.1 with a temporary log directory that {@link #close()}
     * deletes. Same as {@code builder().start()}.
     */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /** The {@code bootstrap.servers} value for clients, {@code "ADVERTISED_HOST:PORT"}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The port of the client listener. */
    public int port() {
        return port;
    }

    /** The port of the controller listener. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The directory holding both the topic data and the KRaft metadata log. */
    public Path logDir() {
        return logDir;
    }

    /** The cluster id written when the log directory was formatted. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Creates a topic with replication factor 1 and waits until the broker has created it.
     *
     * @throws IllegalStateException if the broker refuses, for example because the topic exists
     */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    /**
     * Creates those of the given topics that do not exist yet, with their own partitions, replication factor and
     * settings, and waits until the broker has created them.
     *
     * @throws IllegalStateException if the broker refuses
     */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing =
                    topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not create topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /**
     * Stops the broker (a controlled shutdown), waits until all its threads have ended and its ports are
     * closed, then deletes the log directory if it was a temporary one created by {@link #start()}.
     * Calling it again does nothing. A broker still open when the JVM exits is closed by a shutdown hook.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmShuttingDown) {
                // The hook runs anyway and finds the broker closed.
            }
        }
        long stopNanos = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteLogDirOnClose) {
                deleteQuietly(logDir);
            }
        }
        LOG.info(
                "Embedded Kafka broker on {} stopped in {} ms",
                bootstrapServers,
                (System.nanoTime() - stopNanos) / 1_000_000);
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers + ", logDir=" + logDir + "]";
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete Kafka log directory {}", dir, e);
        }
    }

    /** Configures and starts an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private Path logDir;
        private int port;
        private String listenerHost = DEFAULT_HOST;
        private String advertisedHost;
        private String clusterId;
        private final Map<String, String> brokerConfig = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Keeps data in {@code dir} (created if missing) instead of a temporary directory. A directory that
         * is already formatted is reused, so a restart keeps the data; {@link #close()} does not delete it.
         */
        public Builder logDir(Path dir) {
            this.logDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The client listener port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The host the listeners bind to: 127.0.0.1 by default, 0.0.0.0 to accept outside connections. */
        public Builder listenerHost(String host) {
            this.listenerHost = requireHost(host);
            return this;
        }

        /**
         * The host clients are told to connect to. Defaults to the listener host, or 127.0.0.1 when that is
         * a wildcard address such as 0.0.0.0.
         */
        public Builder advertisedHost(String host) {
            this.advertisedHost = requireHost(host);
            return this;
        }

        /**
         * The cluster id written when the log directory is formatted (default: a random one). The nodes of one
         * cluster share it; a directory formatted before keeps its own.
         */
        public Builder clusterId(String id) {
            this.clusterId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Sets any broker property, overriding the defaults of this class. */
        public Builder brokerConfig(String key, String value) {
            brokerConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the log directory if needed and starts the broker; returns once the broker is registered
         * with its controller and accepts clients.
         *
         * @throws IllegalStateException if the broker cannot start
         */
        public EmbeddedKafkaBroker start() {
            boolean temporary = logDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("khabar-kafka-") : Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create Kafka log directory", e);
            }
            try {
                return startIn(dir.toAbsolutePath(), temporary);
            } catch (RuntimeException | Error e) {
                if (temporary) {
                    deleteQuietly(dir);
                }
                throw e;
            }
        }

        private EmbeddedKafkaBroker startIn(Path dir, boolean temporary) {
            long startNanos = System.nanoTime();
            String advertised = advertisedHost != null ? advertisedHost : nonWildcard(listenerHost);
            String clusterId = formatIfNeeded(dir);
            for (int attempt = 1; ; attempt++) {
                int brokerPort = port != 0 ? port : freePort(listenerHost);
                // two picks of a free port may give the same one (each socket is closed before the next pick), and
                // Kafka refuses two listeners on one port: pick again until they differ
                int controllerPort = portOtherThan(brokerPort, () -> freePort(listenerHost));
                KafkaRaftServer server;
                try {
                    KafkaConfig config =
                            new KafkaConfig(brokerProperties(dir, brokerPort, controllerPort, advertised), false);
                    server = new KafkaRaftServer(config, Time.SYSTEM);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "Could not configure embedded Kafka broker in " + dir + ": " + e.getMessage(), e);
                }
                try {
                    server.startup();
                } catch (RuntimeException e) {
                    shutdownQuietly(server);
                    boolean requestedPortTaken = port != 0 && !isBindable(listenerHost, port);
                    if (isBindFailure(e) && !requestedPortTaken && attempt < BIND_ATTEMPTS) {
                        LOG.debug("Port taken while starting Kafka (attempt {}), retrying", attempt, e);
                        continue;
                    }
                    throw new IllegalStateException(
                            "Could not start embedded Kafka broker in " + dir + " on " + listenerHost + ":" + brokerPort
                                    + ": " + e.getMessage(),
                            e);
                }
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                        server, dir, temporary, advertised, brokerPort, controllerPort, clusterId);
                LOG.info(
                        "Embedded Kafka broker started on {} in {} ms (log dir {})",
                        broker.bootstrapServers(),
                        (System.nanoTime() - startNanos) / 1_000_000,
                        dir);
                return broker;
            }
        }

        /** Formats {@code dir} unless it holds a {@code meta.properties}; returns the cluster id. */
        private String formatIfNeeded(Path dir) {
            Path metaProperties = dir.resolve("meta.properties");
            if (Files.exists(metaProperties)) {
                return readClusterId(metaProperties);
            }
            String clusterId =
                    this.clusterId != null ? this.clusterId : Uuid.randomUuid().toString();
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(nodeId())
                    .setClusterId(clusterId)
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER_NAME)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
            try {
                formatter.run();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "Could not format Kafka log directory " + dir + ": " + e.getMessage(), e);
            }
            return clusterId;
        }

        private static String readClusterId(Path metaProperties) {
            Properties props = new Properties();
            try (var in = Files.newInputStream(metaProperties)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + metaProperties, e);
            }
            return props.getProperty("cluster.id");
        }

        private int nodeId() {
            String configured = brokerConfig.get("node.id");
            return configured == null ? DEFAULT_NODE_ID : Integer.parseInt(configured.trim());
        }

        private Map<String, String> brokerProperties(Path dir, int brokerPort, int controllerPort, String advertised) {
            int nodeId = nodeId();
            String controllerHost = nonWildcard(listenerHost);
            Map<String, String> props = new HashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(nodeId));
            props.put("controller.quorum.voters", nodeId + "@" + hostForUri(controllerHost) + ":" + controllerPort);
            props.put("controller.listener.names", CONTROLLER_LISTENER_NAME);
            props.put("inter.broker.listener.name", LISTENER_NAME);
            props.put(
                    "listeners",
                    LISTENER_NAME + "://" + hostForUri(listenerHost) + ":" + brokerPort + "," + CONTROLLER_LISTENER_NAME
                            + "://" + hostForUri(listenerHost) + ":" + controllerPort);
            props.put("advertised.listeners", LISTENER_NAME + "://" + hostForUri(advertised) + ":" + brokerPort);
            props.put(
                    "listener.security.protocol.map",
                    LISTENER_NAME + ":PLAINTEXT," + CONTROLLER_LISTENER_NAME + ":PLAINTEXT");
            props.put("log.dirs", dir.toString());
            props.put("metadata.log.dir", dir.toString());
            props.putAll(singleNodeDefaults());
            props.putAll(brokerConfig);
            return props;
        }

        /** Settings that make sense for a one-node cluster; each can be overridden with brokerConfig. */
        static Map<String, String> singleNodeDefaults() {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("min.insync.replicas", "1");
            props.put("default.replication.factor", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            props.put("num.partitions", "1");
            // One node gains nothing from 50 partitions per internal topic, and creating them slows the
            // first consumer group and the first transaction of a fresh broker.
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.num.partitions", "1");
            // The log cleaner takes 128 MiB of heap by default; 16 MiB is plenty for one small node.
            props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
            return props;
        }

        private static boolean isBindFailure(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    return true;
                }
            }
            return false;
        }

        private static void shutdownQuietly(KafkaRaftServer server) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.debug("Error while stopping a Kafka broker that failed to start", e);
            }
        }

        private static boolean isBindable(String host, int port) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** The first port {@code pick} gives that is not {@code taken}; it gives up after 32 picks. */
        static int portOtherThan(int taken, java.util.function.IntSupplier pick) {
            for (int i = 0; i < 32; i++) {
                int p = pick.getAsInt();
                if (p != taken) {
                    return p;
                }
            }
            throw new IllegalStateException("Could not find a free port other than " + taken);
        }

        private static int freePort(String host) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free port on " + host, e);
            }
        }

        private static String nonWildcard(String host) {
            try {
                return InetAddress.getByName(host).isAnyLocalAddress() ? DEFAULT_HOST : host;
            } catch (IOException e) {
                return host;
            }
        }

        private static String hostForUri(String host) {
            return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        }

        private static String requireHost(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            return host.trim();
        }
    }
}
