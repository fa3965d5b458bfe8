package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.DeadLetters;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Property-based fuzzing of the enrich topology on TopologyTestDriver with random bytes and random JSON between
 * good records: no exception escapes, each hostile record is enriched, dropped as a counted duplicate or
 * dead-lettered with a known reason, and the good records around it always arrive. At-least-once, because
 * TopologyTestDriver drops the deserialisation handler's dead letters under exactly-once (see EnrichTopologyTest).
 */
class TopologyFuzzTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:05:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final AtomicInteger GOOD = new AtomicInteger(100_000);

    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, byte[]> enriched;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private EnrichMetrics metrics;

    @BeforeProperty
    void start() throws IOException {
        stateDir = Files.createTempDirectory("topology-fuzz");
        metrics = EnrichMetrics.inMemory();
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, metrics);
        Properties config = EnrichApp.streamsConfig("unused:9092", overrides);
        driver = new TopologyTestDriver(
                EnrichTopology.build(
                        TestArticles::fakeEnrich,
                        EnrichSettings.defaults(),
                        metrics,
                        io.khabar.enrich.stories.StorySettings.on()), // stories on: fuzz the whole topology
                config);
        raw = driver.createInputTopic(
                Topics.RAW, new ByteArraySerializer(), new ByteArraySerializer(), T0, Duration.ofSeconds(1));
        enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters =
                driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterProperty
    void stop() throws IOException {
        if (driver != null) {
            driver.close();
        }
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 100)
    void randomBytesAreDeadLetteredAndTheGoodRecordsAroundThemArrive(
            @ForAll @Size(max = 600) byte[] value, @ForAll boolean nullKey, @ForAll long seed) {
        byte[] key = nullKey ? null : randomText(new Random(seed), 40).getBytes(StandardCharsets.UTF_8);
        sandwich(key, value);
    }

    @Property(tries = 200)
    void randomJsonIsEnrichedOrDeadLetteredAndTheGoodRecordsAroundThemArrive(@ForAll long seed) {
        Random r = new Random(seed);
        RawArticle base = article(GOOD.incrementAndGet());
        byte[] value;
        byte[] key;
        switch (r.nextInt(6)) {
            case 0 -> { // an entirely random JSON document
                value = bytes(randomNode(r, 4));
                key = r.nextBoolean() ? null : randomText(r, 20).getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> { // deep nesting
                int depth = 500 + r.nextInt(5000);
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                value = ("{\"id\":\"" + base.id() + "\",\"body\":" + open.repeat(depth) + "1" + close.repeat(depth)
                                + "}")
                        .getBytes(StandardCharsets.UTF_8);
                key = base.id().getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> { // numbers no reader should trust
                String[] numbers = {
                    "1e999999999",
                    "-1e999999999",
                    "99999999999999999999999999999",
                    "-0",
                    "1.5",
                    "9223372036854775808",
                    "NaN",
                    "0x10"
                };
                String field = r.nextBoolean() ? "publishedAt" : r.nextBoolean() ? "schemaVersion" : "fetchedAt";
                String json = new String(json(base), StandardCharsets.UTF_8);
                value = json.replaceFirst(
                                "\"" + field + "\":(\"[^\"]*\"|[0-9]+)",
                                "\"" + field + "\":" + numbers[r.nextInt(numbers.length)])
                        .getBytes(StandardCharsets.UTF_8);
                key = base.id().getBytes(StandardCharsets.UTF_8);
            }
            default -> { // a valid article with some fields replaced by random values or removed
                ObjectNode o = (ObjectNode) readTree(json(base));
                List<String> fields = List.of(
                        "schemaVersion",
                        "id",
                        "source",
                        "url",
                        "title",
                        "body",
                        "languageHint",
                        "publishedAt",
                        "fetchedAt",
                        "contentHash",
                        "extra",
                        "unknown" + r.nextInt(3));
                for (String f : fields) {
                    if (r.nextInt(4) == 0) {
                        if (r.nextBoolean()) {
                            o.remove(f);
                        } else {
                            o.set(f, randomNode(r, 3));
                        }
                    }
                }
                value = bytes(o);
                key = r.nextInt(8) == 0 ? null : base.id().getBytes(StandardCharsets.UTF_8);
            }
        }
        sandwich(key, value);
    }

    @Example
    void aForgedContentHashCannotMakeTheRealArticleDisappear() {
        RawArticle real = article(GOOD.incrementAndGet());
        RawArticle forger = article(GOOD.incrementAndGet());
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
        raw.pipeInput(bytes(forged.id()), json(forged));
        raw.pipeInput(bytes(real.id()), json(real));

        List<String> ids = firstEmissions();
        assertThat(ids).containsExactlyInAnyOrder(forged.id(), real.id());
        assertThat(deadLetters.readRecordsToList()).isEmpty();
    }

    /**
     * Keys of the enriched records emitted since the last call, without story corrections (an article emitted again
     * because an earlier similar one arrived later: the test articles are alike, so stories group them).
     */
    private List<String> firstEmissions() {
        return enriched.readRecordsToList().stream()
                .filter(r -> r.headers().lastHeader("khabar.story.correction") == null)
                .map(TestRecord::key)
                .toList();
    }

    /** A good record, the hostile one, a good record: all three accounted for. */
    private void sandwich(byte[] key, byte[] value) {
        RawArticle before = article(GOOD.incrementAndGet());
        RawArticle after = article(GOOD.incrementAndGet());
        double duplicatesBefore = duplicates();
        raw.pipeInput(bytes(before.id()), json(before));
        raw.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), T0));
        raw.pipeInput(bytes(after.id()), json(after));

        List<String> out = firstEmissions();
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(out).contains(before.id(), after.id());
        long hostileOut = out.size() - 2;
        double dropped = duplicates() - duplicatesBefore;
        assertThat(hostileOut + dead.size() + dropped)
                .as("the hostile record is enriched, a counted duplicate or dead-lettered, exactly once")
                .isEqualTo(1.0);
        for (TestRecord<byte[], byte[]> d : dead) {
            assertThat(DeadLetters.header(d.headers(), DeadLetters.REASON)).isIn(DeadLetterReasons.ENRICH);
            assertThat(DeadLetters.header(d.headers(), DeadLetters.STAGE)).isEqualTo("enrich");
            assertThat(DeadLetters.header(d.headers(), DeadLetters.ERROR_MESSAGE))
                    .isNotBlank();
        }
        if (hostileOut == 1) {
            String id = out.stream()
                    .filter(k -> !k.equals(before.id()) && !k.equals(after.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(key).isNotNull();
            assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(id);
        }
    }

    private double duplicates() {
        return metrics.duplicateCount(EnrichMetrics.SAME_ID)
                + metrics.duplicateCount(EnrichMetrics.SAME_CONTENT)
                + metrics.duplicateCount(EnrichMetrics.SUPERSEDED);
    }

    private static JsonNode randomNode(Random r, int depth) {
        int kind = r.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 ->
                r.nextBoolean()
                        ? F.numberNode(r.nextLong())
                        : F.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(300)));
            case 3, 4 -> F.textNode(randomText(r, 30));
            case 5 -> {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomNode(r, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(randomText(r, 8), randomNode(r, depth - 1));
                }
                yield o;
            }
        };
    }

    /** Text with Urdu, ASCII, control characters, lone surrogates, private use, BOMs and NULs. */
    private static String randomText(Random r, int max) {
        String[] pieces = {
            "خبر",
            "اسلام آباد",
            "a",
            " ",
            "\u0000",
            "\u0001",
            "\u001b[31m",
            "\ud800",
            "\udfff",
            "\ue000",
            "\ufeff",
            "\ufffd",
            "\u200c",
            "\n",
            "\"",
            "\\",
            "😀",
            "ی",
            "ے"
        };
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            sb.append(pieces[r.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
