package io.khabar.cli;

import io.khabar.ingest.Ingest;
import io.khabar.ingest.IngestSummary;
import io.khabar.ingest.TextFileSource;
import io.khabar.model.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code khabar ingest}: publishes articles from files and folders to the raw topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Publishes articles to the raw topic (${sys:line.separator}"
                + "seed-format .txt files: headline line, then paragraphs).",
                "Exit status: 0 all published, 2 some inputs rejected (reported by name, sent to the dead-letter topic), 1 error."})
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders (read recursively).")
    List<Path> paths;

    @Option(names = "--max-bytes", defaultValue = "1048576", description = "Largest accepted input in bytes (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.bootstrapServersOrNull();
        if (bootstrap == null) {
            System.err.println("khabar ingest: give --bootstrap-servers (or use 'khabar run' for an embedded broker)");
            return 1;
        }
        Properties client = kafka.withBootstrap(bootstrap);
        try (Admin admin = Admin.create(client)) {
            Topics.ensureExist(admin, partitions, (short) -1);
        }
        IngestSummary summary = Ingest.run(List.of(new TextFileSource(paths, maxBytes, java.time.Clock.systemUTC())), client);
        return report(summary);
    }

    /** Prints the summary and returns the exit status it calls for. */
    static int report(IngestSummary s) {
        System.out.printf("ingest: %d published, %d rejected, %d failed%n", s.published(), s.rejected(), s.failed());
        s.problems().forEach(p -> System.err.println("  " + p));
        if (s.failed() > 0) {
            System.err.printf("khabar: %d article(s) were not acknowledged by Kafka%n", s.failed());
            return 1;
        }
        if (s.rejected() > 0) {
            System.err.printf("khabar: %d input(s) rejected; see the lines above and the dead-letter topic %s%n",
                    s.rejected(), Topics.DEAD_LETTER);
            return 2;
        }
        return 0;
    }
}
