package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.DeadLetters;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records anyone with write access to the raw topic can send, on a real broker under exactly_once_v2, all on one
 * partition between good records: oversize (20 MB, compressed on the topic), invalid UTF-8, unclosed and deeply
 * nested JSON, out-of-range numbers, forged content hashes, null and huge keys, huge headers, javascript: URLs,
 * NUL, tombstones. Each bad one is one bounded dead letter, the partition moves on, every good one arrives, the
 * app stays RUNNING, and a restart does not meet any of them again.
 */
class HostileRawTopicIT {

    private static final int MB = 1024 * 1024;
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(KafkaTestSupport.topicsKeepingEveryVersion(3));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A hostile record and the reason expected, or null when any enrich reason will do. */
    private record Hostile(String kind, byte[] key, byte[] value, RecordHeaders headers, String reason) {
        Hostile(String kind, byte[] key, byte[] value, String reason) {
            this(kind, key, value, new RecordHeaders(), reason);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Hostile> catalogue() {
        RawArticle huge = article("https://example.pk/huge", "بہت بڑی خبر", "اسلام آباد ".repeat(20 * MB / 20));
        RawArticle emptyBody = article("https://example.pk/headers", "سرخی", " ");
        RawHeaders manyHeaders = new RawHeaders();
        for (int i = 0; i < 100; i++) {
            manyHeaders.add("h" + i, new byte[8 * 1024]);
        }
        RawArticle js = article("javascript:alert(1)", "سرخی", "اسلام آباد میں آج خبر شائع ہوئی۔");
        RawArticle nul = article("https://example.pk/nul", "سر\u0000خی", "اسلام آباد میں آج خبر شائع ہوئی۔");
        RawArticle dated = article("https://example.pk/dated", "سرخی", "اسلام آباد میں آج کی خبر۔");
        String datedJson = new String(json(dated), StandardCharsets.UTF_8)
                .replaceFirst("\"publishedAt\":\"[^\"]*\"", "\"publishedAt\":1e999999999");
        byte[] badUtf8 = json(article("https://example.pk/utf8", "سرخی", "اسلام آباد XX خبر"));
        String s = new String(badUtf8, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("XX");
        badUtf8[at] = (byte) 0xC3;
        badUtf8[at + 1] = (byte) 0x28;
        RawArticle keyed = article(1_000_001);
        return List.of(
                new Hostile("20 MB article", bytes(huge.id()), json(huge), DeadLetterReasons.TOO_LARGE),
                new Hostile(
                        "20 MB of unclosed JSON",
                        bytes("u-unclosed"),
                        bytes("{\"body\":\"" + "ب".repeat(10 * MB)),
                        null),
                new Hostile(
                        "JSON nested 100000 deep",
                        bytes("u-deep"),
                        bytes("[".repeat(100_000) + "]".repeat(100_000)),
                        null),
                new Hostile("publishedAt 1e999999999", bytes(dated.id()), bytes(datedJson), null),
                new Hostile("invalid UTF-8 in the body", bytes("u-utf8"), badUtf8, DeadLetterReasons.INVALID_UTF8),
                new Hostile("a null key", null, json(article(1_000_002)), DeadLetterReasons.MISSING_KEY),
                new Hostile("a 1 MB key", new byte[MB], json(keyed), DeadLetterReasons.KEY_MISMATCH),
                new Hostile(
                        "800 KB of headers",
                        bytes(emptyBody.id()),
                        json(emptyBody),
                        manyHeaders.headers,
                        DeadLetterReasons.EMPTY_BODY),
                new Hostile("a javascript: URL", bytes(js.id()), json(js), DeadLetterReasons.INVALID_URL),
                new Hostile("NUL in the title", bytes(nul.id()), json(nul), DeadLetterReasons.NOT_TEXT),
                new Hostile("a tombstone", bytes("u-tomb"), null, DeadLetterReasons.NULL_VALUE));
    }

    /** Headers built up front (RecordHeaders is mutable and shared with the record). */
    private static final class RawHeaders {
        final RecordHeaders headers = new RecordHeaders();

        void add(String key, byte[] value) {
            headers.add(key, value);
        }
    }

    @Test
    void shouldDeadLetterEveryHostileRecordBoundedAndKeepThePartitionMoving() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-hostile");
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        Properties config = EnrichApp.streamsConfig(bootstrap, overrides);

        List<Hostile> hostile = catalogue();
        List<RawArticle> good = new ArrayList<>();
        Map<Long, Hostile> byOffset = new HashMap<>();
        RawArticle real = article(2_000_000);
        RawArticle forger = article(2_000_001);
        RawArticle forged = new RawArticle(
                forger.schemaVersion(),
                forger.id(),
                forger.source(),
                forger.url(),
                forger.title(),
                forger.body(),
                forger.languageHint(),
                forger.publishedAt(),
                forger.fetchedAt(),
                real.contentHash(),
                forger.extra());

        Properties p = KafkaTestSupport.client(bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip"); // 20 MB of text is a few hundred KB on the topic
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(64 * MB));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128 * MB));
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(KafkaTestSupport.client(bootstrap))) {
            int n = 0;
            // the forger first, then the article whose hash it claims
            KafkaTestSupport.send(producer, new ProducerRecord<>(Topics.RAW, 0, bytes(forged.id()), json(forged)));
            KafkaTestSupport.send(producer, new ProducerRecord<>(Topics.RAW, 0, bytes(real.id()), json(real)));
            good.add(forged);
            good.add(real);
            for (Hostile h : hostile) {
                RecordMetadata m = producer.send(
                                new ProducerRecord<>(Topics.RAW, 0, null, h.key(), h.value(), h.headers()))
                        .get();
                byOffset.put(m.offset(), h);
                RawArticle a = article(n++);
                good.add(a);
                KafkaTestSupport.send(producer, new ProducerRecord<>(Topics.RAW, 0, bytes(a.id()), json(a)));
            }

            try (EnrichApp app = EnrichApp.start(TestArticles::fakeEnrich, config)) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> EnrichApp.caughtUp(admin, "enrich-hostile"));
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }

            List<ConsumerRecord<byte[], byte[]>> enriched = firstEmissions(bootstrap);
            assertThat(enriched)
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrderElementsOf(
                            good.stream().map(RawArticle::id).toList());

            List<ConsumerRecord<byte[], byte[]>> dlq =
                    KafkaTestSupport.readAll(bootstrap, Topics.DEAD_LETTER, IsolationLevel.READ_COMMITTED);
            assertThat(dlq).hasSize(hostile.size());
            for (ConsumerRecord<byte[], byte[]> d : dlq) {
                Hostile h = byOffset.get(Long.parseLong(DeadLetters.header(d.headers(), DeadLetters.SOURCE_OFFSET)));
                assertThat(h).isNotNull();
                String reason = DeadLetters.header(d.headers(), DeadLetters.REASON);
                assertThat(reason).as(h.kind()).isIn(DeadLetterReasons.ENRICH);
                if (h.reason() != null) {
                    assertThat(reason).as(h.kind()).isEqualTo(h.reason());
                }
                assertThat(DeadLetters.header(d.headers(), DeadLetters.ERROR_MESSAGE))
                        .as(h.kind())
                        .isNotBlank();
                assertThat(d.serializedValueSize())
                        .as(h.kind())
                        .isLessThanOrEqualTo(DeadLetters.DEFAULT_MAX_VALUE_BYTES);
                assertThat(Math.max(0, d.serializedKeySize()))
                        .as(h.kind())
                        .isLessThanOrEqualTo(DeadLetters.MAX_KEY_BYTES);
                if (h.value() != null && h.value().length > DeadLetters.DEFAULT_MAX_VALUE_BYTES) {
                    assertThat(DeadLetters.header(d.headers(), DeadLetters.VALUE_TRUNCATED))
                            .as(h.kind())
                            .isEqualTo("true");
                    assertThat(DeadLetters.header(d.headers(), DeadLetters.VALUE_ORIGINAL_BYTES))
                            .as(h.kind())
                            .isEqualTo(String.valueOf(h.value().length));
                }
                if (h.headers().toArray().length > 10) {
                    assertThat(Integer.parseInt(DeadLetters.header(d.headers(), DeadLetters.HEADERS_DROPPED)))
                            .isPositive();
                }
            }

            // a restart with the same application id meets none of them again
            try (EnrichApp again = EnrichApp.start(TestArticles::fakeEnrich, config)) {
                assertThat(again.awaitRunning(Duration.ofSeconds(60))).isTrue();
                await().atMost(Duration.ofSeconds(60)).until(() -> EnrichApp.caughtUp(admin, "enrich-hostile"));
            }
            assertThat(KafkaTestSupport.readAll(bootstrap, Topics.DEAD_LETTER, IsolationLevel.READ_COMMITTED))
                    .hasSize(hostile.size());
            assertThat(firstEmissions(bootstrap)).hasSize(good.size());
        }
    }

    /**
     * The enriched records without story corrections (header {@code khabar.story.correction}): with stories on, the
     * test articles are near-duplicates of each other, and whether a later version of an article's story is emitted
     * depends on the order its band replies arrive from other partitions, not on anything this test checks.
     */
    private static List<ConsumerRecord<byte[], byte[]>> firstEmissions(String bootstrap) {
        return KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED).stream()
                .filter(r -> r.headers().lastHeader("khabar.story.correction") == null)
                .toList();
    }

    /**
     * A source (or a producer writing to the raw topic) can date an article in the future: a wrong clock, a time
     * zone mistake, or on purpose. The enriched record's timestamp is the event time, and Kafka 4 brokers refuse a
     * record more than {@code log.message.timestamp.after.max.ms} (one hour by default) ahead of their clock, which
     * under exactly-once would fail the task on every restart. The article is enriched, at the wall clock.
     */
    @Test
    void shouldEnrichAnArticleDatedInTheFutureAtTheWallClock() throws Exception {
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.start()) { // its own topics: the catalogue counts them all
            own.createTopics(Topics.definitions(3, (short) 1));
            enrichAnArticleDatedInTheFuture(own.bootstrapServers());
        }
    }

    private void enrichAnArticleDatedInTheFuture(String bootstrap) throws Exception {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-future");
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        Properties config = EnrichApp.streamsConfig(bootstrap, overrides);
        RawArticle dated = article("https://example.pk/future-dated", "آئندہ کی خبر", "اسلام آباد میں آئندہ کی خبر۔");
        RawArticle future = RawArticle.of(
                dated.source(),
                dated.url(),
                dated.title(),
                dated.body(),
                dated.languageHint(),
                java.time.Instant.parse("2099-01-01T00:00:00Z"),
                java.time.Instant.parse("2099-01-01T00:05:00Z"),
                dated.extra());
        RawArticle after = article(3_000_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        KafkaTestSupport.client(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(KafkaTestSupport.client(bootstrap))) {
            KafkaTestSupport.send(producer, new ProducerRecord<>(Topics.RAW, 1, bytes(future.id()), json(future)));
            KafkaTestSupport.send(producer, new ProducerRecord<>(Topics.RAW, 1, bytes(after.id()), json(after)));
            long startedAt = System.currentTimeMillis();
            try (EnrichApp app = EnrichApp.start(TestArticles::fakeEnrich, config)) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> EnrichApp.caughtUp(admin, "enrich-future"));
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
            List<ConsumerRecord<byte[], byte[]>> enriched =
                    KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED).stream()
                            .filter(r -> {
                                String k = new String(r.key(), StandardCharsets.UTF_8);
                                return k.equals(future.id()) || k.equals(after.id());
                            })
                            .toList();
            assertThat(enriched)
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(future.id(), after.id());
            ConsumerRecord<byte[], byte[]> f = enriched.stream()
                    .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(future.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(f.timestamp()).isBetween(startedAt, System.currentTimeMillis());
        }
    }
}
