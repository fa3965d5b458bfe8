package io.khabar.cli;

import io.khabar.enrich.EnrichApp;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EntityType;
import io.khabar.model.OutsideText;
import io.khabar.model.Topics;
import io.khabar.serve.ServeApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code khabar run}: the whole pipeline in one process, on the embedded broker unless
 * {@code --bootstrap-servers} names a cluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs ingest -> enrich -> sink over files and folders and exits when every article has reached the sink.",
            "Starts an embedded Kafka broker unless --bootstrap-servers is given. Output: JSON Lines in --out.",
            "Exit status: 0 when every input reached the sink; 2 when any was refused by ingest, enrich or the sink",
            "(each is named with its stage and reason); 1 on an error or when --timeout ran out."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to ingest (default: seeds).")
    List<Path> paths;

    @Option(
            names = "--out",
            defaultValue = "khabar-out",
            description = "Folder for the JSON Lines output (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--max-bytes",
            defaultValue = "1048576",
            description = "Largest accepted input in bytes (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--timeout",
            defaultValue = "5m",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Longest the whole run may take, reading the inputs included, e.g. 90s, 10m (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--serve",
            description = "Also serve the web view of the enriched topic, print its address and keep "
                    + "running (broker and view) until Ctrl-C/SIGTERM.")
    boolean serve;

    @Option(
            names = "--serve-host",
            defaultValue = ServeApp.DEFAULT_HOST,
            description = "Address the web view binds (default ${DEFAULT-VALUE}).")
    String serveHost;

    @Option(
            names = "--serve-port",
            defaultValue = "8080",
            description = "Port of the web view; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int servePort;

    @Option(
            names = "--entity-memory",
            negatable = true,
            defaultValue = "true",
            description = "Enrich with the name memory, as 'khabar enrich' does (default ${DEFAULT-VALUE}; "
                    + "--no-entity-memory: off).")
    boolean entityMemory;

    @Override
    public Integer call() throws Exception {
        List<Path> inputs = paths == null || paths.isEmpty() ? List.of(Path.of("seeds")) : paths;
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                System.err.println("khabar run: no such file or folder: " + p);
                return 1;
            }
        }
        String bootstrap = kafka.bootstrapServersOrNull();
        EmbeddedKafkaBroker broker = null;
        ServeApp view = null;
        try {
            if (bootstrap == null) {
                System.err.println("khabar run: starting an embedded Kafka broker (no --bootstrap-servers given)");
                broker = EmbeddedKafkaBroker.start();
                bootstrap = broker.bootstrapServers();
            }
            Properties client = kafka.withBootstrap(bootstrap);
            if (serve) {
                view = ServeCommand.start(
                        bootstrap,
                        kafka.clientProperties(),
                        null,
                        broker == null ? null : broker.logDir().resolve("serve-state"),
                        serveHost,
                        servePort,
                        null,
                        8,
                        partitions);
            }
            PipelineRun.Result r;
            try {
                PipelineRun run = new PipelineRun(client, EnrichApp.DEFAULT_APPLICATION_ID, partitions)
                        .entityMemory(entityMemory);
                if (broker != null) {
                    // A fresh broker each run: the enrich app's local state must be fresh too.
                    run.stateDir(broker.logDir().resolve("streams-state"));
                }
                try (RunProgress shown = RunProgress.forConsole()) {
                    run.progress(shown::show);
                    r = run.run(inputs, maxBytes, out, timeout);
                }
            } catch (TimeoutException e) {
                System.err.println(
                        "khabar run: " + e.getMessage() + "; gave up after " + timeout.toSeconds() + " s (--timeout)");
                return 1;
            } catch (IllegalStateException e) {
                System.err.println("khabar run: " + e.getMessage());
                return 1;
            }
            print(r);
            int code = report(r);
            if (view != null) {
                System.out.println("  web view           " + view.url());
                System.out.println();
                System.out.println(
                        "khabar run: serving the web view at " + view.url() + "; Ctrl-C or SIGTERM stops it");
                awaitShutdown(view);
            }
            return code;
        } finally {
            if (view != null) {
                view.close();
            }
            if (broker != null) {
                broker.close();
            }
            closed.countDown();
        }
    }

    /** Names every refused input with its stage and reason; the exit status (0, 1 or 2). */
    static int report(PipelineRun.Result r) {
        int ingest = IngestCommand.report(r.ingest());
        for (PipelineRun.Refusal f : r.refused()) {
            System.err.println("  " + OutsideText.escape(f.location(), 500) + ": refused by " + f.stage() + " ("
                    + f.reason() + "): " + OutsideText.escape(f.message(), 500));
        }
        if (ingest == 1) {
            return 1;
        }
        if (!r.refused().isEmpty()) {
            System.err.printf(
                    "khabar: %d article(s) refused after ingest; see the lines above and the dead-letter topic %s%n",
                    r.refused().size(), Topics.DEAD_LETTER);
            return 2;
        }
        return r.allDelivered() ? 0 : 2;
    }

    private final CountDownLatch closed = new CountDownLatch(1);

    /** Blocks until SIGTERM/Ctrl-C; the hook then waits (up to 60 s) for call() to close the view and the broker. */
    private void awaitShutdown(ServeApp view) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                closed.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "khabar-run-shutdown"));
        stop.await();
    }

    private void print(PipelineRun.Result r) {
        System.out.println();
        System.out.println("khabar run summary");
        System.out.printf(
                "  articles in        %d published, %d rejected%n",
                r.ingest().published(), r.ingest().rejected());
        System.out.printf(
                "  articles enriched  %d%s%n",
                r.articlesOut(),
                r.duplicates() > 0 ? " (" + r.duplicates() + " duplicates of delivered articles dropped)" : "");
        System.out.printf("  written by sink    %d  -> %s%n", r.sinkWritten(), out.toAbsolutePath());
        StringBuilder types = new StringBuilder();
        for (EntityType t : EntityType.values()) {
            types.append(String.format(
                    "%s %d  ",
                    t.name().toLowerCase(java.util.Locale.ROOT),
                    r.entitiesByType().getOrDefault(t, 0L)));
        }
        System.out.println("  entities           " + types.toString().strip());
        System.out.printf("  dead letters       %d (topic %s)%n", r.deadLetters(), Topics.DEAD_LETTER);
        System.out.printf("  seconds            %.1f%n", r.seconds());
    }
}
