package io.khabar.cli;

import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.enrich.EnrichTopology;
import io.khabar.model.Topics;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code khabar enrich}: runs the enrich Kafka Streams application until stopped. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = "Runs the enrich Kafka Streams app (raw topic -> enriched topic, exactly once) until SIGTERM/Ctrl-C.")
public final class EnrichCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        Topology topology = EnrichTopology.build(ArticleEnricher.withDefaults());
        if (describe) {
            System.out.println(topology.describe());
            return 0;
        }
        String bootstrap = kafka.bootstrapServersOrNull();
        if (bootstrap == null) {
            System.err.println("khabar enrich: give --bootstrap-servers (or use 'khabar run' for an embedded broker)");
            return 1;
        }
        Properties client = kafka.withBootstrap(bootstrap);
        try (Admin admin = Admin.create(client)) {
            Topics.ensureExist(admin, partitions, (short) -1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EnrichApp app = EnrichApp.start(topology, EnrichApp.streamsConfig(bootstrap, kafka.clientProperties()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "khabar-enrich-shutdown"));
        stopped.await();
        return 0;
    }
}
