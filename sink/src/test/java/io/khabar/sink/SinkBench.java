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

    private SinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        List<EnrichedArticle> articles = IntStream.range(0, n).mapToObj(i -> TestArticles.numbered(i, 1, 5 * 1024)).toList();
        long bytes = articles.stream().mapToLong(a -> JsonSerde.enrichedArticle().toBytes(a).length).sum();
        System.out.printf("%d articles, body 5 KB, %.1f KB JSON each on average, batch %d, %d cores%n", n,
                bytes / 1024.0 / n, batch, Runtime.getRuntime().availableProcessors());

        Path tmp = Files.createTempDirectory("khabar-bench");
        PostgresSupport.Database db = PostgresSupport.newDatabase();

        // The target alone.
        report("jsonl target alone", n, targetOnly(() -> new JsonlTarget(tmp.resolve("alone"), 128L << 20, Duration.ofHours(1)), articles, batch));
        report("postgres target alone", n, targetOnly(() -> new PostgresTarget(db.url(), db.user(), db.password(), 2), articles, batch));

        // The whole sink through a broker.
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            String topic = "bench";
            KafkaTestSupport.createTopics(kafka.bootstrapServers(), 3, topic, "bench-dlq");
            try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
                KafkaTestSupport.produce(p, topic, articles);
            }
            Map<TopicPartition, Long> end = KafkaTestSupport.endOffsets(kafka.bootstrapServers(), topic);
            report("jsonl sink (kafka -> files)", n, whole(kafka, topic, end,
                    SinkConfig.builder().jsonl(tmp.resolve("sink")).groupId("bench-jsonl").batchSize(batch)));
            PostgresSupport.Database db2 = PostgresSupport.newDatabase();
            report("postgres sink (kafka -> db)", n, whole(kafka, topic, end,
                    SinkConfig.builder().jdbc(db2.url(), db2.user(), db2.password()).groupId("bench-pg").batchSize(batch)));
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
                target.write(new Batch(records, stored == null ? Map.of() : Map.of(tp, stored), Map.of(tp, (long) to)),
                        (r, reason, message, error) -> {
                            throw new IllegalStateException(message);
                        });
                stored = (long) to;
            }
            return System.nanoTime() - start;
        }
    }

    /** Runs the sink until it has stored every record; prints the steady rate (after the first write). */
    private static long whole(EmbeddedKafkaBroker kafka, String topic, Map<TopicPartition, Long> end,
                              SinkConfig.Builder b) throws InterruptedException {
        SinkConfig config = b.bootstrapServers(kafka.bootstrapServers()).topic(topic).deadLetterTopic("bench-dlq").build();
        long start = System.nanoTime();
        long firstAt = 0;
        long firstCount = 0;
        try (SinkApp sink = SinkApp.start(config)) {
            while (!KafkaTestSupport.caughtUp(sink.positions(), end)) {
                if (!sink.isRunning()) {
                    throw new IllegalStateException("sink stopped", sink.failure().orElse(null));
                }
                if (firstAt == 0 && sink.written() > 0) {
                    firstAt = System.nanoTime();
                    firstCount = sink.written();
                }
                Thread.sleep(2);
            }
            long done = System.nanoTime();
            double steady = (sink.written() - firstCount) / ((done - firstAt) / 1e9);
            System.out.printf("  steady rate after the first batch (group join and fetch start excluded): %.0f articles/s%n", steady);
            return done - start;
        }
    }

    private static void report(String what, int n, long nanos) {
        System.out.printf("%-32s %8d articles in %6.2f s = %8.0f articles/s (start to end)%n", what, n, nanos / 1e9, n / (nanos / 1e9));
    }
}
