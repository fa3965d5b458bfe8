package io.khabar.cli;

import io.khabar.cli.bench.BenchCorpus;
import io.khabar.cli.bench.BenchReport;
import io.khabar.cli.bench.CorpusFile;
import io.khabar.cli.bench.CorpusGenerator;
import io.khabar.cli.bench.PipelineBench;
import io.khabar.cli.bench.RealNewsCorpus;
import io.khabar.enrich.ArticleEnricher;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.Json;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code khabar bench}: throughput and latency of the pipeline, side by side with plain Kafka. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the pipeline against the limit in one run: a plain producer+consumer over one topic,",
            "then ingest -> enrich (exactly-once) -> JSONL sink end to end, ingest-to-sink latency at fixed loads,",
            "and the PostgreSQL sink when --jdbc is given. Prints a table and writes JSON.",
            "Uses an embedded broker unless --bootstrap-servers is given (use an empty cluster: the bench reads the raw topic)."
        })
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--articles",
            defaultValue = "100000",
            description = "Articles in the corpus (default ${DEFAULT-VALUE}).")
    int articles;

    /** What the bench corpus is made of. */
    enum Corpus {
        /**
         * Real Urdu news (../shared/real-news/articles.jsonl); past its size each article again, rebuilt from other real
         * sentences of the file.
         */
        real,
        /** The same real news, repeated as near-copies with a marker line past its size (the corpus before). */
        copies,
        /** Articles assembled from the sentences of the UNER corpus and the seeds, with real news's sizes. */
        sentences,
        /** The corpus of earlier runs: the seed's twenty sentences drawn at random, bodies of --article-bytes. */
        seed
    }

    @Option(
            names = "--corpus",
            defaultValue = "real",
            description = {
                "What the articles are (default ${DEFAULT-VALUE}): real = real Urdu news from"
                        + " ../shared/real-news/articles.jsonl (or --real-news), as it is for the first pass, then each"
                        + " article rebuilt from other real sentences of the file (distinct articles; near-copies only where"
                        + " real news has them);"
                        + " copies = the same real news repeated as near-copies with a marker line (the corpus"
                        + " before 2026-12-01, whose repeats fill the story stage's buckets), for comparison;"
                        + " sentences = articles assembled from real sentences (../shared/urdu-ner/uner-dev.txt and the"
                        + " seeds) with real news's sizes, used when the real news is absent;"
                        + " seed = the seed-only corpus of earlier runs (compresses ~7x), for comparison."
            })
    Corpus corpus;

    @Option(
            names = "--real-news",
            description =
                    "JSON Lines file of real articles for --corpus real or copies (default: shared/real-news/articles.jsonl"
                            + " in this folder or a parent).")
    Path realNews;

    @Option(
            names = "--article-bytes",
            defaultValue = "5000",
            description = "Body size in bytes of the seed-only corpus (--corpus seed; default ${DEFAULT-VALUE}).")
    int articleBytes;

    @Option(
            names = "--seeds",
            defaultValue = "seeds",
            description = "Folder of seed articles, for --corpus seed and sentences (default ${DEFAULT-VALUE}).")
    Path seeds;

    @Option(
            names = "--rates",
            defaultValue = "200,2000",
            description = "Offered loads for the latency runs, articles/s (default ${DEFAULT-VALUE}).")
    String rates;

    @Option(
            names = "--latency-seconds",
            defaultValue = "15",
            description = "Seconds per latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of the topics (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--jdbc",
            description =
                    "Also measure the PostgreSQL sink on this JDBC URL (user/password from KHABAR_JDBC_USER / KHABAR_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(
            names = "--json",
            defaultValue = "bench-result.json",
            description = "Where to write the figures as JSON (default ${DEFAULT-VALUE}).")
    Path jsonOut;

    @Option(
            names = "--sink-flush-ms",
            defaultValue = "" + io.khabar.sink.SinkConfig.FLUSH_INTERVAL_MS_DEFAULT,
            description = "The sink's flush interval during the bench, ms (default ${DEFAULT-VALUE}, the sink's own"
                    + " default).")
    long sinkFlushMillis;

    @Option(
            names = "--warmup",
            defaultValue = "10000",
            description = "Articles at least run through the whole pipeline before the measured phases, not counted;"
                    + " more rounds follow until the JIT has settled (--warmup-settled-ms) or --warmup-max-seconds"
                    + " (default ${DEFAULT-VALUE}; 0 measures a cold JVM).")
    int warmup;

    @Option(
            names = "--warmup-round",
            defaultValue = "5000",
            description = "Articles per warm-up round; the JIT is looked at after each (default ${DEFAULT-VALUE}).")
    int warmupRound;

    @Option(
            names = "--warmup-settled-ms",
            defaultValue = "0.02",
            description = "The JIT counts as settled when its compiler threads spent at most this much CPU per article"
                    + " in a warm-up round, ms (from /proc; elsewhere CompilationMXBean's compilation time;"
                    + " default ${DEFAULT-VALUE}).")
    double warmupSettledMs;

    @Option(
            names = "--warmup-max-seconds",
            defaultValue = "150",
            description = "Cap on the warm-up's time; past it the measured phases start even if the JIT has not"
                    + " settled, and the report says so (default ${DEFAULT-VALUE}; 0: only --warmup articles).")
    double warmupMaxSeconds;

    @Option(
            names = "--jfr",
            description =
                    "Keep the JDK Flight Recorder recording of the pipeline phase (execution samples) in this file.")
    Path jfr;

    @Option(
            names = "--entity-memory",
            negatable = true,
            defaultValue = "true",
            description = "Run enrich with the name memory, as khabar enrich does by default (default ${DEFAULT-VALUE};"
                    + " --no-entity-memory: off).")
    boolean entityMemory;

    @Option(
            names = "--timeout",
            defaultValue = "1800",
            description = "Seconds allowed per phase (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String unreadable = unreadableInput();
        if (unreadable != null) {
            // checked before a broker starts or a corpus is written: a typo must not cost minutes of set-up
            System.err.println("khabar bench: " + unreadable);
            return 1;
        }
        PipelineBench.initialiseFlightRecorder();
        BenchReport report = new BenchReport();
        report.articles = articles;
        report.articleBytes = articleBytes;
        report.machine = Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / 1048576 + " MB, Java " + System.getProperty("java.version");

        Path work = Files.createTempDirectory("khabar-bench");
        BenchCorpus generator = corpus();
        report.corpus = generator.description();
        System.err.println("khabar bench: writing " + articles + " articles; corpus " + report.corpus);
        CorpusFile corpus = new CorpusFile(work.resolve("corpus.bin"));
        CorpusFile.Stats stats = corpus.write(generator, articles);
        report.meanArticleBytes = (double) stats.valueBytes() / stats.records();

        double before = liveHeapMb();
        ArticleEnricher enricher = ArticleEnricher.withDefaults();
        report.enricherLiveHeapMb = liveHeapMb() - before;
        enricher.hashCode();

        String bootstrap = kafka.bootstrapServersOrNull();
        EmbeddedKafkaBroker broker = null;
        try {
            if (bootstrap == null) {
                broker = EmbeddedKafkaBroker.start();
                bootstrap = broker.bootstrapServers();
                report.broker = "embedded (in this JVM)";
            } else {
                report.broker = bootstrap;
            }
            Properties client = kafka.withBootstrap(bootstrap);
            PipelineBench.Options options = new PipelineBench.Options(
                    articleBytes,
                    partitions,
                    parseRates(rates),
                    latencySeconds,
                    jdbcUrl,
                    System.getenv("KHABAR_JDBC_USER"),
                    System.getenv("KHABAR_JDBC_PASSWORD"),
                    work,
                    Duration.ofSeconds(timeoutSeconds),
                    Duration.ofMillis(sinkFlushMillis),
                    warmup,
                    warmupRound,
                    warmupMaxSeconds,
                    warmupSettledMs,
                    jfr,
                    broker == null ? null : broker.logDir(),
                    entityMemory);
            new PipelineBench(client, options, generator, System.err).run(corpus, stats, report);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        report.liveHeapAfterRunMb = liveHeapMb();
        System.out.print(report.table());
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(jsonOut.toFile(), report);
        System.out.println("figures written to " + jsonOut.toAbsolutePath());
        deleteTree(work);
        return 0;
    }

    /** What is wrong with an input file the options name ("cannot read X (no such file)"), or null if none is. */
    String unreadableInput() {
        if (realNews != null && corpus != Corpus.seed) {
            return Khabar.unreadable("--real-news", realNews, false);
        }
        if (corpus == Corpus.seed) {
            return Khabar.unreadable("--seeds", seeds, true);
        }
        return null;
    }

    private BenchCorpus corpus() throws java.io.IOException {
        switch (corpus) {
            case seed:
                return CorpusGenerator.fromSeeds(seeds, 42).sized(articleBytes);
            case real:
            case copies:
                Path jsonl = realNews != null ? realNews : RealNewsCorpus.find(Path.of(""));
                if (jsonl != null) {
                    return RealNewsCorpus.fromJsonl(
                            jsonl,
                            42,
                            corpus == Corpus.copies ? RealNewsCorpus.Repeats.COPIES : RealNewsCorpus.Repeats.SENTENCES);
                }
                System.err.println("khabar bench: shared/real-news/articles.jsonl not found (give --real-news FILE);"
                        + " assembling articles from real sentences instead");
                return sentences();
            default:
                return sentences();
        }
    }

    private BenchCorpus sentences() throws java.io.IOException {
        Path uner = RealNewsCorpus.findShared(Path.of(""), "urdu-ner/uner-dev.txt");
        if (uner == null) {
            System.err.println(
                    "khabar bench: shared/urdu-ner/uner-dev.txt not found either; only the seeds' sentences");
        }
        return CorpusGenerator.fromSentences(uner, seeds, 42);
    }

    private static List<Integer> parseRates(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Integer::valueOf)
                .toList();
    }

    private static double liveHeapMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
