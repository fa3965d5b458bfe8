package io.khabar.cli.bench;

import io.khabar.cli.Offsets;
import io.khabar.cli.TopicAdmin;
import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.ingest.ArticlePublisher;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import io.khabar.sink.SinkApp;
import io.khabar.sink.SinkConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures the pipeline against the limit, in one run on one broker: (1) a plain producer and consumer moving
 * the corpus through one topic, (2) ingest → enrich (exactly-once) → JSONL sink end to end, (3) the PostgreSQL
 * sink alone when a JDBC URL is given, (4) ingest-to-sink-write latency at fixed offered loads.
 */
public final class PipelineBench {

    /** What to run. */
    public record Options(
            int articleBytes,
            int partitions,
            List<Integer> latencyRates,
            int latencySeconds,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword,
            Path workDir,
            Duration timeout,
            Duration sinkFlushInterval,
            int warmupArticles,
            int warmupRoundArticles,
            double warmupMaxSeconds,
            double warmupSettledMsPerArticle,
            Path profileFile,
            Path brokerLogDir,
            boolean entityMemory) {}

    /** Index of the first warm-up article, far from the corpus's and the latency runs' indexes. */
    static final int WARMUP_BASE = 1_500_000_000;

    private final Properties client;
    private final Options options;
    private final PrintStream log;
    private final BenchCorpus generator;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private EnrichApp enrich;

    public PipelineBench(Properties client, Options options, BenchCorpus generator, PrintStream log) {
        this.client = client;
        this.generator = generator;
        this.options = options;
        this.log = log;
    }

    /**
     * Sets up the JVM's flight recorder now, before anything is compiled worth keeping: its first recording
     * deoptimises all code compiled until then (see {@link #run}). Call it first thing; {@link #run} calls it too.
     */
    public static void initialiseFlightRecorder() {
        CpuProfile.initialiseRecorder();
    }

    /** Runs every phase over the corpus and fills the report. */
    public void run(CorpusFile corpus, CorpusFile.Stats stats, BenchReport report) throws Exception {
        // The JVM's first flight recording deoptimises every method compiled so far (JDK-8324241: JFR asks for
        // class retransformation, and code compiled before that kept no dependencies on it). Started only at the
        // measured phase, that threw away ~12,000 compiled methods there and the JIT recompiled them on the
        // pipeline's time (0.28-0.33 ms per article). A throw-away recording now pays that before the warm-up.
        CpuProfile.initialiseRecorder();
        try (Admin admin = Admin.create(client)) {
            TopicAdmin.Layout layout =
                    TopicAdmin.Layout.forCluster(TopicAdmin.brokers(admin), options.partitions(), null, null);
            TopicAdmin.ensureExist(admin, layout);
            ArticleEnricher enricher;
            if (!options.entityMemory()) {
                enricher = ArticleEnricher.withDefaults();
            } else {
                // as khabar enrich runs by default: the name memory, shared through its compacted topic
                io.khabar.enrich.EntityMemory.ensureTopic(
                        admin, layout.replicationFactor(), layout.minInsyncReplicas());
                enricher = new ArticleEnricher(
                        new io.khabar.text.UrduNormalizer(),
                        io.khabar.ner.EntityTagger.withDefaultGazetteers(),
                        java.time.Clock.systemUTC(),
                        new io.khabar.enrich.EntityMemory(new io.khabar.ner.NameMemory()));
            }
            String enrichId = "khabar-bench-enrich-" + runId;
            Properties streams = new Properties();
            streams.putAll(client);
            streams.remove("bootstrap.servers");
            streams.put("application.id", enrichId);
            streams.put("state.dir", options.workDir().resolve("streams-state").toString());
            ConcurrentLinkedQueue<long[]> writes = new ConcurrentLinkedQueue<>();
            // ids written so far: a story correction writes an article again, later; latency is the first write's
            java.util.Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Properties streamsConfig = EnrichApp.streamsConfig(client.getProperty("bootstrap.servers"), streams);
            report.settings = String.format(
                    java.util.Locale.ROOT,
                    "enrich %s, commit.interval.ms %s, poll.ms %s, stories %s, content dedup %s, name memory %s;"
                            + " sink flush %d ms",
                    streamsConfig.getProperty(org.apache.kafka.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                    streamsConfig.getProperty(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                    streamsConfig.getProperty(org.apache.kafka.streams.StreamsConfig.POLL_MS_CONFIG),
                    io.khabar.enrich.stories.StorySettings.from(streamsConfig).enabled() ? "on" : "off",
                    io.khabar.enrich.EnrichSettings.from(streamsConfig).dedupContent() ? "on" : "off",
                    options.entityMemory() ? "on" : "off",
                    options.sinkFlushInterval().toMillis());
            try (EnrichApp enrich = EnrichApp.start(enricher, streamsConfig);
                    SinkApp sink = SinkApp.start(SinkConfig.builder()
                            .bootstrapServers(client.getProperty("bootstrap.servers"))
                            .kafkaProperties(client)
                            .groupId("khabar-bench-sink-" + runId)
                            .flushInterval(options.sinkFlushInterval())
                            .jsonl(Files.createDirectories(options.workDir().resolve("jsonl")))
                            .writeListener(records -> {
                                long now = System.currentTimeMillis();
                                records.forEach(r -> {
                                    if (r.article() != null
                                            && r.article().article().fetchedAt() != null
                                            && written.add(r.article().id())) {
                                        writes.add(new long[] {
                                            r.article().article().fetchedAt().toEpochMilli(), now
                                        });
                                    }
                                });
                            })
                            .build())) {
                this.enrich = enrich;
                if (!enrich.awaitRunning(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the enrich app did not reach RUNNING: " + enrich.state());
                }
                if (options.warmupArticles() > 0) {
                    report.warmup = warmup(admin, enrichId, sink, report);
                    log.println("  warmed up, not measured: " + report.warmupVerdict);
                }
                report.phases.add(limit(admin, corpus, stats, report));
                log.println("  limit measured");
                Map<String, Long> logsBefore = LogSizes.of(admin, t -> isPipelineTopic(t, enrichId));
                Map<String, Long> inBefore = LogSizes.bytesIn(t -> isPipelineTopic(t, enrichId));
                Map<String, Long> recordsBefore = LogSizes.messagesIn(t -> isPipelineTopic(t, enrichId));
                report.phases.add(pipeline(admin, corpus, stats, enrichId, sink, report));
                log.println("  pipeline measured");
                Map<String, Long> inAfter = LogSizes.bytesIn(t -> isPipelineTopic(t, enrichId));
                Map<String, Long> recordsAfter = LogSizes.messagesIn(t -> isPipelineTopic(t, enrichId));
                brokerRecords(report, recordsBefore, recordsAfter, enrichId, stats.records());
                if (!inAfter.isEmpty()) {
                    // bytes received: repartition topics are purged once consumed, so their logs undercount
                    brokerBytes(report, inBefore, inAfter, enrichId, stats.records());
                    report.brokerBytesSource = "bytes received by the broker (BrokerTopicMetrics BytesInPerSec)";
                } else {
                    brokerBytes(
                            report,
                            logsBefore,
                            LogSizes.of(admin, t -> isPipelineTopic(t, enrichId)),
                            enrichId,
                            stats.records());
                    report.brokerBytesSource = "growth of the brokers' logs (describeLogDirs)";
                }
                if (options.brokerLogDir() != null) {
                    String limitTopic = "khabar.bench.limit-" + runId;
                    report.compression = CompressionReport.measure(options.brokerLogDir(), topic -> {
                        if (topic.equals(limitTopic)) {
                            return "limit";
                        }
                        // the trending topic's records are small JSON; the report keeps its five kinds
                        return isPipelineTopic(topic, enrichId) && !topic.equals(Topics.TRENDING)
                                ? kindOf(topic)
                                : null;
                    });
                    log.println("  compression measured on the logged batches");
                }
                Map<TopicPartition, Long> enrichedEnd = Offsets.ends(admin, Topics.ENRICHED);
                for (int rate : options.latencyRates()) {
                    writes.clear();
                    report.latencies.add(latency(admin, rate, enrichId, sink, writes));
                    log.println("  latency at " + rate + "/s measured");
                }
                if (options.jdbcUrl() != null) {
                    report.phases.add(postgresSink(enrichedEnd));
                    log.println("  PostgreSQL sink measured");
                }
            }
        }
        BenchReport.Phase limit = report.phase("limit: produce + consume");
        BenchReport.Phase pipeline = report.phase("pipeline: ingest->enrich->jsonl");
        if (limit != null && pipeline != null) {
            report.pipelineToLimitRatio = pipeline.recordsPerSecond() / limit.recordsPerSecond();
        }
    }

    /**
     * Asks for the topic's ends until every partition answers: on a loaded machine a brand-new topic's metadata can
     * lag behind its creation, and the first ask then fails with UNKNOWN_TOPIC_OR_PARTITION (a retriable error).
     */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Offsets.ends(admin, topic);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private BenchReport.Phase limit(Admin admin, CorpusFile corpus, CorpusFile.Stats stats, BenchReport report)
            throws Exception {
        String topic = "khabar.bench.limit-" + runId;
        admin.createTopics(List.of(new NewTopic(topic, options.partitions(), (short) -1)
                        .configs(Map.of("max.message.bytes", String.valueOf(8 * 1024 * 1024)))))
                .all()
                .get();
        // Wait until every partition's leader answers: a producer that met NOT_LEADER_OR_FOLLOWER on the brand-new
        // topic (a loaded machine) once never retried that partition and let its records expire after 120 s.
        awaitLeaders(admin, topic);
        AtomicLong consumed = new AtomicLong();
        Properties cp = new Properties();
        cp.putAll(client);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "khabar-bench-limit-" + runId);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        Thread consumer = new Thread(
                () -> {
                    try (KafkaConsumer<byte[], byte[]> c =
                            new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                        // assigned, not subscribed: no group join inside the measured time (a join once waited out
                        // a metadata refresh on a loaded machine and the phase never ended)
                        List<TopicPartition> parts = new java.util.ArrayList<>();
                        for (int p = 0; p < options.partitions(); p++) {
                            parts.add(new TopicPartition(topic, p));
                        }
                        c.assign(parts);
                        c.seekToBeginning(parts);
                        while (consumed.get() < stats.records()
                                && !Thread.currentThread().isInterrupted()) {
                            ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(100));
                            consumed.addAndGet(rs.count());
                        }
                    }
                },
                "bench-limit-consumer");
        consumer.start();
        ResourceMeter meter = ResourceMeter.start();
        SendFailures failures = new SendFailures();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ArticlePublisher.producerConfig(client))) {
            corpus.forEach((i, e) -> producer.send(new ProducerRecord<>(topic, e.key(), e.value()), failures));
            producer.flush();
        }
        if (failures.count() > 0) {
            consumer.interrupt();
        }
        failures.throwIfAny("the limit's producer");
        consumer.join(options.timeout().toMillis());
        if (consumer.isAlive()) {
            consumer.interrupt();
            throw new TimeoutException("the limit consumer did not read every record in " + options.timeout());
        }
        Map<String, Long> received = LogSizes.bytesIn(topic::equals);
        long limitLog = (received.isEmpty() ? LogSizes.of(admin, topic::equals) : received)
                .values().stream().mapToLong(Long::longValue).sum();
        report.brokerKbPerArticle.put("limit", limitLog / 1024.0 / stats.records());
        return new BenchReport.Phase(
                "limit: produce + consume",
                stats.records(),
                stats.valueBytes(),
                meter.wallSeconds(),
                meter.cpuSeconds(),
                ResourceMeter.peakHeapMb());
    }

    private static boolean isPipelineTopic(String topic, String enrichId) {
        return topic.equals(Topics.RAW)
                || topic.equals(Topics.ENRICHED)
                || topic.equals(io.khabar.enrich.EntityMemory.TOPIC)
                || topic.equals(Topics.TRENDING)
                || topic.startsWith(enrichId + "-");
    }

    /** A topic's name without the application id its internal topics start with. */
    private static String shortName(String topic, String enrichId) {
        return topic.startsWith(enrichId + "-") ? topic.substring(enrichId.length() + 1) : topic;
    }

    private static String kindOf(String topic) {
        return topic.equals(Topics.RAW)
                ? "raw"
                : topic.equals(Topics.ENRICHED)
                        ? "enriched"
                        : topic.equals(Topics.TRENDING)
                                ? "trending"
                                : topic.endsWith("-repartition") ? "repartition" : "changelog";
    }

    /** Log bytes the pipeline phase added, per article, by kind of topic. */
    private static void brokerBytes(
            BenchReport report, Map<String, Long> before, Map<String, Long> after, String enrichId, long articles) {
        Map<String, Long> byKind = new java.util.LinkedHashMap<>();
        for (String kind : List.of("raw", "repartition", "changelog", "enriched", "trending")) {
            byKind.put(kind, 0L);
        }
        // the trending stage's share (its repartition and changelogs are also in those kinds)
        Map<String, Long> trendingStage = new java.util.LinkedHashMap<>();
        after.forEach((topic, size) -> {
            long bytes = size - before.getOrDefault(topic, 0L);
            byKind.merge(kindOf(topic), bytes, Long::sum);
            if (topic.startsWith(enrichId + "-trending-") || topic.equals(Topics.TRENDING)) {
                trendingStage.merge(
                        topic.equals(Topics.TRENDING) ? "trending stage topic" : "trending stage " + kindOf(topic),
                        bytes,
                        Long::sum);
            }
        });
        trendingStage.forEach((k, v) -> report.brokerKbPerArticle.put("pipeline " + k, v / 1024.0 / articles));
        after.forEach((topic, size) -> report.topicKbPerArticle.put(
                shortName(topic, enrichId), (size - before.getOrDefault(topic, 0L)) / 1024.0 / articles));
        long total = 0;
        for (Map.Entry<String, Long> e : byKind.entrySet()) {
            report.brokerKbPerArticle.put("pipeline " + e.getKey(), e.getValue() / 1024.0 / articles);
            total += e.getValue();
        }
        report.brokerKbPerArticle.put("pipeline", total / 1024.0 / articles);
    }

    /** Records the broker appended in the pipeline phase, per article, by kind of topic and for the trending stage. */
    private static void brokerRecords(
            BenchReport report, Map<String, Long> before, Map<String, Long> after, String enrichId, long articles) {
        if (after.isEmpty() || articles == 0) {
            return;
        }
        after.forEach((topic, n) -> {
            double perArticle = (double) (n - before.getOrDefault(topic, 0L)) / articles;
            report.topicRecordsPerArticle.put(shortName(topic, enrichId), perArticle);
            report.brokerRecordsPerArticle.merge(kindOf(topic), perArticle, Double::sum);
            if (topic.startsWith(enrichId + "-trending-") || topic.equals(Topics.TRENDING)) {
                report.brokerRecordsPerArticle.merge(
                        topic.equals(Topics.TRENDING) ? "trending stage topic" : "trending stage " + kindOf(topic),
                        perArticle,
                        Double::sum);
            }
        });
    }

    /**
     * Runs articles that are not part of the corpus through the whole pipeline and waits until the sink has them,
     * so that the measured phases see compiled code, filled caches and joined groups, as a long-running pipeline
     * does. Rounds of articles go through until the minimum is reached and the JIT has settled, or the time cap
     * ({@link WarmupPolicy}); each round's figures go into the report.
     */
    private BenchReport.Phase warmup(Admin admin, String enrichId, SinkApp sink, BenchReport report) throws Exception {
        WarmupPolicy policy = new WarmupPolicy(
                options.warmupArticles(), options.warmupMaxSeconds(), options.warmupSettledMsPerArticle());
        int roundSize = Math.max(1, Math.min(options.warmupRoundArticles(), options.warmupArticles()));
        java.util.List<WarmupPolicy.Round> rounds = new java.util.ArrayList<>();
        ResourceMeter total = ResourceMeter.start();
        long bytes = 0;
        int sent = 0;
        WarmupPolicy.Verdict verdict;
        do {
            double compileBefore = JitTime.compilationMillis();
            double jitBefore = JitTime.compilerThreadSeconds();
            ResourceMeter meter = ResourceMeter.start();
            bytes += sendAndAwait(admin, enrichId, sink, WARMUP_BASE + sent, roundSize);
            sent += roundSize;
            double compileAfter = JitTime.compilationMillis();
            double jitAfter = JitTime.compilerThreadSeconds();
            WarmupPolicy.Round round = new WarmupPolicy.Round(
                    roundSize,
                    meter.wallSeconds(),
                    meter.cpuSeconds(),
                    compileBefore < 0 ? -1 : compileAfter - compileBefore,
                    jitBefore < 0 ? -1 : jitAfter - jitBefore);
            rounds.add(round);
            report.warmupRounds.add(new BenchReport.WarmupRound(
                    sent,
                    round.seconds(),
                    round.cpuSecondsPer1000(),
                    round.compileMsPerArticle(),
                    round.jitCpuMsPerArticle()));
            verdict = policy.after(rounds);
        } while (verdict == WarmupPolicy.Verdict.CONTINUE);
        report.warmupVerdict = policy.describe(verdict, rounds);
        report.warmupSettled = verdict == WarmupPolicy.Verdict.SETTLED;
        return new BenchReport.Phase(
                "warm-up (not measured)",
                sent,
                bytes,
                total.wallSeconds(),
                total.cpuSeconds(),
                ResourceMeter.peakHeapMb());
    }

    /** Sends {@code count} new articles from index {@code first} and waits until the sink has them; their bytes. */
    private long sendAndAwait(Admin admin, String enrichId, SinkApp sink, int first, int count) throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        JsonSerde<RawArticle> serde = JsonSerde.rawArticle();
        Instant now = Instant.now();
        long bytes = 0;
        SendFailures failures = new SendFailures();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ArticlePublisher.producerConfig(client))) {
            for (int i = 0; i < count; i++) {
                RawArticle a = generator.next(first + i, now);
                byte[] value = serde.toBytes(a);
                bytes += value.length;
                producer.send(
                        new ProducerRecord<>(Topics.RAW, a.id().getBytes(StandardCharsets.UTF_8), value), failures);
            }
            producer.flush();
        }
        failures.throwIfAny("the warm-up's producer");
        Map<TopicPartition, Long> rawEnd = Offsets.ends(admin, Topics.RAW);
        Offsets.awaitUntil("enrich to catch up", deadline, 20, () -> EnrichApp.caughtUp(admin, enrichId, rawEnd));
        Map<TopicPartition, Long> enrichedEnd = Offsets.ends(admin, Topics.ENRICHED);
        Offsets.awaitUntil("the sink to catch up", deadline, 20, () -> sink.hasReached(enrichedEnd));
        return bytes;
    }

    private BenchReport.Phase pipeline(
            Admin admin, CorpusFile corpus, CorpusFile.Stats stats, String enrichId, SinkApp sink, BenchReport report)
            throws Exception {
        boolean keep = options.profileFile() != null;
        Path jfr = keep ? options.profileFile() : options.workDir().resolve("pipeline.jfr");
        ThreadCpu threads = ThreadCpu.start();
        ResourceMeter meter = ResourceMeter.start();
        double compileBefore = JitTime.compilationMillis();
        double commitsBefore = commits();
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try (CpuProfile profile = CpuProfile.start(jfr, keep)) {
            SendFailures failures = new SendFailures();
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(ArticlePublisher.producerConfig(client))) {
                corpus.forEach((i, e) -> producer.send(new ProducerRecord<>(Topics.RAW, e.key(), e.value()), failures));
                producer.flush();
            }
            failures.throwIfAny("the pipeline phase's producer");
            Map<TopicPartition, Long> rawEnd = Offsets.ends(admin, Topics.RAW);
            Offsets.awaitUntil("enrich to catch up", deadline, 20, () -> EnrichApp.caughtUp(admin, enrichId, rawEnd));
            Map<TopicPartition, Long> enrichedEnd = Offsets.ends(admin, Topics.ENRICHED);
            Offsets.awaitUntil("the sink to catch up", deadline, 20, () -> sink.hasReached(enrichedEnd));
            double cpu = meter.cpuSeconds();
            double wall = meter.wallSeconds();
            double heap = ResourceMeter.peakHeapMb();
            double compileAfter = JitTime.compilationMillis();
            report.pipelineCommitsPerSecond = (commits() - commitsBefore) / wall;
            Map<String, Double> byRole = threads.secondsByRole(cpu);
            Double jit = byRole.get(ThreadCpu.JIT_ROLE);
            report.pipelineJitCpuSecondsPer1000 = jit == null ? null : jit * 1000 / stats.records();
            report.pipelineCpuSecondsPer1000WithoutJit = jit == null ? null : (cpu - jit) * 1000 / stats.records();
            report.pipelineCompilationMsPerArticle =
                    compileBefore < 0 ? null : (compileAfter - compileBefore) / stats.records();
            Map<String, Map<String, Double>> split = profile.stop(byRole);
            double perArticle = 1000.0 / stats.records();
            split.forEach((role, components) -> {
                Map<String, Double> ms = new java.util.LinkedHashMap<>();
                components.forEach((c, s) -> ms.put(c, s * perArticle));
                report.cpuMsPerArticle.put(role, ms);
            });
            return new BenchReport.Phase(
                    "pipeline: ingest->enrich->jsonl", stats.records(), stats.valueBytes(), wall, cpu, heap);
        }
    }

    private BenchReport.Latency latency(
            Admin admin, int rate, String enrichId, SinkApp sink, ConcurrentLinkedQueue<long[]> writes)
            throws Exception {
        int count = Math.max(1, rate * options.latencySeconds());
        long intervalNanos = 1_000_000_000L / rate;
        ResourceMeter meter = ResourceMeter.start();
        double commitsBefore = commits();
        long start = System.nanoTime();
        long phaseStartMillis = System.currentTimeMillis();
        JsonSerde<RawArticle> serde = JsonSerde.rawArticle();
        SendFailures failures = new SendFailures();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ArticlePublisher.producerConfig(client))) {
            for (int i = 0; i < count; i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // A new article each time; fetchedAt is the send time the sink's write time is compared with.
                RawArticle a = generator.next(1_000_000_000 + rate * 100_000 + i, Instant.now());
                producer.send(
                        new ProducerRecord<>(Topics.RAW, a.id().getBytes(StandardCharsets.UTF_8), serde.toBytes(a)),
                        failures);
            }
            producer.flush();
        }
        failures.throwIfAny("the latency run's producer");
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Map<TopicPartition, Long> rawEnd = Offsets.ends(admin, Topics.RAW);
        Offsets.awaitUntil("enrich to catch up", deadline, 20, () -> EnrichApp.caughtUp(admin, enrichId, rawEnd));
        Map<TopicPartition, Long> enrichedEnd = Offsets.ends(admin, Topics.ENRICHED);
        Offsets.awaitUntil("the sink to catch up", deadline, 20, () -> sink.hasReached(enrichedEnd));
        double cpu = meter.cpuSeconds();
        double commitsPerSecond = (commits() - commitsBefore) / meter.wallSeconds();
        long[] lat = writes.stream()
                .filter(w -> w[0] >= phaseStartMillis)
                .mapToLong(w -> w[1] - w[0])
                .sorted()
                .toArray();
        return new BenchReport.Latency(
                rate,
                lat.length,
                pct(lat, 50),
                pct(lat, 95),
                pct(lat, 99),
                lat.length == 0 ? Double.NaN : lat[lat.length - 1],
                cpu * 1000 / count,
                commitsPerSecond);
    }

    /** Transactions the enrich app's stream threads have committed so far (Streams' thread metric commit-total). */
    private double commits() {
        return enrich.streams().metrics().values().stream()
                .filter(m -> m.metricName().name().equals("commit-total")
                        && m.metricName().group().equals("stream-thread-metrics"))
                .mapToDouble(m -> m.metricValue() instanceof Number n ? n.doubleValue() : 0)
                .sum();
    }

    private BenchReport.Phase postgresSink(Map<TopicPartition, Long> enrichedEnd) throws Exception {
        long records = Offsets.sum(enrichedEnd);
        ResourceMeter meter = ResourceMeter.start();
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try (SinkApp sink = SinkApp.start(SinkConfig.builder()
                .bootstrapServers(client.getProperty("bootstrap.servers"))
                .kafkaProperties(client)
                .groupId("khabar-bench-pg-" + runId)
                .jdbc(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword())
                .build())) {
            Offsets.awaitUntil("the PostgreSQL sink to catch up", deadline, 20, () -> sink.hasReached(enrichedEnd));
        }
        return new BenchReport.Phase(
                "sink alone: enriched->PostgreSQL",
                records,
                0,
                meter.wallSeconds(),
                meter.cpuSeconds(),
                ResourceMeter.peakHeapMb());
    }

    /**
     * Counts the sends that failed for good (the bench used to ignore them, and the limit's consumer then waited out
     * the whole phase timeout for records that never came, on a loaded machine where a request had timed out).
     */
    private static final class SendFailures implements org.apache.kafka.clients.producer.Callback {
        private final AtomicLong count = new AtomicLong();
        private volatile Exception first;

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
            if (e != null && count.getAndIncrement() == 0) {
                first = e;
            }
        }

        long count() {
            return count.get();
        }

        void throwIfAny(String who) {
            if (count.get() > 0) {
                throw new IllegalStateException(
                        who + " could not send " + count.get() + " records; the first error: " + first, first);
            }
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
