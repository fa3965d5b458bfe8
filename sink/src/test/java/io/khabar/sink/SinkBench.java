package io.khabar.sink;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.sink.jdbc.PostgresSupport;
import io.khabar.sink.jdbc.PostgresTarget;
import io.khabar.sink.jsonl.JsonlTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput of the sink per target, printed, not asserted. Two figures per target: the whole sink (embedded
 * broker -> consumer -> target, from start until every record is stored) and the target alone (batches handed
 * straight to {@link SinkTarget#write}). Articles have a 5 KB Urdu body.
 *
 * <pre>
 * mvn -q -o -pl sink test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat sink/target/cp.txt):sink/target/classes:sink/target/test-classes" io.khabar.sink.SinkBench [articles] [batch]
 * </pre>
 */
public final class SinkBench {

    private SinkBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        List<EnrichedArticle> articles = IntStream.range(0, n)
                .mapToObj(i -> TestArticles.numbered(i, 1, 5 * 1024))
                .toList();
        long bytes = articles.stream()
                .mapToLong(a -> JsonSerde.enrichedArticle().toBytes(a).length)
                .sum();
        System.out.printf(
                "%d articles, body 5 KB, %.1f KB JSON each on average, batch %d, %d cores%n",
                n, bytes / 1024.0 / n, batch, Runtime.getRuntime().availableProcessors());

        Path tmp = Files.createTempDirectory("khabar-bench");
        PostgresSupport.Database db = PostgresSupport.newDatabase();

        // The target alone, with the CPU it costs (this JVM, and the PostgreSQL server when it runs here).
        double cpu0 = processCpu();
        report(
                "jsonl target alone",
                n,
                targetOnly(
                        () -> new JsonlTarget(tmp.resolve("alone"), 128L << 20, Duration.ofHours(1)), articles, batch));
        double cpu1 = processCpu();
        System.out.printf("  CPU: sink JVM %.2f s = %.0f articles per CPU-second%n", cpu1 - cpu0, n / (cpu1 - cpu0));
        double server0 = serverCpu(db);
        report(
                "postgres target alone",
                n,
                targetOnly(() -> new PostgresTarget(db.url(), db.user(), db.password(), 2), articles, batch));
        double cpu2 = processCpu();
        double server = serverCpu(db) - server0;
        System.out.printf(
                "  CPU: sink JVM %.2f s + PostgreSQL server %.2f s = %.0f articles per CPU-second%n",
                cpu2 - cpu1, server, n / (cpu2 - cpu1 + server));

        // The whole sink through a broker.
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            String topic = "bench";
            KafkaTestSupport.createTopics(kafka.bootstrapServers(), 3, topic, "bench-dlq");
            try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
                KafkaTestSupport.produce(p, topic, articles);
            }
            Map<TopicPartition, Long> end = KafkaTestSupport.endOffsets(kafka.bootstrapServers(), topic);
            report(
                    "jsonl sink (kafka -> files)",
                    n,
                    whole(
                            kafka,
                            topic,
                            end,
                            SinkConfig.builder()
                                    .jsonl(tmp.resolve("sink"))
                                    .groupId("bench-jsonl")
                                    .batchSize(batch)));
            PostgresSupport.Database db2 = PostgresSupport.newDatabase();
            report(
                    "postgres sink (kafka -> db)",
                    n,
                    whole(
                            kafka,
                            topic,
                            end,
                            SinkConfig.builder()
                                    .jdbc(db2.url(), db2.user(), db2.password())
                                    .groupId("bench-pg")
                                    .batchSize(batch)));
        }
        System.exit(0);
    }

    private static long targetOnly(Supplier<SinkTarget> supplier, List<EnrichedArticle> articles, int batch) {
        try (SinkTarget target = supplier.get()) {
            target.open("bench", "bench");
            TopicPartition tp = new TopicPartition("bench", 0);
            long start = System.nanoTime();
            Long stored = null;
            for (int from = 0; from < articles.size(); from += batch) {
                List<SinkRecord> records = new ArrayList<>();
                int to = Math.min(articles.size(), from + batch);
                for (int i = from; i < to; i++) {
                    records.add(new SinkRecord("bench", 0, i, articles.get(i)));
                }
                target.write(
                        new Batch(records, stored == null ? Map.of() : Map.of(tp, stored), Map.of(tp, (long) to)),
                        (r, reason, message, error) -> {
                            throw new IllegalStateException(message);
                        });
                stored = (long) to;
            }
            return System.nanoTime() - start;
        }
    }

    /** Runs the sink until it has stored every record; prints the steady rate (after the first write). */
    private static long whole(
            EmbeddedKafkaBroker kafka, String topic, Map<TopicPartition, Long> end, SinkConfig.Builder b)
            throws InterruptedException {
        SinkConfig config = b.bootstrapServers(kafka.bootstrapServers())
                .topic(topic)
                .deadLetterTopic("bench-dlq")
                .build();
        long start = System.nanoTime();
        long firstAt = 0;
        long firstCount = 0;
        try (SinkApp sink = SinkApp.start(config)) {
            while (!sink.hasReached(end)) {
                if (!sink.isRunning()) {
                    throw new IllegalStateException(
                            "sink stopped", sink.failure().orElse(null));
                }
                if (firstAt == 0 && sink.written() > 0) {
                    firstAt = System.nanoTime();
                    firstCount = sink.written();
                }
                Thread.sleep(2);
            }
            long done = System.nanoTime();
            double steady = (sink.written() - firstCount) / ((done - firstAt) / 1e9);
            System.out.printf(
                    "  steady rate after the first batch (group join and fetch start excluded): %.0f articles/s%n",
                    steady);
            return done - start;
        }
    }

    /** CPU seconds used by this JVM so far. */
    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /**
     * CPU seconds used so far by the PostgreSQL server's processes (children of the postmaster), read from /proc;
     * 0 when the server is not on this machine. Backends that exited are not counted, so measure while the
     * target's pool is open... or, as here, before and after a target that opens and closes its own pool: its
     * backends exit at the end, so they are counted through their parent's children times.
     */
    private static double serverCpu(PostgresSupport.Database db) {
        try (java.sql.Connection c = db.connect();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            String[] self = stat(rs.getInt(1));
            int postmaster = Integer.parseInt(self[1]);
            String[] pm = stat(postmaster);
            double ticks = 100.0;
            // utime + stime of the postmaster, plus cutime + cstime: its exited children (the backends).
            double total =
                    (Long.parseLong(pm[11]) + Long.parseLong(pm[12]) + Long.parseLong(pm[13]) + Long.parseLong(pm[14]))
                            / ticks;
            try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit)) {
                        try {
                            String[] f = stat(Integer.parseInt(name));
                            if (Integer.parseInt(f[1]) == postmaster) {
                                total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / ticks;
                            }
                        } catch (java.io.IOException | RuntimeException e) {
                            // the process ended meanwhile
                        }
                    }
                }
            }
            return total;
        } catch (Exception e) {
            return 0;
        }
    }

    /** Fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] stat(int pid) throws java.io.IOException {
        String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return st.substring(st.lastIndexOf(')') + 2).split(" ");
    }

    private static void report(String what, int n, long nanos) {
        System.out.printf(
                "%-32s %8d articles in %6.2f s = %8.0f articles/s (start to end)%n",
                what, n, nanos / 1e9, n / (nanos / 1e9));
    }
}
