package io.khabar.cli;

import io.khabar.enrich.EnrichApp;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EntityType;
import io.khabar.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code khabar run}: the whole pipeline in one process, on the embedded broker unless
 * {@code --bootstrap-servers} names a cluster.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs ingest -> enrich -> sink over files and folders and exits when every article has reached the sink.",
                "Starts an embedded Kafka broker unless --bootstrap-servers is given. Output: JSON Lines in --out.",
                "Exit status: 0 all good, 2 some inputs rejected, 1 error or timeout."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to ingest (default: seeds).")
    List<Path> paths;

    @Option(names = "--out", defaultValue = "khabar-out", description = "Folder for the JSON Lines output (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--max-bytes", defaultValue = "1048576", description = "Largest accepted input in bytes (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the pipeline to finish, e.g. 90s, 10m (default ${DEFAULT-VALUE}).")
    Duration timeout;

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
        try {
            if (bootstrap == null) {
                System.err.println("khabar run: starting an embedded Kafka broker (no --bootstrap-servers given)");
                broker = EmbeddedKafkaBroker.start();
                bootstrap = broker.bootstrapServers();
            }
            Properties client = kafka.withBootstrap(bootstrap);
            PipelineRun.Result r;
            try {
                PipelineRun run = new PipelineRun(client, EnrichApp.DEFAULT_APPLICATION_ID, partitions);
                if (broker != null) {
                    // A fresh broker each run: the enrich app's local state must be fresh too.
                    run.stateDir(broker.logDir().resolve("streams-state"));
                }
                r = run.run(inputs, maxBytes, out, timeout);
            } catch (TimeoutException e) {
                System.err.println("khabar run: " + e.getMessage() + " after " + timeout.toSeconds() + " s (--timeout)");
                return 1;
            }
            print(r);
            return IngestCommand.report(r.ingest());
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private void print(PipelineRun.Result r) {
        System.out.println();
        System.out.println("khabar run summary");
        System.out.printf("  articles in        %d published, %d rejected%n", r.ingest().published(), r.ingest().rejected());
        System.out.printf("  articles enriched  %d%n", r.articlesOut());
        System.out.printf("  written by sink    %d  -> %s%n", r.sinkWritten(), out.toAbsolutePath());
        StringBuilder types = new StringBuilder();
        for (EntityType t : EntityType.values()) {
            types.append(String.format("%s %d  ", t.name().toLowerCase(java.util.Locale.ROOT), r.entitiesByType().getOrDefault(t, 0L)));
        }
        System.out.println("  entities           " + types.toString().strip());
        System.out.printf("  dead letters       %d (topic %s)%n", r.deadLetters(), Topics.DEAD_LETTER);
        System.out.printf("  seconds            %.1f%n", r.seconds());
    }
}
