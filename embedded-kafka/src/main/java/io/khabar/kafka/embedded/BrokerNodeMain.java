package io.khabar.kafka.embedded;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of one node of an {@link EmbeddedKafkaCluster}, run in its own JVM: starts an
 * {@link EmbeddedKafkaBroker} from a properties file ({@code log.dir}, {@code cluster.id}, {@code port} and any
 * broker settings), prints {@value #READY} once it accepts clients, and runs until SIGTERM (a controlled shutdown)
 * or SIGKILL.
 */
public final class BrokerNodeMain {

    /** Printed on stdout once the broker is up. */
    public static final String READY = "khabar broker node ready";

    private BrokerNodeMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: BrokerNodeMain NODE.properties");
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder()
                .logDir(Path.of(p.getProperty("log.dir")))
                .clusterId(p.getProperty("cluster.id"))
                .port(Integer.parseInt(p.getProperty("port")));
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("broker.")) {
                b.brokerConfig(key.substring("broker.".length()), p.getProperty(key));
            }
        }
        EmbeddedKafkaBroker broker = b.start();
        System.out.println(READY + " " + broker.bootstrapServers());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "khabar-broker-node-shutdown"));
        stopped.await();
    }
}
