package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.RecordSchemas;
import io.khabar.model.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus on a real broker under exactly_once_v2 with the real enricher: fifteen kinds of bad records
 * mixed with good ones.
 * Every good one is enriched, every bad one is a dead letter with its reason and original bytes, the app is still
 * RUNNING, and the health and metrics endpoints say so.
 */
class EnrichBadInputIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka =
            EmbeddedKafkaExtension.perClass().withTopics(KafkaTestSupport.topicsKeepingEveryVersion(3));

    @TempDir
    Path stateDir;

    private record Bad(String kind, String key, byte[] value, String reason) {}

    private static List<Bad> corpus() {
        RawArticle template = article(1000);
        String templateJson = new String(json(template), StandardCharsets.UTF_8);
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0;
        RawArticle dense = article("https://example.pk/dense", "گنجان خبر", "اسلام آباد ".repeat(45_000));
        RawArticle twoMb = article("https://example.pk/huge", "بہت بڑی خبر", "لاہور ".repeat(350_000));
        RawArticle empty = article("https://example.pk/empty", "خالی خبر", "");
        RawArticle control =
                article("https://example.pk/ctl", "عجیب خبر", "\u0001\u0002\u0003\u0004\u0005\u0006 ب \u0007\u000b");
        RawArticle boom = article("https://example.pk/boom", "دھماکہ خیز خبر", "یہ خبر BOOM کر دے گی۔");
        RawArticle future = article("https://example.pk/future", "مستقبل", "نئی شکل کی خبر۔");
        String futureJson =
                new String(json(future), StandardCharsets.UTF_8).replace("\"schemaVersion\":1", "\"schemaVersion\":9");
        return List.of(
                new Bad(
                        "malformed JSON",
                        template.id(),
                        "{\"id\":\"x\",\"title\":".getBytes(StandardCharsets.UTF_8),
                        DeadLetterReasons.MALFORMED_JSON),
                new Bad(
                        "wrong types",
                        template.id(),
                        templateJson
                                .replace("\"schemaVersion\":1", "\"schemaVersion\":{\"v\":1}")
                                .getBytes(StandardCharsets.UTF_8),
                        DeadLetterReasons.WRONG_TYPES),
                new Bad("empty body", empty.id(), json(empty), DeadLetterReasons.EMPTY_BODY),
                new Bad("2 MB body", twoMb.id(), json(twoMb), DeadLetterReasons.TOO_LARGE),
                new Bad(
                        "invalid UTF-8",
                        template.id(),
                        new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xE2, (byte) 0x28, (byte) 0xA1, '"', '}'},
                        DeadLetterReasons.INVALID_UTF8),
                new Bad("binary garbage", "garbage", garbage, DeadLetterReasons.BINARY),
                new Bad(
                        "a JSON array",
                        template.id(),
                        ("[" + templateJson + "," + templateJson + "]").getBytes(StandardCharsets.UTF_8),
                        DeadLetterReasons.NOT_AN_OBJECT),
                new Bad("null value", template.id(), null, DeadLetterReasons.NULL_VALUE),
                new Bad("null key", null, json(article(1001)), DeadLetterReasons.MISSING_KEY),
                new Bad("huge entity-dense article", dense.id(), json(dense), DeadLetterReasons.OUTPUT_TOO_LARGE),
                new Bad("key is not the id", "someone-else", json(article(1002)), DeadLetterReasons.KEY_MISMATCH),
                new Bad(
                        "schema from the future",
                        future.id(),
                        futureJson.getBytes(StandardCharsets.UTF_8),
                        DeadLetterReasons.UNSUPPORTED_SCHEMA),
                new Bad("control characters for text", control.id(), json(control), DeadLetterReasons.NOT_TEXT),
                new Bad("enricher throws", boom.id(), json(boom), DeadLetterReasons.ENRICH_FAILED),
                new Bad(
                        "no id",
                        template.id(),
                        templateJson
                                .replace("\"id\":\"" + template.id() + "\",", "")
                                .getBytes(StandardCharsets.UTF_8),
                        DeadLetterReasons.MISSING_ID));
    }

    @Test
    void shouldEnrichEveryGoodRecordDeadLetterEveryBadOneAndKeepRunning() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        EnrichMetrics metrics = EnrichMetrics.prometheus();
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-bad-input");
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, metrics);
        // v2 records are compact: at the default 8 MiB limit even 45,000 mentions fit, so the dense article is
        // measured against 2 MiB (it enriches to more than that)
        overrides.put(EnrichSettings.MAX_OUTPUT_BYTES_CONFIG, String.valueOf(2L * 1024 * 1024));
        Properties config = EnrichApp.streamsConfig(bootstrap, overrides);

        List<Bad> bad = corpus();
        assertThat(bad).hasSizeGreaterThanOrEqualTo(10);
        List<RawArticle> good = new ArrayList<>();
        Map<String, Bad> badAt = new HashMap<>();
        // the real enricher (normaliser, tokenizer, language id, gazetteer NER), which a BOOM in the body makes throw
        ArticleEnricher real = ArticleEnricher.withDefaults();
        Enricher enricher = raw -> {
            if (raw.body().contains("BOOM")) {
                throw new IllegalStateException("enricher exploded on purpose");
            }
            return real.enrich(raw);
        };
        try (EnrichApp app = EnrichApp.start(enricher, config);
                EnrichHttpServer http = EnrichHttpServer.start(new InetSocketAddress("127.0.0.1", 0), app);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                Admin admin = Admin.create(KafkaTestSupport.client(bootstrap))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            int n = 0;
            for (Bad b : bad) {
                for (int i = 0; i < 3; i++) {
                    RawArticle a = article(n++);
                    good.add(a);
                    KafkaTestSupport.send(producer, new ProducerRecord<>(Topics.RAW, bytes(a.id()), json(a)));
                }
                RecordMetadata m = producer.send(
                                new ProducerRecord<>(Topics.RAW, b.key() == null ? null : bytes(b.key()), b.value()))
                        .get();
                badAt.put(m.partition() + "@" + m.offset(), b);
            }

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> EnrichApp.caughtUp(admin, "enrich-bad-input"));

            // story corrections (header khabar.story.correction) re-emit an article with an earlier story; the test
            // articles are near-duplicates of each other, so such later versions are expected and not counted here
            List<ConsumerRecord<byte[], byte[]>> enriched =
                    KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED).stream()
                            .filter(r -> r.headers().lastHeader("khabar.story.correction") == null)
                            .toList();
            assertThat(enriched)
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrderElementsOf(
                            good.stream().map(RawArticle::id).toList());
            assertThat(enriched).allSatisfy(r -> {
                RecordSchemas.assertValidEnriched(r.value());
                EnrichedArticle e = JsonSerde.enrichedArticle().fromBytes(r.value());
                assertThat(e.id()).isEqualTo(new String(r.key(), StandardCharsets.UTF_8));
                assertThat(e.language()).isEqualTo("ur");
                assertThat(e.entities())
                        .anySatisfy(en -> assertThat(en.canonicalName()).isEqualTo("Islamabad"));
            });

            List<ConsumerRecord<byte[], byte[]>> dlq =
                    KafkaTestSupport.readAll(bootstrap, Topics.DEAD_LETTER, IsolationLevel.READ_COMMITTED);
            assertThat(dlq).hasSize(bad.size());
            for (ConsumerRecord<byte[], byte[]> d : dlq) {
                String at = DeadLetters.header(d.headers(), DeadLetters.SOURCE_PARTITION) + "@"
                        + DeadLetters.header(d.headers(), DeadLetters.SOURCE_OFFSET);
                Bad b = badAt.get(at);
                assertThat(b).as("dead letter for %s", at).isNotNull();
                RecordSchemas.assertValidDeadLetter(d.headers());
                assertThat(DeadLetters.header(d.headers(), DeadLetters.REASON))
                        .as(b.kind())
                        .isEqualTo(b.reason());
                assertThat(DeadLetters.header(d.headers(), DeadLetters.STAGE)).isEqualTo("enrich");
                assertThat(DeadLetters.header(d.headers(), DeadLetters.SOURCE_TOPIC))
                        .isEqualTo(Topics.RAW);
                assertThat(d.value())
                        .as(b.kind())
                        .isEqualTo(
                                b.value() == null || b.value().length <= DeadLetters.DEFAULT_MAX_VALUE_BYTES
                                        ? b.value()
                                        : java.util.Arrays.copyOf(b.value(), DeadLetters.DEFAULT_MAX_VALUE_BYTES));
                assertThat(d.key()).as(b.kind()).isEqualTo(b.key() == null ? null : bytes(b.key()));
            }
            assertThat(dlq.stream()
                            .map(d -> DeadLetters.header(d.headers(), DeadLetters.REASON))
                            .collect(Collectors.toSet()))
                    .isEqualTo(bad.stream().map(Bad::reason).collect(Collectors.toSet()));

            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http.port();
            HttpResponse<String> ready = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("RUNNING");
            HttpResponse<String> live = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            String scrape = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String reason : Set.copyOf(bad.stream().map(Bad::reason).toList())) {
                assertThat(scrape).contains("khabar_enrich_dead_letters_total{reason=\"" + reason + "\"}");
                assertThat(metrics.deadLetterCount(reason)).as(reason).isGreaterThanOrEqualTo(1);
            }
            assertThat(scrape)
                    .contains(
                            "khabar_enrich_enriched_total",
                            "khabar_enrich_entities_total{type=\"LOCATION\"}",
                            "khabar_enrich_duplicates_total",
                            "kafka_stream_");
            assertThat(metrics.enrichedCount()).isGreaterThanOrEqualTo(good.size());

            app.close(Duration.ofSeconds(30));
            HttpResponse<String> after = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).isEqualTo(503);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
