package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.enrich.stories.StoryMessage;
import io.khabar.enrich.stories.StoryReplySerde;
import io.khabar.enrich.stories.StorySettings;
import io.khabar.model.ArticleIds;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the story stage costs per article as its band buckets fill with near-copies (issue 16; docs/stories.md,
 * "Cost per article"): the records each new article makes on the story repartitions and the enriched topic, counted
 * on TopologyTestDriver, must not grow with the bucket. CPU per article is printed, never asserted.
 * {@code -Dkhabar.stories.cost.sizes=10,50,200,400} prints the table of the docs (default: 40).
 */
class StoryCostTest {

    private static final String BY_ARTICLE = EnrichApp.DEFAULT_APPLICATION_ID + "-story-by-article-repartition";
    private static final String BY_BAND = EnrichApp.DEFAULT_APPLICATION_ID + "-story-by-band-repartition";
    private static final Instant PUBLISHED = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path stateDir;

    /**
     * How the copies are dated: all at one time (ties go by id, as the bench's repeats of dated articles), undated
     * (fetch time increasing: in order), or each published earlier than all before it (every copy is an earlier
     * story for all the others: the most corrections).
     */
    enum Dating {
        SAME_TIME,
        UNDATED,
        EACH_EARLIER
    }

    /** Copy {@code i} of one agency report, with a closing line as the bench's repeats have. */
    static RawArticle copy(int i, Dating dating) {
        String body = i == 0 ? StoryTopologyTest.REPORT : StoryTopologyTest.REPORT + "\n\nخبر نمبر " + i;
        String title = "کابینہ کا اجلاس";
        return new RawArticle(
                RawArticle.SCHEMA_VERSION,
                "bench:" + i,
                "bench",
                null,
                title,
                body,
                "ur",
                switch (dating) {
                    case SAME_TIME -> PUBLISHED;
                    case UNDATED -> null;
                    case EACH_EARLIER -> PUBLISHED.minusSeconds(i);
                },
                Instant.parse("2026-11-30T00:00:00Z").plusSeconds(i),
                ArticleIds.contentHash(title, body),
                Map.of());
    }

    /** Records per new article once the buckets hold {@code n} copies: topic → {records, bytes}, and CPU ms. */
    record Cost(int bucket, Map<String, double[]> perArticle, double cpuMs, int maxCandidates) {
        double records(String topic) {
            return perArticle.getOrDefault(topic, new double[2])[0];
        }
    }

    /**
     * With copies that are each an earlier story for every copy before them, a new article still makes one ENTRIES
     * record and one REPLY per band partition (one here) with at most one candidate, at most {@code max.corrections} CORRECTIONs per band and as many re-emitted
     * records, however many copies the buckets hold. (Before the bound: one CORRECTION per similar member and band,
     * 24 per copy, and a REPLY listing every similar member.)
     */
    @Test
    void shouldSendABoundedNumberOfStoryMessagesPerArticleWhateverTheBucketSize() {
        StorySettings settings = StorySettings.on().withMaxCorrections(2);
        int bands = settings.bands();
        for (int n : new int[] {20, 60}) {
            Cost c = measure(n, Dating.EACH_EARLIER, settings, 10);
            // one ENTRIES record per article and band partition (the driver's topics have one partition)
            assertThat(c.records(BY_BAND))
                    .as("ENTRIES records per article, bucket " + n)
                    .isEqualTo(1);
            assertThat(c.maxCandidates())
                    .as("candidates in one REPLY, bucket " + n)
                    .isLessThanOrEqualTo(1);
            assertThat(c.records(BY_ARTICLE))
                    .as("REPLY and CORRECTION records per article, bucket " + n)
                    .isGreaterThan(1) // one REPLY, and corrections: every copy is earlier than the others
                    .isLessThanOrEqualTo(1 + bands * settings.maxCorrections());
            assertThat(c.records(Topics.ENRICHED))
                    .as("enriched records (the article and re-emitted corrections) per article, bucket " + n)
                    .isLessThanOrEqualTo(1 + bands * settings.maxCorrections());
        }
    }

    /**
     * The bounds change no story while the corrections a new article needs fit under {@code max.corrections}: a pair
     * is handled in the lowest band it shares, and a member that found an earlier story in the bucket is not told.
     */
    @Test
    void shouldGiveEveryCopyTheEarliestCopyAsItsStoryWhenTheCorrectionsFitTheBound() {
        int n = 30;
        StorySettings settings = StorySettings.on().withMaxCorrections(n);
        for (Dating dating : List.of(Dating.EACH_EARLIER, Dating.SAME_TIME)) {
            Map<String, String> story = new HashMap<>();
            try (TopologyTestDriver driver = driver(settings, "exact-" + dating)) {
                TestInputTopic<String, byte[]> raw = raw(driver);
                TestOutputTopic<String, EnrichedArticle> out = driver.createOutputTopic(
                        Topics.ENRICHED,
                        new StringDeserializer(),
                        JsonSerde.enrichedArticle().deserializer());
                // same time: ids bench:1000 .. bench:1029, ties go by id, so bench:1000 (the first) is the earliest
                for (int i = 0; i < n; i++) {
                    RawArticle a = copy(dating == Dating.SAME_TIME ? 1000 + i : i, dating);
                    raw.pipeInput(a.id(), json(a));
                }
                out.readRecordsToList()
                        .forEach(r -> story.put(r.key(), r.value().storyId()));
            }
            String earliest = dating == Dating.EACH_EARLIER ? "bench:" + (n - 1) : "bench:1000";
            assertThat(story).as(dating.toString()).hasSize(n);
            assertThat(story.values()).as(dating.toString()).containsOnly(earliest);
        }
    }

    /** Prints the cost table (docs/stories.md); asserts nothing about time. */
    @Test
    void shouldPrintTheCostPerArticleByBucketSize() {
        int[] sizes = Arrays.stream(
                        System.getProperty("khabar.stories.cost.sizes", "40").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
        System.out.println(
                "| copies dated | bucket | ENTRY / article | REPLY+CORRECTION / article | their bytes / article"
                        + " | enriched records / article | CPU ms / article (driver, loaded machine) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Dating dating : Dating.values()) {
            for (int n : sizes) {
                Cost c = measure(n, dating, StorySettings.on(), 20);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %.1f | %.1f | %,.0f | %.1f | %.2f |%n",
                        dating.toString().toLowerCase(Locale.ROOT).replace('_', ' '),
                        n,
                        c.records(BY_BAND),
                        c.records(BY_ARTICLE),
                        c.perArticle().getOrDefault(BY_ARTICLE, new double[2])[1],
                        c.records(Topics.ENRICHED),
                        c.cpuMs());
            }
        }
    }

    private TopologyTestDriver driver(StorySettings settings, String name) {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        return new TopologyTestDriver(
                EnrichTopology.build(
                        TestArticles::fakeEnrich, EnrichSettings.defaults(), EnrichMetrics.inMemory(), settings),
                EnrichApp.streamsConfig("unused:9092", overrides));
    }

    private static TestInputTopic<String, byte[]> raw(TopologyTestDriver driver) {
        return driver.createInputTopic(
                Topics.RAW, new StringSerializer(), new ByteArraySerializer(), Instant.now(), Duration.ofMillis(1));
    }

    /** Feeds {@code n} copies, then {@code probe} more, and counts what the probes make. */
    private Cost measure(int n, Dating dating, StorySettings settings, int probe) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (TopologyTestDriver driver = driver(settings, dating + "-" + n + "-" + settings.maxCorrections())) {
            TestInputTopic<String, byte[]> raw = raw(driver);
            for (int i = 0; i < n; i++) {
                RawArticle a = copy(i, dating);
                raw.pipeInput(a.id(), json(a));
            }
            drain(driver, new TreeMap<>(), new int[1]);
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = n; i < n + probe; i++) {
                RawArticle a = copy(i, dating);
                raw.pipeInput(a.id(), json(a));
            }
            double cpuMs = (cpu.getCurrentThreadCpuTime() - t0) / 1e6 / probe;
            Map<String, long[]> perTopic = new TreeMap<>();
            int[] maxCandidates = new int[1];
            drain(driver, perTopic, maxCandidates);
            Map<String, double[]> perArticle = new TreeMap<>();
            perTopic.forEach((t, v) -> perArticle.put(t, new double[] {(double) v[0] / probe, (double) v[1] / probe}));
            return new Cost(n, perArticle, cpuMs, maxCandidates[0]);
        }
    }

    private static void drain(TopologyTestDriver driver, Map<String, long[]> perTopic, int[] maxCandidates) {
        StoryReplySerde messages = new StoryReplySerde();
        for (String topic : driver.producedTopicNames()) {
            TestOutputTopic<byte[], byte[]> out =
                    driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
                long bytes = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                for (Header h : r.headers()) {
                    bytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
                }
                long[] v = perTopic.computeIfAbsent(topic, k -> new long[2]);
                v[0]++;
                v[1] += bytes;
                if (topic.equals(BY_ARTICLE)) {
                    StoryMessage m = messages.deserializer().deserialize(topic, r.value());
                    if (m.kind() == StoryMessage.Kind.REPLY && m.candidates() != null) {
                        maxCandidates[0] =
                                Math.max(maxCandidates[0], m.candidates().size());
                    }
                }
            }
        }
    }
}
