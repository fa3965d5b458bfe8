package io.khabar.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real multi-node KRaft Kafka cluster, each node an {@link EmbeddedKafkaBroker} in its own JVM (combined
 * broker and controller roles, a static quorum of all nodes). A node can be killed with SIGKILL, as a crash or a
 * lost machine would end it, and started again on its log directory; the others go on. Topic defaults are those of
 * a production cluster of three: replication factor 3 and {@code min.insync.replicas=2} for Kafka's transaction and
 * offsets topics (and {@code default.replication.factor}).
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().nodes(3).start()) {
 *     kafka.node(2).kill();      // SIGKILL
 *     kafka.node(2).start();     // back on its log directory
 * }
 * }</pre>
 *
 * <p>Each node's output goes to {@code node-N.log} in the cluster's directory. Each JVM takes about 300 MB.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final boolean temporary;
    private final List<Node> nodes;

    private EmbeddedKafkaCluster(Path dir, boolean temporary, List<Node> nodes) {
        this.dir = dir;
        this.temporary = temporary;
        this.nodes = nodes;
    }

    /** A builder; three nodes by default. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code bootstrap.servers} listing every node. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> HOST + ":" + n.port).collect(Collectors.joining(","));
    }

    /** The nodes, numbered from 1 (= node.id). */
    public Node node(int id) {
        return nodes.get(id - 1);
    }

    /** All nodes. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The directory holding each node's log directory and log file. */
    public Path dir() {
        return dir;
    }

    /**
     * Stops every node that runs: SIGTERM to all at once (each shuts down in a controlled way), SIGKILL to those
     * still running after 20 s (the last nodes of a quorum that is going away cannot finish a controlled shutdown),
     * then deletes a temporary directory.
     */
    @Override
    public void close() {
        nodes.forEach(Node::terminate);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Node n : nodes) {
            n.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        nodes.forEach(Node::kill);
        if (temporary) {
            try {
                Utils.delete(dir.toFile());
            } catch (IOException e) {
                LOG.warn("Could not delete {}", dir, e);
            }
        }
    }

    /** One node: its own JVM, log directory and ports (kept across restarts). */
    public final class Node {
        private final int id;
        private final int port;
        private final Path config;
        private final Path log;
        private final List<String> jvmOptions;
        private Process process;

        private Node(int id, int port, Path config, Path log, List<String> jvmOptions) {
            this.id = id;
            this.port = port;
            this.config = config;
            this.log = log;
            this.jvmOptions = jvmOptions;
        }

        /** node.id. */
        public int id() {
            return id;
        }

        /** The client port. */
        public int port() {
            return port;
        }

        /** The node's output so far. */
        public Path logFile() {
            return log;
        }

        /** Whether its JVM runs. */
        public synchronized boolean isRunning() {
            return process != null && process.isAlive();
        }

        /** The JVM's process id, or -1 when it does not run. */
        public synchronized long pid() {
            return isRunning() ? process.pid() : -1;
        }

        /** Starts the node's JVM on its log directory (returns at once; see {@link #awaitReady}). */
        public synchronized Node start() {
            if (isRunning()) {
                return this;
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), BrokerNodeMain.class.getName(), config.toString()));
            try {
                process = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start Kafka node " + id, e);
            }
            return this;
        }

        /** Waits until the node accepts clients. */
        public Node awaitReady(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (readyLines() > readyMarks) {
                    readyMarks = readyLines();
                    return this;
                }
                if (!isRunning()) {
                    throw new IllegalStateException("Kafka node " + id + " ended while starting; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Kafka node " + id + " not ready within " + timeout + "; see " + log);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }

        private long readyMarks;

        private long readyLines() {
            try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                return lines.filter(l -> l.startsWith(BrokerNodeMain.READY)).count();
            } catch (IOException | UncheckedIOException e) {
                return 0;
            }
        }

        /** SIGKILL: the node ends at once, with whatever it has not written to disk lost, as in a crash. */
        public synchronized void kill() {
            if (process != null) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
            }
        }

        /** SIGTERM: a controlled shutdown (leadership moves first); SIGKILL if it takes over 60 s. */
        public synchronized void stop() {
            if (isRunning()) {
                process.destroy();
                if (!waitFor(Duration.ofSeconds(60))) {
                    kill();
                }
            }
        }

        private synchronized void terminate() {
            if (isRunning()) {
                process.destroy();
            }
        }

        private synchronized void awaitExit(Duration d) {
            if (process != null) {
                waitFor(d);
            }
        }

        private boolean waitFor(Duration d) {
            try {
                return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Configures and starts an {@link EmbeddedKafkaCluster}. */
    public static final class Builder {
        private int nodes = 3;
        private Path dir;
        private String heap = "320m";
        private final Map<String, String> brokerConfig = new LinkedHashMap<>();

        private Builder() {}

        /** How many nodes (default 3). */
        public Builder nodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("nodes must be at least 1, was " + n);
            }
            this.nodes = n;
            return this;
        }

        /** Keeps the nodes' data in this directory (reused on the next start) instead of a temporary one. */
        public Builder dir(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Heap of each node's JVM (default 320m). */
        public Builder heap(String heap) {
            this.heap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /** Sets any broker property on every node. */
        public Builder brokerConfig(String key, String value) {
            brokerConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Starts every node and waits until all are registered with the quorum and accept clients. */
        public EmbeddedKafkaCluster start() {
            boolean temporary = dir == null;
            Path base;
            try {
                base = temporary ? Files.createTempDirectory("khabar-kafka-cluster-") : Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the cluster directory", e);
            }
            base = base.toAbsolutePath();
            try {
                Properties saved = loadOrCreate(base);
                List<Node> list = new ArrayList<>();
                EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(base, temporary, list);
                String voters = java.util.stream.IntStream.rangeClosed(1, nodes)
                        .mapToObj(i -> i + "@" + HOST + ":" + saved.getProperty("node." + i + ".controller.port"))
                        .collect(Collectors.joining(","));
                for (int i = 1; i <= nodes; i++) {
                    int port = Integer.parseInt(saved.getProperty("node." + i + ".port"));
                    int controllerPort = Integer.parseInt(saved.getProperty("node." + i + ".controller.port"));
                    Properties p = new Properties();
                    p.setProperty("log.dir", base.resolve("node-" + i).toString());
                    p.setProperty("cluster.id", saved.getProperty("cluster.id"));
                    p.setProperty("port", String.valueOf(port));
                    Map<String, String> broker = new LinkedHashMap<>(clusterDefaults(nodes));
                    broker.put("node.id", String.valueOf(i));
                    broker.put("controller.quorum.voters", voters);
                    broker.put(
                            "listeners",
                            "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
                    broker.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
                    broker.putAll(brokerConfig);
                    broker.forEach((k, v) -> p.setProperty("broker." + k, v));
                    Path config = base.resolve("node-" + i + ".properties");
                    try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                        p.store(w, "khabar EmbeddedKafkaCluster node " + i);
                    }
                    list.add(cluster
                    .new Node(
                            i,
                            port,
                            config,
                            base.resolve("node-" + i + ".log"),
                            List.of(
                                    "-Xmx" + heap,
                                    "-XX:+UseSerialGC",
                                    "-XX:TieredStopAtLevel=1",
                                    "-Dfile.encoding=UTF-8")));
                }
                long started = System.nanoTime();
                list.forEach(Node::start);
                try {
                    list.forEach(n -> n.awaitReady(Duration.ofMinutes(3)));
                    awaitBrokers(cluster.bootstrapServers(), nodes, Duration.ofMinutes(2));
                } catch (RuntimeException e) {
                    cluster.close();
                    throw e;
                }
                LOG.info(
                        "Kafka cluster of {} nodes started on {} in {} ms ({})",
                        nodes,
                        cluster.bootstrapServers(),
                        (System.nanoTime() - started) / 1_000_000,
                        base);
                return cluster;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the cluster's node settings in " + base, e);
            }
        }

        /** Cluster id and ports, chosen once and kept in {@code cluster.properties}, so a restart reuses them. */
        private Properties loadOrCreate(Path base) throws IOException {
            Path file = base.resolve("cluster.properties");
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                if (Integer.parseInt(p.getProperty("nodes")) != nodes) {
                    throw new IllegalStateException(
                            base + " holds a cluster of " + p.getProperty("nodes") + " nodes, not " + nodes);
                }
                return p;
            }
            p.setProperty("nodes", String.valueOf(nodes));
            p.setProperty("cluster.id", Uuid.randomUuid().toString());
            for (int i = 1; i <= nodes; i++) {
                p.setProperty("node." + i + ".port", String.valueOf(freePort()));
                p.setProperty("node." + i + ".controller.port", String.valueOf(freePort()));
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "khabar EmbeddedKafkaCluster: id and ports, reused on restart");
            }
            return p;
        }

        /** Replication of Kafka's internal topics as on a production cluster (3 copies, 2 in sync) when there are 3+ nodes. */
        static Map<String, String> clusterDefaults(int nodes) {
            int rf = Math.min(3, nodes);
            int minIsr = rf >= 3 ? 2 : 1;
            Map<String, String> m = new LinkedHashMap<>();
            m.put("offsets.topic.replication.factor", String.valueOf(rf));
            m.put("transaction.state.log.replication.factor", String.valueOf(rf));
            m.put("transaction.state.log.min.isr", String.valueOf(minIsr));
            m.put("share.coordinator.state.topic.replication.factor", String.valueOf(rf));
            m.put("share.coordinator.state.topic.min.isr", String.valueOf(minIsr));
            m.put("default.replication.factor", String.valueOf(rf));
            m.put("min.insync.replicas", String.valueOf(minIsr));
            m.put("offsets.topic.num.partitions", "3");
            m.put("transaction.state.log.num.partitions", "3");
            m.put("share.coordinator.state.topic.num.partitions", "1");
            m.put("unclean.leader.election.enable", "false");
            return m;
        }

        private static void awaitBrokers(String bootstrap, int n, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                while (true) {
                    try {
                        if (admin.describeCluster()
                                        .nodes()
                                        .get(5, TimeUnit.SECONDS)
                                        .size()
                                >= n) {
                            return;
                        }
                    } catch (Exception e) {
                        // not yet
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "the cluster did not reach " + n + " brokers within " + timeout);
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free port", e);
            }
        }
    }
}
