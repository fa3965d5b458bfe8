package io.khabar.cli;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.Topics;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code khabar broker}: serves a real single-node KRaft Kafka broker until stopped (for tests and local use). */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs an embedded single-node Apache Kafka broker (KRaft) until SIGTERM/Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Client port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 in containers).")
    String host;

    @Option(names = "--advertised-host", description = "Host name clients are told to connect to (default: --host).")
    String advertisedHost;

    @Option(names = "--data", description = "Data folder; reused across restarts (default: a temporary folder).")
    Path dataDir;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true",
            description = "Create the khabar topics at start (default ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder().port(port).listenerHost(host);
        if (advertisedHost != null) {
            b.advertisedHost(advertisedHost);
        }
        if (dataDir != null) {
            b.logDir(dataDir);
        }
        EmbeddedKafkaBroker broker = b.start();
        if (createTopics) {
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                Topics.ensureExist(admin, Topics.DEFAULT_PARTITIONS, (short) 1);
            }
        }
        System.out.println("khabar broker: ready on " + broker.bootstrapServers());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "khabar-broker-shutdown"));
        stopped.await();
        return 0;
    }
}
