package io.khabar.cli;

import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.enrich.EnrichHttpServer;
import io.khabar.enrich.EnrichMetrics;
import io.khabar.enrich.EnrichSettings;
import io.khabar.enrich.EnrichTopology;
import io.khabar.enrich.EntityMemory;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.NameMemory;
import io.khabar.text.UrduNormalizer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code khabar enrich}: runs the enrich Kafka Streams application until SIGTERM/Ctrl-C, which closes it cleanly.
 * Settings, lowest precedence first: built-in defaults, {@code --config} file, {@code KHABAR_KAFKA_*} environment
 * variables, {@code --set key=value}, then the dedicated options below. Kafka, Streams ({@code producer.},
 * {@code consumer.} prefixes included) and {@code khabar.enrich.*} keys all go the same way.
 */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description =
                "Runs the enrich Kafka Streams app (raw topic -> enriched topic, exactly once) until SIGTERM/Ctrl-C.")
public final class EnrichCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicOptions topicOptions;

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Option(names = "--print-config", description = "Print the effective settings (secrets hidden) and exit.")
    boolean printConfig;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            description = "Streams application.id = consumer group (default " + EnrichApp.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(
            names = "--dedup-retention",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How long article versions and content hashes are remembered, e.g. 7d, 36h, 90m, PT1H (default 7d).")
    Duration dedupRetention;

    @Option(
            names = "--dedup-content",
            negatable = true,
            description =
                    "Drop an article whose title and body were already enriched under another id (default on; "
                            + "--no-dedup-content skips the content-hash step, its claim and verdict topics and its pending store).")
    Boolean dedupContent;

    @Option(
            names = "--max-input-bytes",
            paramLabel = "BYTES",
            description = "Largest title + body enriched; larger articles are dead-lettered (default 1048576).")
    Long maxInputBytes;

    /** The metrics port used when none is given; if it is taken, a free one is used and logged. */
    static final int DEFAULT_METRICS_PORT = 9464;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description =
                    "Port of /metrics (Prometheus), /health/live and /health/ready; -1 turns them off, 0 takes any"
                            + " free port (default " + DEFAULT_METRICS_PORT
                            + ", or a free port when another process holds it).")
    Integer metricsPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "khabar data directory: each instance takes its own enrich/<application.id>/instance-N in it,"
                    + " for its Streams state, instance id and native libraries (default: " + InstanceDir.DATA_DIR_ENV
                    + ", else $XDG_DATA_HOME/khabar, else ~/.local/share/khabar).")
    Path dataDir;

    @Option(
            names = "--static-membership",
            negatable = true,
            defaultValue = "true",
            description = "Join the group with this instance's stable id (group.instance.id), so a restart within the"
                    + " session timeout resumes in seconds without a rebalance (default ${DEFAULT-VALUE}).")
    boolean staticMembership;

    @Option(
            names = "--metrics-host",
            paramLabel = "HOST",
            defaultValue = "${env:KHABAR_METRICS_HOST:-127.0.0.1}",
            description = "Address the metrics/health server binds to (default ${DEFAULT-VALUE}: this machine only; "
                    + "the container image sets KHABAR_METRICS_HOST=0.0.0.0).")
    String metricsHost;

    @Option(
            names = "--entity-memory",
            negatable = true,
            defaultValue = "true",
            description = "Remember names established with confidence and recognise them in later articles, shared "
                    + "by all instances through the compacted topic " + EntityMemory.TOPIC + " (created if missing); "
                    + "see 'khabar entities' and docs/ner.md (default ${DEFAULT-VALUE}; --no-entity-memory: off).")
    boolean entityMemory;

    @Option(
            names = "--gazetteer",
            paramLabel = "FILE",
            description = "Extra gazetteer file (TYPE<TAB>canonical<TAB>Wikidata id or -<TAB>form|form...), e.g. one "
                    + "exported by 'khabar entities --export'; repeatable.")
    java.util.List<java.nio.file.Path> gazetteers = new java.util.ArrayList<>();

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.bootstrapServersOrNull();
        Properties userSettings = overrides(System.getenv());
        Properties config = EnrichApp.streamsConfig(bootstrap == null ? "(not set)" : bootstrap, userSettings);
        EnrichSettings settings = EnrichSettings.from(config);
        if (describe) {
            // The enricher is never called to describe the topology: no need to load the gazetteers.
            System.out.println(EnrichTopology.build(
                            raw -> null,
                            settings,
                            EnrichMetrics.inMemory(),
                            io.khabar.enrich.stories.StorySettings.from(config))
                    .describe());
            return 0;
        }
        for (java.nio.file.Path g : gazetteers) {
            String problem = Khabar.unreadable("--gazetteer", g, false);
            if (problem != null) {
                System.err.println("khabar enrich: " + problem);
                return 1;
            }
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
        InstanceDir instance = InstanceDir.acquire(
                InstanceDir.dataDir(dataDir, System.getenv()),
                "enrich",
                config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        instance.useForNativeLibraries();
        if (!userSettings.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
            config.put(
                    StreamsConfig.STATE_DIR_CONFIG, instance.streamsStateDir().toString());
        }
        if (staticMembership && !userSettings.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance.instanceId());
        }
        try (Admin admin = Admin.create(kafka.withBootstrap(bootstrap))) {
            TopicAdmin.Layout layout = TopicAdmin.prepare(
                    admin, partitions, topicOptions, config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
            // Streams' internal topics (changelogs, repartitions) get the same replicas, unless set by the user.
            layout.streamsSettings().forEach((k, v) -> {
                if (!userSettings.containsKey(k)) {
                    config.put(k, v);
                }
            });
            if (entityMemory) {
                EntityMemory.ensureTopic(admin, layout.replicationFactor(), layout.minInsyncReplicas());
            }
        }
        EnrichMetrics metrics = EnrichMetrics.prometheus();
        config.put(EnrichSettings.METRICS_CONFIG, metrics);
        EnrichApp app = EnrichApp.start(enricher(), config);
        EnrichHttpServer http;
        try {
            http = startHttp(app);
        } catch (IOException e) {
            app.close(Duration.ofSeconds(30));
            instance.close();
            System.err.println("khabar enrich: " + e.getMessage());
            return 1;
        }
        System.err.println("khabar enrich: application.id " + app.applicationId() + " on " + bootstrap
                + ", instance " + instance.instanceId() + " in " + instance.dir()
                + (http == null ? "" : "; metrics and health on port " + http.port()) + "; SIGTERM or Ctrl-C stops it");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            boolean clean = app.close(Duration.ofSeconds(60));
                            if (http != null) {
                                http.close();
                            }
                            instance.close();
                            System.err.println("khabar enrich: stopped" + (clean ? "" : " (not within 60 s)"));
                            stopped.countDown();
                        },
                        "khabar-enrich-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * The metrics and health server on --metrics-port; when none was given and the default port is taken (another
     * enrich on this host), on a free port, which is logged.
     *
     * @throws IOException naming the port, when the port that was asked for is taken
     */
    private EnrichHttpServer startHttp(EnrichApp app) throws IOException {
        int port = metricsPort == null ? DEFAULT_METRICS_PORT : metricsPort;
        if (port < 0) {
            return null;
        }
        try {
            return EnrichHttpServer.start(new InetSocketAddress(metricsHost, port), app);
        } catch (BindException e) {
            if (metricsPort != null) {
                throw new IOException(
                        "metrics port " + metricsHost + ":" + port + " is taken by another process; give"
                                + " another --metrics-port, 0 for any free port, or -1 for none",
                        e);
            }
            EnrichHttpServer http = EnrichHttpServer.start(new InetSocketAddress(metricsHost, 0), app);
            LoggerFactory.getLogger(EnrichCommand.class)
                    .info(
                            "metrics port {} is taken (another khabar enrich on this"
                                    + " host?); metrics and health are on port {} instead",
                            port,
                            http.port());
            return http;
        }
    }

    /** The default enricher, with --gazetteer files and (unless --no-entity-memory) the name memory. */
    private ArticleEnricher enricher() {
        for (java.nio.file.Path g : gazetteers) {
            if (!java.nio.file.Files.isReadable(g)) {
                throw new IllegalArgumentException("cannot read gazetteer " + g);
            }
        }
        EntityTagger tagger = gazetteers.isEmpty()
                ? EntityTagger.withDefaultGazetteers()
                : EntityTagger.withGazetteers(gazetteers, false);
        EntityMemory memory = entityMemory ? new EntityMemory(new NameMemory()) : null;
        return new ArticleEnricher(new UrduNormalizer(), tagger, java.time.Clock.systemUTC(), memory);
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
