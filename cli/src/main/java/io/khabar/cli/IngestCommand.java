package io.khabar.cli;

import io.khabar.ingest.ArticlePages;
import io.khabar.ingest.ArticleSource;
import io.khabar.ingest.FeedSource;
import io.khabar.ingest.FieldMapping;
import io.khabar.ingest.FileTreeSource;
import io.khabar.ingest.HttpFetcher;
import io.khabar.ingest.Ingest;
import io.khabar.ingest.IngestSummary;
import io.khabar.ingest.PageSource;
import io.khabar.ingest.Progress;
import io.khabar.ingest.WatchSource;
import io.khabar.model.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code khabar ingest}: publishes articles from files, folders, watched folders, feeds and pages to the raw topic. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Publishes articles to the raw topic from files and folders (.txt seed format: headline line, "
                    + "then paragraphs; .json: an article or an array; .jsonl/.ndjson: one article per line), a watched "
                    + "folder, RSS/Atom feeds and article pages. See docs/ingest.md.",
            "Exit status: 0 all published, 2 some inputs rejected (reported by name, sent to the dead-letter "
                    + "topic), 1 error or articles not acknowledged by Kafka."
        })
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicOptions topicOptions;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Files or folders (read recursively), format by extension.")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--watch",
            paramLabel = "DIR",
            description = "Watch a folder: publish new and changed files until stopped (Ctrl-C).")
    Path watch;

    @Option(
            names = "--state-file",
            paramLabel = "FILE",
            description = "Where --watch remembers published files (default: DIR/.khabar-published).")
    Path stateFile;

    @Option(
            names = "--rescan-interval",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Full rescan of the watched folder, besides file-system events (default ${DEFAULT-VALUE}).")
    Duration rescanInterval;

    @Option(names = "--feed", paramLabel = "URL|FILE", description = "An RSS 2.0 or Atom feed (repeatable).")
    List<String> feeds = new ArrayList<>();

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "Read the feeds again after this long, until stopped (e.g. 5m); 0 reads them once (default).")
    Duration pollInterval;

    @Option(
            names = "--fetch-pages",
            description = "Fetch every feed item's page for its full text (by default only items without text).")
    boolean fetchPages;

    @Option(
            names = "--urls",
            paramLabel = "FILE",
            description = "Article pages to fetch: one URL per line, # comments.")
    Path urls;

    @Option(
            names = "--http-timeout",
            paramLabel = "DURATION",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description = "Time limit of one HTTP request, body included (default ${DEFAULT-VALUE}).")
    Duration httpTimeout;

    @Option(
            names = "--politeness",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "Minimum time between two requests to the same host (default ${DEFAULT-VALUE}).")
    Duration politeness;

    @Option(
            names = "--max-bytes",
            defaultValue = "1048576",
            description = "Largest accepted input (file, JSON item, page) in bytes (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(
            names = "--field",
            paramLabel = "FIELD=NAME",
            description = "Read an article field from a source field of another name, e.g. body=text, "
                    + "publishedAt=created, outlet=site (repeatable; fields: title, body, url, publishedAt, outlet, "
                    + "languageHint). Common names are recognised without it; see docs/ingest.md.")
    List<String> fields = new ArrayList<>();

    @Option(
            names = "--outlet",
            paramLabel = "NAME",
            description =
                    "Outlet (publisher) of the articles that name none, e.g. \"Geo News Urdu\" (default: the URL's host).")
    String outlet;

    @Option(
            names = "--language",
            paramLabel = "CODE",
            description = "Language hint (BCP 47, e.g. ur) of the articles that give none.")
    String language;

    @Option(names = "--no-progress", description = "No progress bar or progress lines, only the final summary.")
    boolean noProgress;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions for topics created if missing (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--follow-links",
            description = "Read symbolic links that lead out of the folder given (or out of a named file's folder). "
                    + "Off by default: such links are refused (link-outside-root). See docs/security.md.")
    boolean followLinks;

    @Option(
            names = "--allow-special-files",
            description =
                    "Read named pipes, devices, sockets and /proc or /sys files (with --read-timeout and the size "
                            + "limits). Off by default: they are refused (special-file). See docs/security.md.")
    boolean allowSpecialFiles;

    @Option(
            names = "--read-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Time limit of opening a file and of each read from it; a stalled file is rejected "
                    + "(read-timeout) (default ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Option(
            names = "--allow-private-addresses",
            description =
                    "Fetch feeds and pages from loopback, private, link-local and cloud-metadata addresses "
                            + "(intranets, tests). Off by default: such targets are refused (blocked-address). See docs/security.md.")
    boolean allowPrivateAddresses;

    @Option(
            names = "--health-port",
            paramLabel = "PORT",
            defaultValue = "-1",
            description = "Serve /health/live (200 until a reader fails) and /health/ready (200 while reading and the"
                    + " broker answers) on this port; -1 (default) none, 0 any free port.")
    int healthPort;

    @Option(
            names = "--health-host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "Address of the health endpoints (default ${DEFAULT-VALUE}; 0.0.0.0 in containers).")
    String healthHost;

    @Option(names = "--print-config", description = "Print the effective producer settings (secrets hidden) and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        if (printConfig) {
            String b = kafka.bootstrapServersOrNull();
            Properties printable = new Properties();
            io.khabar.ingest.ArticlePublisher.producerConfig(kafka.withBootstrap(b == null ? "(not set)" : b))
                    .forEach((k, v) -> printable.put(String.valueOf(k), String.valueOf(v)));
            KafkaOptions.printConfig(printable, System.out);
            return 0;
        }
        if (paths.isEmpty() && watch == null && feeds.isEmpty() && urls == null) {
            System.err.println("khabar ingest: nothing to read: give PATHs, --watch DIR, --feed or --urls");
            return 1;
        }
        String unreadable = unreadableInput();
        if (unreadable != null) {
            System.err.println("khabar ingest: " + unreadable);
            return 1;
        }
        String bootstrap = kafka.bootstrapServersOrNull();
        if (bootstrap == null) {
            System.err.println("khabar ingest: give --bootstrap-servers (or use 'khabar run' for an embedded broker)");
            return 1;
        }
        FieldMapping mapping;
        try {
            mapping = FieldMapping.of(fields, outlet, language);
        } catch (IllegalArgumentException e) {
            System.err.println("khabar ingest: " + e.getMessage());
            return 1;
        }
        Properties client = kafka.withBootstrap(bootstrap);
        try (Admin admin = Admin.create(client)) {
            TopicAdmin.prepare(admin, partitions, topicOptions, null);
        }

        List<ArticleSource> oneShot = new ArrayList<>();
        List<ArticleSource> continuous = new ArrayList<>();
        List<Runnable> stoppers = new ArrayList<>();
        long expected = 0;
        if (!paths.isEmpty()) {
            FileTreeSource files = new FileTreeSource(paths, maxBytes, Clock.systemUTC(), mapping, confinement());
            List<Path> list = files.files();
            boolean allText = list.stream()
                    .allMatch(p -> FileTreeSource.formatOf(p) != FileTreeSource.Format.JSON
                            && FileTreeSource.formatOf(p) != FileTreeSource.Format.JSON_LINES);
            expected = allText ? list.size() : -1;
            oneShot.add(files);
        }
        HttpFetcher http =
                new HttpFetcher(Duration.ofSeconds(10), httpTimeout, politeness, maxBytes, allowPrivateAddresses);
        if (urls != null) {
            List<String> list = PageSource.readUrlList(urls);
            expected = expected < 0 ? -1 : expected + list.size();
            oneShot.add(new PageSource(list, new ArticlePages(http), Clock.systemUTC()));
        }
        if (!feeds.isEmpty()) {
            expected = -1;
            FeedSource feedSource = new FeedSource(
                    feeds, http, pollInterval, fetchPages, Math.max(maxBytes, 16L << 20), Clock.systemUTC());
            if (pollInterval.isZero()) {
                oneShot.add(feedSource);
            } else {
                continuous.add(feedSource);
                stoppers.add(feedSource::stop);
            }
        }
        if (watch != null) {
            expected = -1;
            WatchSource w = new WatchSource(
                            watch,
                            stateFile != null ? stateFile : WatchSource.defaultStateFile(watch),
                            maxBytes,
                            rescanInterval,
                            Duration.ofMillis(500),
                            Clock.systemUTC(),
                            confinement())
                    .mapping(mapping);
            continuous.add(w);
            stoppers.add(w::stop);
            System.err.println("khabar ingest: watching " + io.khabar.model.OutsideText.escape(watch.toString())
                    + " (Ctrl-C to stop)");
        }

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stoppers.forEach(Runnable::run);
                    try {
                        finished.await(
                                30, TimeUnit.SECONDS); // let the sources flush, save their state, print the summary
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ingest-stop");
        if (!continuous.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        Progress progress = noProgress ? null : Progress.forConsole();
        if (progress != null && expected > 0) {
            progress.expect(expected);
        }
        io.khabar.ingest.IngestHealth health = new io.khabar.ingest.IngestHealth();
        io.khabar.enrich.EnrichHttpServer healthServer = null;
        if (healthPort >= 0) {
            try {
                healthServer = io.khabar.enrich.EnrichHttpServer.start(
                        new java.net.InetSocketAddress(healthHost, healthPort),
                        health::live,
                        health::ready,
                        health::describe,
                        null);
            } catch (java.io.IOException e) {
                System.err.println("khabar ingest: health port " + healthHost + ":" + healthPort + " is taken: "
                        + e.getMessage() + "; give another --health-port or 0 for any free port");
                return 1;
            }
            System.err.println("khabar ingest: health on port " + healthServer.port());
        }
        long started = System.nanoTime();
        try {
            IngestSummary summary = Ingest.run(oneShot, continuous, client, progress, health);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "ingest: %.1f s, %,.0f articles/s%n",
                    seconds,
                    summary.published() / Math.max(seconds, 1e-9));
            mapping.report().forEach(line -> System.out.println("ingest: " + line));
            return report(summary);
        } catch (java.io.IOException e) {
            // a source that stopped (e.g. a watched folder that cannot be read): never an exit 0
            System.err.println("khabar ingest: " + io.khabar.model.OutsideText.escape(String.valueOf(e.getMessage())));
            return 1;
        } finally {
            if (healthServer != null) {
                healthServer.close();
            }
            finished.countDown();
        }
    }

    private io.khabar.ingest.InputFiles.Options confinement() {
        return new io.khabar.ingest.InputFiles.Options(followLinks, allowSpecialFiles, readTimeout);
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
            System.err.printf(
                    "khabar: %d input(s) rejected; see the lines above and the dead-letter topic %s%n",
                    s.rejected(), Topics.DEAD_LETTER);
            return 2;
        }
        return 0;
    }

    /** The first PATH, --urls file or --watch folder the user named that cannot be read, as a message; else null. */
    String unreadableInput() {
        for (Path p : paths) {
            String problem = Khabar.unreadable("", p, false);
            if (problem != null) {
                return problem;
            }
        }
        if (urls != null) {
            String problem = Khabar.unreadable("--urls", urls, false);
            if (problem != null) {
                return problem;
            }
        }
        return watch == null ? null : Khabar.unreadable("--watch", watch, true);
    }
}
