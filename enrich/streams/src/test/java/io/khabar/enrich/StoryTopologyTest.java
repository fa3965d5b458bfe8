package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.enrich.stories.StoryMessage;
import io.khabar.enrich.stories.StoryReplySerde;
import io.khabar.enrich.stories.StorySettings;
import io.khabar.enrich.stories.TrendRecord;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stories and trending entities on TopologyTestDriver. */
class StoryTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:05:00Z");

    /** A report of about 80 distinct words, as an agency would send it. */
    static final String REPORT = "اسلام آباد میں وفاقی کابینہ کے اجلاس میں ملک کی معاشی صورتحال پر تفصیلی غور کیا گیا۔ "
            + "وزیر خزانہ نے بتایا کہ رواں مالی سال کے پہلے چار ماہ میں برآمدات میں تیرہ فیصد اضافہ ہوا ہے اور "
            + "زرمبادلہ کے ذخائر بھی بہتر ہوئے ہیں۔ اجلاس میں بجلی کی قیمتوں، پٹرول کی فراہمی اور کسانوں کے لیے "
            + "امدادی پیکج کی منظوری بھی دی گئی۔ حکام کے مطابق آئندہ ہفتے صوبوں کے ساتھ مشاورت کا نیا دور شروع ہو گا "
            + "جس میں ترقیاتی منصوبوں کے لیے فنڈز کی تقسیم کا فارمولا طے کیا جائے گا۔ وزیر اعظم نے ہدایت کی کہ "
            + "مہنگائی پر قابو پانے کے لیے ذخیرہ اندوزوں کے خلاف کارروائی تیز کی جائے۔";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<String, TrendRecord> trending;

    private void start(StorySettings stories) {
        start(stories, StreamsConfig.EXACTLY_ONCE_V2);
    }

    private void start(StorySettings stories, String guarantee) {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        Properties config = EnrichApp.streamsConfig("unused:9092", overrides);
        driver = new TopologyTestDriver(
                EnrichTopology.build(
                        TestArticles::fakeEnrich, EnrichSettings.defaults(), EnrichMetrics.inMemory(), stories),
                config);
        raw = driver.createInputTopic(
                Topics.RAW, new StringSerializer(), new ByteArraySerializer(), T0, Duration.ofSeconds(1));
        enriched = driver.createOutputTopic(
                Topics.ENRICHED,
                new StringDeserializer(),
                JsonSerde.enrichedArticle().deserializer());
        trending = driver.createOutputTopic(
                Topics.TRENDING,
                new StringDeserializer(),
                JsonSerde.of(TrendRecord.class).deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private static RawArticle article(String url, String outlet, String title, String body, String published) {
        return RawArticle.of("test", url, title, body, "ur", Instant.parse(published), T0, Map.of(), outlet);
    }

    static final RawArticle APP =
            article("https://app.example/1", "APP", "کابینہ کا اجلاس", REPORT, "2026-11-01T08:00:00Z");
    static final RawArticle GEO = article(
            "https://urdu.geo.tv/2",
            "Geo News Urdu",
            "وفاقی کابینہ کا اجلاس",
            REPORT.replace("تیرہ فیصد", "13 فیصد").replace("بھی دی گئی۔", "دی گئی۔") + " مزید تفصیلات کا انتظار ہے۔",
            "2026-11-01T09:00:00Z");
    static final RawArticle JANG = article(
            "https://jang.com.pk/3",
            "Daily Jang",
            "کابینہ اجلاس، پیکج منظور",
            "ذرائع کے مطابق " + REPORT.replace("وزیر اعظم نے ہدایت کی", "وزیراعظم نے حکم دیا"),
            "2026-11-01T10:00:00Z");
    static final RawArticle OTHER = article(
            "https://urdu.geo.tv/9",
            "Geo News Urdu",
            "کرکٹ میچ",
            "لاہور میں کھیلے گئے پہلے ون ڈے میچ میں پاکستان نے آسٹریلیا کو پانچ وکٹوں سے شکست دے دی۔ کپتان نے کہا کہ "
                    + "ٹیم نے بولنگ اور فیلڈنگ میں بہترین کارکردگی دکھائی اور اگلا میچ جمعے کو کراچی میں ہو گا۔",
            "2026-11-01T09:30:00Z");

    private Map<String, EnrichedArticle> latestById() {
        Map<String, EnrichedArticle> latest = new LinkedHashMap<>();
        for (TestRecord<String, EnrichedArticle> r : enriched.readRecordsToList()) {
            latest.put(r.key(), r.value());
        }
        return latest;
    }

    /**
     * The story stores' changelog entries carry wall-clock times, never the article's event time: the changelogs
     * are compact,delete with retention.ms = store retention + 1 day, so entries logged at the time of an article
     * published a month ago were deleted by the broker within minutes, and a restore after a failover lost the
     * articles waiting for their band replies (EnrichCrashIT with stories on). The output keeps the event time.
     */
    @Test
    void shouldLogStoryStateAtWallClockTimeAndEmitAtEventTime() {
        long before = System.currentTimeMillis(); // the driver's wall clock starts when it is made
        start(StorySettings.on());
        for (RawArticle a : List.of(APP, GEO)) {
            raw.pipeInput(a.id(), json(a));
        }
        for (String store : List.of("story-state", "story-articles", "story-bands")) {
            List<TestRecord<byte[], byte[]>> logged = driver.createOutputTopic(
                            EnrichApp.DEFAULT_APPLICATION_ID + "-" + store + "-changelog",
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())
                    .readRecordsToList();
            assertThat(logged).as(store).isNotEmpty();
            assertThat(logged)
                    .as(store + " changelog timestamps")
                    .allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(before));
        }
        List<TestRecord<String, EnrichedArticle>> out = enriched.readRecordsToList();
        assertThat(out).hasSize(2);
        assertThat(out).allSatisfy(r -> {
            assertThat(r.timestamp())
                    .isEqualTo(r.value().article().publishedAt().toEpochMilli());
            assertThat(r.headers().lastHeader("khabar.story.event-time")).isNull();
        });
    }

    /**
     * Every reply and correction names the slot (window time) of the state it is for, so the resolver reads that
     * state, and at the end the stored article, with a point lookup: a scan of the window store over its whole
     * retention was made for each of an article's 24 replies (most of the stage's RocksDB iterator work).
     */
    @Test
    void shouldNameTheSlotOfTheArticlesStateInEveryReplyAndCorrection() {
        start(StorySettings.on());
        for (RawArticle a : List.of(JANG, GEO, OTHER, APP)) { // the earliest last: corrections too
            raw.pipeInput(a.id(), json(a));
        }
        Map<String, Long> slots = new java.util.HashMap<>();
        for (TestRecord<byte[], byte[]> r : driver.createOutputTopic(
                        EnrichApp.DEFAULT_APPLICATION_ID + "-story-state-changelog",
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())
                .readRecordsToList()) {
            byte[] k = r.key(); // id, window start (8 bytes), sequence number (4 bytes)
            slots.put(
                    new String(k, 0, k.length - 12, java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.ByteBuffer.wrap(k).getLong(k.length - 12));
        }
        List<StoryMessage> messages = driver.createOutputTopic(
                        EnrichApp.DEFAULT_APPLICATION_ID + "-story-by-article-repartition",
                        new StringDeserializer(),
                        new StoryReplySerde().deserializer())
                .readValuesToList();
        assertThat(messages)
                .extracting(StoryMessage::kind)
                .contains(StoryMessage.Kind.REPLY, StoryMessage.Kind.CORRECTION);
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.at()).as("slot in " + m).isNotNull();
            assertThat(m.at()).isEqualTo(slots.get(m.id()));
        });
        Map<String, EnrichedArticle> out = latestById();
        assertThat(out.get(GEO.id()).storyId()).isEqualTo(APP.id());
        assertThat(out.get(JANG.id()).storyId()).isEqualTo(APP.id());
        assertThat(out.get(OTHER.id()).storyId()).isEqualTo(OTHER.id());
    }

    /**
     * A story reply that cannot be read (cut off, or of a form this version does not know) is dead-lettered with
     * the reason, as any record that cannot be read, and the app goes on: the next articles get their stories.
     * (At least once: TopologyTestDriver drops a deserialization handler's dead letters under exactly-once, see
     * EnrichTopologyTest; a real broker keeps them.)
     */
    @Test
    void shouldDeadLetterACutOffStoryReplyAndGoOn() {
        start(StorySettings.on(), StreamsConfig.AT_LEAST_ONCE);
        StoryMessage reply = new StoryMessage(
                StoryMessage.Kind.REPLY,
                APP.id(),
                "0123456789abcdef",
                5L,
                null,
                0,
                null,
                List.of(),
                null,
                7L,
                0xFFFFFFL);
        byte[] bytes = new StoryReplySerde().serializer().serialize("t", reply);
        driver.createInputTopic(
                        EnrichApp.DEFAULT_APPLICATION_ID + "-story-by-article-repartition",
                        new StringSerializer(),
                        new ByteArraySerializer())
                .pipeInput(APP.id(), java.util.Arrays.copyOf(bytes, bytes.length - 2));
        for (RawArticle a : List.of(APP, GEO)) {
            raw.pipeInput(a.id(), json(a));
        }

        List<TestRecord<byte[], byte[]>> dead = driver.createOutputTopic(
                        Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(io.khabar.model.DeadLetters.header(dead.get(0).headers(), io.khabar.model.DeadLetters.REASON))
                .isEqualTo(io.khabar.model.DeadLetterReasons.DESERIALIZATION);
        assertThat(io.khabar.model.DeadLetters.header(dead.get(0).headers(), io.khabar.model.DeadLetters.ERROR_MESSAGE))
                .contains("truncated or corrupt story reply");
        Map<String, EnrichedArticle> out = latestById();
        assertThat(out.get(APP.id()).storyId()).isEqualTo(APP.id());
        assertThat(out.get(GEO.id()).storyId()).isEqualTo(APP.id());
    }

    @Test
    void shouldGroupNearDuplicatesAcrossOutletsUnderTheEarliestArticle() {
        start(StorySettings.on());
        for (RawArticle a : List.of(APP, GEO, OTHER, JANG)) {
            raw.pipeInput(a.id(), json(a));
        }

        Map<String, EnrichedArticle> out = latestById();

        assertThat(out).hasSize(4);
        assertThat(out.get(APP.id()).storyId()).isEqualTo(APP.id());
        assertThat(out.get(APP.id()).storySimilarity()).isEqualTo(1.0);
        assertThat(out.get(GEO.id()).storyId()).isEqualTo(APP.id());
        assertThat(out.get(JANG.id()).storyId()).isEqualTo(APP.id());
        assertThat(out.get(GEO.id()).storySimilarity()).isBetween(0.3, 0.99);
        assertThat(out.get(OTHER.id()).storyId()).isEqualTo(OTHER.id());
        assertThat(out.get(GEO.id()).outlet()).isEqualTo("Geo News Urdu");
    }

    @Test
    void shouldReachTheSameStoriesWhateverOrderTheArticlesArriveIn() {
        start(StorySettings.on());
        for (RawArticle a : List.of(JANG, OTHER, GEO, APP)) { // the earliest published arrives last
            raw.pipeInput(a.id(), json(a));
        }

        List<TestRecord<String, EnrichedArticle>> records = enriched.readRecordsToList();
        Map<String, String> story = new LinkedHashMap<>();
        records.forEach(r -> story.put(r.key(), r.value().storyId()));

        assertThat(story)
                .containsEntry(APP.id(), APP.id())
                .containsEntry(GEO.id(), APP.id())
                .containsEntry(JANG.id(), APP.id())
                .containsEntry(OTHER.id(), OTHER.id());
        // JANG and GEO were first emitted with an earlier story of their own, then corrected once APP arrived
        assertThat(records.stream().filter(r -> r.key().equals(JANG.id()))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldStillDropExactDuplicatesUnderAnotherId() {
        start(StorySettings.on());
        RawArticle copy = article("https://copy.example/1", "Copy", APP.title(), APP.body(), "2026-11-01T08:30:00Z");
        raw.pipeInput(APP.id(), json(APP));
        raw.pipeInput(copy.id(), json(copy));

        assertThat(latestById()).containsOnlyKeys(APP.id());
    }

    @Test
    void shouldCountArticlesPerEntityInHourAndDayWindowsAndDropArticlesPastTheGrace() {
        start(StorySettings.on().withGrace(Duration.ofHours(1), Duration.ofHours(1)));
        for (RawArticle a : List.of(APP, GEO, OTHER)) {
            raw.pipeInput(a.id(), json(a));
        }
        RawArticle muchLater = article(
                "https://e.example/late",
                "E",
                "خبر",
                "اسلام آباد میں بارش کا امکان ہے اور " + "موسم سرد رہے گا۔",
                "2026-11-03T12:00:00Z");
        raw.pipeInput(muchLater.id(), json(muchLater));
        RawArticle tooLate = article(
                "https://e.example/old",
                "E",
                "پرانی خبر",
                "اسلام آباد میں پرانا واقعہ پیش آیا " + "جس کی خبر دیر سے آئی۔",
                "2026-11-01T08:10:00Z");
        raw.pipeInput(tooLate.id(), json(tooLate));

        Map<String, TrendRecord> latest = new LinkedHashMap<>();
        trending.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));

        TrendRecord hour8 = latest.get("Q1362|hour|2026-11-01T08:00:00Z");
        TrendRecord day1 = latest.get("Q1362|day|2026-11-01T00:00:00Z");
        assertThat(hour8.articles()).isEqualTo(1); // APP only: the late one at 08:10 came after the grace period
        assertThat(hour8.name()).isEqualTo("Islamabad");
        assertThat(latest.get("Q1362|hour|2026-11-01T09:00:00Z").articles()).isEqualTo(1);
        assertThat(day1.articles()).isEqualTo(2);
        assertThat(day1.mentions()).isGreaterThanOrEqualTo(2);
        assertThat(latest.get("Q1362|day|2026-11-03T00:00:00Z").articles()).isEqualTo(1);
    }

    @Test
    void shouldLeaveTheEnrichedRecordWithoutAStoryWhenStoriesAreOff() {
        start(StorySettings.off());
        raw.pipeInput(APP.id(), json(APP));
        assertThat(latestById().get(APP.id()).storyId()).isNull();
        assertThat(trending.isEmpty()).isTrue();
    }
}
