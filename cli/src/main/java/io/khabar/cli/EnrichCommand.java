package io.khabar.cli;

import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.enrich.EnrichHttpServer;
import io.khabar.enrich.EnrichMetrics;
import io.khabar.enrich.EnrichSettings;
import io.khabar.enrich.EnrichTopology;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code khabar enrich}: runs the enrich Kafka Streams application until SIGTERM/Ctrl-C, which closes it cleanly.
 * Settings, lowest precedence first: built-in defaults, {@code --config} file, {@code KHABAR_KAFKA_*} environment
 * variables, {@code --set key=value}, then the dedicated options below. Kafka, Streams ({@code producer.},
 * {@code consumer.} prefixes included) and {@code khabar.enrich.*} keys all go the same way.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = "Runs the enrich Kafka Streams app (raw topic -> enriched topic, exactly once) until SIGTERM/Ctrl-C.")
public final class EnrichCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicOptions topicOptions;

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Option(names = "--print-config", description = "Print the effective settings (secrets hidden) and exit.")
    boolean printConfig;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Streams application.id = consumer group (default " + EnrichApp.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(names = "--dedup-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long article versions and content hashes are remembered, e.g. 7d, 36h, 90m, PT1H (default 7d).")
    Duration dedupRetention;

    @Option(names = "--dedup-content", negatable = true,
            description = "Drop an article whose title and body were already enriched under another id (default on; "
                    + "--no-dedup-content skips the content-hash step and its two repartition topics).")
    Boolean dedupContent;

    @Option(names = "--max-input-bytes", paramLabel = "BYTES",
            description = "Largest title + body enriched; larger articles are dead-lettered (default 1048576).")
    Long maxInputBytes;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port of /metrics (Prometheus), /health/live and /health/ready; -1 turns them off (default ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Address the metrics/health server binds to (default ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.bootstrapServersOrNull();
        Properties userSettings = overrides(System.getenv());
        Properties config = EnrichApp.streamsConfig(bootstrap == null ? "(not set)" : bootstrap, userSettings);
        EnrichSettings settings = EnrichSettings.from(config);
        if (describe) {
            // The enricher is never called to describe the topology: no need to load the gazetteers.
            System.out.println(EnrichTopology.build(raw -> null, settings, EnrichMetrics.inMemory()).describe());
            return 0;
        }
        if (printConfig) {
            Properties printable = new Properties();
            config.forEach((k, v) -> {
                if (v instanceof String) {
                    printable.put(k, v);
                }
            });
            KafkaOptions.printConfig(printable, System.out);
            return 0;
        }
        if (bootstrap == null) {
            System.err.println("khabar enrich: give --bootstrap-servers (or use 'khabar run' for an embedded broker)");
            return 1;
        }
        try (Admin admin = Admin.create(kafka.withBootstrap(bootstrap))) {
            TopicAdmin.Layout layout = TopicAdmin.prepare(admin, partitions, topicOptions,
                    config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
            // Streams' internal topics (changelogs, repartitions) get the same replicas, unless set by the user.
            layout.streamsSettings().forEach((k, v) -> {
                if (!userSettings.containsKey(k)) {
                    config.put(k, v);
                }
            });
        }
        EnrichMetrics metrics = EnrichMetrics.prometheus();
        config.put(EnrichSettings.METRICS_CONFIG, metrics);
        EnrichApp app = EnrichApp.start(ArticleEnricher.withDefaults(), config);
        EnrichHttpServer http = metricsPort < 0 ? null
                : EnrichHttpServer.start(new InetSocketAddress(metricsHost, metricsPort), app);
        System.err.println("khabar enrich: application.id " + app.applicationId() + " on " + bootstrap
                + (http == null ? "" : "; metrics and health on port " + http.port()) + "; SIGTERM or Ctrl-C stops it");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = app.close(Duration.ofSeconds(60));
            if (http != null) {
                http.close();
            }
            System.err.println("khabar enrich: stopped" + (clean ? "" : " (not within 60 s)"));
            stopped.countDown();
        }, "khabar-enrich-shutdown"));
        stopped.await();
        return 0;
    }

    /** --config, environment and --set (via {@link KafkaOptions}), then the dedicated options on top. */
    Properties overrides(Map<String, String> env) {
        Properties p = kafka.clientProperties(env);
        if (applicationId != null) {
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        }
        if (dedupContent != null) {
            p.put(EnrichSettings.DEDUP_CONTENT_CONFIG, dedupContent.toString());
        }
        if (dedupRetention != null) {
            p.put(EnrichSettings.DEDUP_RETENTION_MS_CONFIG, String.valueOf(dedupRetention.toMillis()));
        }
        if (maxInputBytes != null) {
            p.put(EnrichSettings.MAX_INPUT_BYTES_CONFIG, String.valueOf(maxInputBytes));
        }
        return p;
    }
}
