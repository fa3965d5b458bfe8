package io.khabar.cli;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.kafka.embedded.EmbeddedKafkaCluster;
import io.khabar.model.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code khabar broker}: serves a real KRaft Kafka broker until stopped (for tests and local use): one node in this
 * JVM, or with {@code --nodes 3} a cluster of three, each node its own JVM that can be killed and restarted.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description =
                "Runs an embedded Apache Kafka broker (KRaft) until SIGTERM/Ctrl-C; --nodes 3 runs a cluster of three.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Client port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 in containers).")
    String host;

    @Option(names = "--advertised-host", description = "Host name clients are told to connect to (default: --host).")
    String advertisedHost;

    @Option(names = "--data", description = "Data folder; reused across restarts (default: a temporary folder).")
    Path dataDir;

    @Option(
            names = "--external-port",
            paramLabel = "PORT",
            description = "A second client listener on this port, for clients outside the container network "
                    + "(--advertised-host is what containers use; this one is advertised as --external-address).")
    Integer externalPort;

    @Option(
            names = "--external-address",
            paramLabel = "HOST:PORT",
            description = "What the second listener is advertised as (default localhost:<--external-port>), "
                    + "e.g. the host port it is published on.")
    String externalAddress;

    @Option(
            names = "--create-topics",
            negatable = true,
            defaultValue = "true",
            description = "Create the khabar topics at start (default ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(
            names = "--nodes",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Brokers: 1 (default) in this JVM, or N each in its own JVM on 127.0.0.1 (ports chosen once and "
                            + "kept in --data; --port and --external-* apply to one node only).")
    int nodes;

    @Override
    public Integer call() throws Exception {
        if (nodes > 1) {
            return cluster();
        }
        EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder().port(port).listenerHost(host);
        if (advertisedHost != null) {
            b.advertisedHost(advertisedHost);
        }
        if (dataDir != null) {
            b.logDir(dataDir);
        }
        if (externalPort != null) {
            externalListener(b);
        }
        EmbeddedKafkaBroker broker = b.start();
        if (createTopics) {
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                TopicAdmin.prepare(admin, Topics.DEFAULT_PARTITIONS, null, null);
            }
        }
        System.out.println("khabar broker: ready on " + broker.bootstrapServers()
                + (externalPort == null ? "" : " and " + externalAddress()));
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "khabar-broker-shutdown"));
        stopped.await();
        return 0;
    }

    /** A cluster of --nodes child JVMs; prints each node's pid so that one can be killed to try a broker loss. */
    private int cluster() throws InterruptedException {
        if (externalPort != null || !"127.0.0.1".equals(host)) {
            throw new ParameterException(
                    new CommandLine(this), "--nodes > 1 runs on 127.0.0.1 only, without --external-port");
        }
        EmbeddedKafkaCluster.Builder b = EmbeddedKafkaCluster.builder().nodes(nodes);
        if (dataDir != null) {
            b.dir(dataDir);
        }
        EmbeddedKafkaCluster cluster = b.start();
        if (createTopics) {
            Properties p = new Properties();
            p.put("bootstrap.servers", cluster.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                TopicAdmin.prepare(admin, Topics.DEFAULT_PARTITIONS, null, null);
            }
        }
        System.out.println("khabar broker: cluster of " + nodes + " ready on " + cluster.bootstrapServers());
        for (EmbeddedKafkaCluster.Node n : cluster.nodes()) {
            System.out.println("  node " + n.id() + ": port " + n.port() + ", pid " + n.pid() + ", log " + n.logFile());
        }
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            synchronized (closing) {
                                closing.set(true);
                            }
                            cluster.close();
                            stopped.countDown();
                        },
                        "khabar-broker-shutdown"));
        // A node that was killed (to try a broker loss) is started again after 10 s on its log directory.
        while (!stopped.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            synchronized (closing) {
                for (EmbeddedKafkaCluster.Node n :
                        closing.get() ? List.<EmbeddedKafkaCluster.Node>of() : cluster.nodes()) {
                    if (!n.isRunning()) {
                        System.out.println("khabar broker: node " + n.id() + " is down; starting it again");
                        n.start();
                    }
                }
            }
        }
        return 0;
    }

    private String externalAddress() {
        return externalAddress != null ? externalAddress : "localhost:" + externalPort;
    }

    /**
     * Two client listeners: PLAINTEXT (port, advertised host) for containers on the same network, EXTERNAL
     * (external port, external address) for clients on the host, as the official Kafka images do. The
     * controller listener then needs a fixed port too, since the listener list is given whole.
     */
    private void externalListener(EmbeddedKafkaBroker.Builder b) throws IOException {
        if (port == 0) {
            throw new ParameterException(new CommandLine(this), "--external-port needs a fixed --port");
        }
        int controllerPort;
        try (ServerSocket s = new java.net.ServerSocket(0)) {
            controllerPort = s.getLocalPort();
        }
        String advertised = advertisedHost != null ? advertisedHost : "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        b.brokerConfig(
                "listeners",
                "PLAINTEXT://" + host + ":" + port + ",EXTERNAL://" + host + ":" + externalPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort);
        b.brokerConfig(
                "advertised.listeners", "PLAINTEXT://" + advertised + ":" + port + ",EXTERNAL://" + externalAddress());
        b.brokerConfig("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        b.brokerConfig("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    }
}
