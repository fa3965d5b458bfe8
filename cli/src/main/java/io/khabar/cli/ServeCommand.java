package io.khabar.cli;

import io.khabar.serve.ServeApp;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code khabar serve}: the web view of the enriched topic (a Kafka Streams app answering from its state stores)
 * until SIGTERM/Ctrl-C. Binds 127.0.0.1 unless {@code --host} says otherwise.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves a web view of the enriched topic: latest articles, articles with entities highlighted,",
            "entity pages, trending entities and search. Runs until SIGTERM/Ctrl-C.",
            "More instances with the same --application-id share the work; see docs/serve.md."
        })
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--host",
            defaultValue = ServeApp.DEFAULT_HOST,
            description = "Address to bind (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--advertised",
            paramLabel = "HOST:PORT",
            description =
                    "Address other instances and browsers reach this one by (default: --host and the bound port).")
    String advertised;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            description = "Streams application.id (default " + ServeApp.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Where the stores live (default: Kafka Streams' default).")
    Path stateDir;

    @Option(names = "--threads", defaultValue = "8", description = "HTTP worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.bootstrapServersOrNull();
        if (bootstrap == null) {
            System.err.println(
                    "khabar serve: give --bootstrap-servers (or use 'khabar run --serve' for an embedded broker)");
            return 1;
        }
        ServeApp app = start(
                bootstrap,
                kafka.clientProperties(),
                applicationId,
                stateDir,
                host,
                port,
                advertised,
                threads,
                partitions);
        System.err.println("khabar serve: serving " + app.url() + " on " + bootstrap + "; SIGTERM or Ctrl-C stops it");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            System.err.println("khabar serve: stopped");
                            stopped.countDown();
                        },
                        "khabar-serve-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the web view on a broker; used by {@code serve} and {@code run --serve}. */
    static ServeApp start(
            String bootstrap,
            Properties client,
            String applicationId,
            Path stateDir,
            String host,
            int port,
            String advertised,
            int threads,
            int partitions)
            throws Exception {
        Properties overrides = new Properties();
        overrides.putAll(client);
        overrides.remove("bootstrap.servers");
        if (applicationId != null) {
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        }
        Properties admin = new Properties();
        admin.putAll(client);
        admin.put("bootstrap.servers", bootstrap);
        try (Admin a = Admin.create(admin)) {
            TopicAdmin.Layout layout = TopicAdmin.prepare(
                    a, partitions, null, applicationId == null ? ServeApp.DEFAULT_APPLICATION_ID : applicationId);
            // the view's changelogs and repartition topic get the same replicas as khabar's topics, unless set
            layout.streamsSettings().forEach(overrides::putIfAbsent);
        }
        if (stateDir != null) {
            overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        ServeApp app = ServeApp.start(
                ServeApp.streamsConfig(bootstrap, overrides), new InetSocketAddress(host, port), advertised, threads);
        if (!app.awaitRunning(Duration.ofMinutes(2))) {
            System.err.println("khabar serve: the view is not running yet ("
                    + app.streams().state() + "); pages answer 503 until it is");
        }
        return app;
    }
}
