package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import io.khabar.sink.jsonl.JsonlTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code khabar sink} (JSON Lines, then PostgreSQL) as a child JVM with default settings, SIGKILLed while
 * articles stream into the enriched topic and started again at once. Every article arrives exactly once; the time
 * from the kill until the sink has caught up (its group's committed offsets at the topic's end and every article
 * published so far written) is printed for docs/benchmarks.md, not asserted.
 */
class SinkRecoveryIT {

    private static final int BEFORE_KILL = 1500;
    private static final int AFTER_KILL = 500;

    static EmbeddedKafkaBroker broker;
    static EmbeddedPostgres postgres;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(Topics.definitions(3, (short) 1));
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        broker.close();
        postgres.close();
    }

    @Test
    void shouldCatchUpAfterAKillWithEveryArticleOnceInJsonLines() throws Exception {
        Path out = tmp.resolve("out");
        Set<String> ids = measure("jsonl", "--jsonl", out.toString(), () -> jsonlIds(out));
        assertThat(ids).hasSize(BEFORE_KILL + AFTER_KILL);
    }

    @Test
    void shouldCatchUpAfterAKillWithEveryArticleOnceInPostgres() throws Exception {
        String jdbc = postgres.getJdbcUrl("postgres", "postgres");
        Set<String> ids = measure("postgres", "--jdbc", jdbc, this::postgresIds);
        assertThat(ids).hasSize(BEFORE_KILL + AFTER_KILL);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*), count(distinct id) from articles")) {
            r.next();
            assertThat(r.getLong(1)).as("rows").isEqualTo(r.getLong(2));
        }
    }

    interface Written {
        Set<String> ids() throws Exception;
    }

    private Set<String> measure(String name, String targetFlag, String target, Written written) throws Exception {
        String topic = Topics.ENRICHED + "." + name;
        broker.createTopic(topic, 3);
        String group = "sink-recovery-" + name;
        Map<String, String> env = new HashMap<>();
        env.put("XDG_DATA_HOME", tmp.resolve("xdg").toString());
        env.put(InstanceDir.DATA_DIR_ENV, "");
        env.put("KHABAR_JDBC_USER", "postgres");
        String[] sink = {
            "sink",
            "--bootstrap-servers",
            broker.bootstrapServers(),
            targetFlag,
            target,
            "--topic",
            topic,
            "--group-id",
            group
        };
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean pause = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread feeder = null;
        try (KafkaProducer<byte[], byte[]> producer = producer();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            ChildJvm first = ChildJvm.start(name + "-1", tmp, env, "256m", sink);
            ChildJvm second = null;
            try {
                // ~200 articles/s until the kill, as a live pipeline would feed it
                feeder = new Thread(() -> {
                    while (sent.get() < BEFORE_KILL + AFTER_KILL && !stop.get()) {
                        if (pause.get() && sent.get() >= BEFORE_KILL) {
                            sleep(20);
                            continue;
                        }
                        int i = sent.getAndIncrement();
                        EnrichedArticle a = article(name, i);
                        producer.send(new ProducerRecord<>(
                                topic,
                                a.id().getBytes(StandardCharsets.UTF_8),
                                JsonSerde.enrichedArticle().toBytes(a)));
                        if (i % 10 == 0) {
                            sleep(50);
                        }
                    }
                    producer.flush();
                });
                pause.set(true);
                feeder.start();
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(200))
                        .failFast(() ->
                                assertThat(first.isAlive()).as(first.tail(30)).isTrue())
                        .until(() -> written.ids().size() >= BEFORE_KILL / 2);
                pause.set(false); // the rest streams on while the sink is killed and restarted
                first.kill();
                long killed = System.nanoTime();
                second = ChildJvm.start(name + "-2", tmp, env, "256m", sink);
                feeder.join(120_000);
                ChildJvm again = second;
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .failFast(() ->
                                assertThat(again.isAlive()).as(again.tail(30)).isTrue())
                        .until(() -> written.ids().size() == BEFORE_KILL + AFTER_KILL && caughtUp(admin, group, topic));
                double seconds = (System.nanoTime() - killed) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "SinkRecoveryIT %s: kill -9 -> caught up %.1f s (JVM start, join, the backlog, and %d"
                                + " articles streamed in meanwhile)%n",
                        name,
                        seconds,
                        AFTER_KILL);
                return written.ids();
            } finally {
                // a failed wait before the kill leaves the feeder paused, looping on: it must not outlive the attempt
                stop.set(true);
                if (feeder != null) {
                    feeder.join(30_000);
                }
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    private static boolean caughtUp(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get();
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c == null || c.offset() < e.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ids in the JSON Lines files, read while the child sink may be appending to them: only complete
     * (newline-terminated) lines count, since a read can see the first bytes of a line being written; and a file
     * renamed or deleted between the listing and the read (completed at a roll, an uncommitted one deleted at a
     * restart) means the folder is read again.
     */
    private static Set<String> jsonlIds(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return jsonlIdsOnce(dir);
            } catch (java.nio.file.NoSuchFileException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static Set<String> jsonlIdsOnce(Path dir) throws IOException {
        Set<String> ids = new HashSet<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        List<Path> files = JsonlTarget.dataFiles(dir);
        int lines = 0;
        for (Path p : files) {
            String content = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            int complete = content.lastIndexOf('\n') + 1; // a line still being written has no newline yet
            for (String line : content.substring(0, complete).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                lines++;
                ids.add(JsonSerde.enrichedArticle()
                        .fromBytes(line.getBytes(StandardCharsets.UTF_8))
                        .id());
            }
        }
        assertThat(lines).as("no article written twice").isEqualTo(ids.size());
        return ids;
    }

    private Set<String> postgresIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            ResultSet exists = s.executeQuery("select to_regclass('public.articles') is not null");
            exists.next();
            if (!exists.getBoolean(1)) {
                return ids;
            }
            try (ResultSet r = s.executeQuery("select id from articles")) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    private static EnrichedArticle article(String run, int i) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i);
        String body = "کراچی میں آج شدید بارش ہوئی اور شہر کی کئی سڑکیں زیر آب آ گئیں۔ ".repeat(12) + "شمارہ " + i;
        RawArticle raw = RawArticle.of(
                "recovery", "https://example.pk/" + run + "/" + i, "خبر نمبر " + i, body, "ur", t, t, null);
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                raw.title(),
                body,
                "ur",
                0.97,
                13,
                200,
                List.of(),
                "recovery-it",
                t);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
