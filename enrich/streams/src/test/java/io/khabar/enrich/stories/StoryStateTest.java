package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.ArticleEntities;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story stage's state handling on TopologyTestDriver: {@code story-sign} and {@code story-resolve} with their two
 * stores (the article written once, the small reply state per reply), fed band replies by hand so that order,
 * duplicates, corrections and a restore from the changelogs can be chosen.
 */
class StoryStateTest {

    private static final String APP_ID = "story-state-test";
    private static final MinHash MIN_HASH = StorySettings.defaults().minHash();
    private static final int BANDS = MIN_HASH.bands();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final JsonSerde<StoryMessage> MESSAGES = JsonSerde.of(StoryMessage.class);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> articles;
    private TestInputTopic<String, StoryMessage> replies;
    private TestOutputTopic<String, StoryMessage> entries;
    private TestOutputTopic<String, EnrichedArticle> out;
    /** Shared by the two stages, as StoryTopology shares one between them. */
    private final WaitingArticles waiting = new WaitingArticles();

    /**
     * The two stages with their stores; {@code previous}: with the JSON replies and state of the version before
     * the binary forms (as a changelog and a repartition written before the upgrade hold them).
     */
    private static Topology topology(boolean previous, WaitingArticles waiting) {
        Serde<StoryState> stateSerde = previous ? JsonSerde.of(StoryState.class) : new StoryStateSerde();
        Topology t = new Topology();
        t.addSource(
                "articles",
                new StringDeserializer(),
                JsonSerde.enrichedArticle().deserializer(),
                "articles");
        t.addProcessor(
                "sign",
                () -> new StoryProcessors.Sign(
                        MIN_HASH, StoryTopology.STATE_STORE, StoryTopology.ARTICLE_STORE, waiting),
                "articles");
        t.addSink("entries", "entries", new StringSerializer(), MESSAGES.serializer(), "sign");
        t.addSource("replies", new StringDeserializer(), replySerde(previous).deserializer(), "replies");
        t.addProcessor(
                "resolve",
                () -> new StoryProcessors.Resolve(StoryTopology.STATE_STORE, StoryTopology.ARTICLE_STORE, waiting),
                "replies");
        t.addSink(
                "out",
                "out",
                new StringSerializer(),
                JsonSerde.enrichedArticle().serializer(),
                "resolve");
        Duration retention = StorySettings.defaults().retention();
        t.addStateStore(
                Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(StoryTopology.STATE_STORE, retention, Duration.ofMillis(1), false),
                        Serdes.String(),
                        stateSerde),
                "sign",
                "resolve");
        t.addStateStore(
                Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                StoryTopology.ARTICLE_STORE, retention, Duration.ofMillis(1), false),
                        Serdes.String(),
                        JsonSerde.of(StoryArticle.class)),
                "sign",
                "resolve");
        return t;
    }

    /** The serde of the replies' repartition: this version's, or the JSON of the version before it. */
    private static Serde<StoryMessage> replySerde(boolean previous) {
        return previous ? MESSAGES : new StoryReplySerde();
    }

    private void start(String dir) {
        start(dir, false);
    }

    private void start(String dir, boolean previous) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(dir).toString());
        driver = new TopologyTestDriver(topology(previous, waiting), p);
        articles = driver.createInputTopic(
                "articles", new StringSerializer(), JsonSerde.enrichedArticle().serializer(), T0, Duration.ZERO);
        replies = driver.createInputTopic(
                "replies", new StringSerializer(), replySerde(previous).serializer(), T0, Duration.ofMillis(1));
        entries = driver.createOutputTopic("entries", new StringDeserializer(), MESSAGES.deserializer());
        out = driver.createOutputTopic(
                "out", new StringDeserializer(), JsonSerde.enrichedArticle().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    static EnrichedArticle article(String url, String body, Instant published) {
        RawArticle raw = RawArticle.of("test", url, "خبر", body, "ur", published, T0, Map.of(), "Outlet");
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                raw.title(),
                raw.body(),
                "ur",
                1.0,
                1,
                raw.body().split(" ").length,
                ArticleEntities.group(List.of(), ArticleEntities.FALLBACK_KEYS),
                "test",
                Instant.EPOCH);
    }

    private static final EnrichedArticle A = article(
            "https://a.example/1",
            "لاہور میں آج شدید بارش ہوئی اور کئی علاقوں میں پانی جمع ہو گیا جس سے ٹریفک کا نظام درہم برہم رہا",
            Instant.parse("2026-11-01T09:00:00Z"));

    private static final StoryMessage.Candidate EARLY = new StoryMessage.Candidate("early", 1_000L, 0.61);
    private static final StoryMessage.Candidate EARLIER = new StoryMessage.Candidate("earlier", 500L, 0.44);
    private static final StoryMessage.Candidate LATE = new StoryMessage.Candidate(
            "late", Instant.parse("2026-11-02T00:00:00Z").toEpochMilli(), 0.9);

    /** Sends the article in; returns its story version as its ENTRIES message (one for all bands) carries it. */
    private String arrive(EnrichedArticle a) {
        RecordHeaders h = new RecordHeaders();
        h.add("khabar.source", "test".getBytes(StandardCharsets.UTF_8));
        articles.pipeInput(new TestRecord<>(a.id(), a, h, a.article().publishedAt()));
        List<StoryMessage> sent = entries.readValuesToList();
        assertThat(sent).hasSize(1).allSatisfy(m -> assertThat(m.kind()).isEqualTo(StoryMessage.Kind.ENTRIES));
        return sent.get(0).hash();
    }

    private void reply(EnrichedArticle a, String version, int band, StoryMessage.Candidate... similar) {
        replies.pipeInput(
                a.id(),
                new StoryMessage(
                        StoryMessage.Kind.REPLY, a.id(), version, eventTime(a), band, 0, null, List.of(similar), null));
    }

    /** A REPLY for the bands of {@code mask}, as one band partition sends it. */
    private void replyFor(EnrichedArticle a, String version, long mask, StoryMessage.Candidate... similar) {
        replies.pipeInput(
                a.id(),
                new StoryMessage(
                        StoryMessage.Kind.REPLY,
                        a.id(),
                        version,
                        eventTime(a),
                        null,
                        0,
                        null,
                        List.of(similar),
                        null,
                        null,
                        mask));
    }

    private void correct(EnrichedArticle a, String version, StoryMessage.Candidate earlier) {
        replies.pipeInput(
                a.id(),
                new StoryMessage(
                        StoryMessage.Kind.CORRECTION,
                        a.id(),
                        version,
                        eventTime(a),
                        null,
                        null,
                        null,
                        List.of(earlier),
                        null));
    }

    private static long eventTime(EnrichedArticle a) {
        return a.article().publishedAt().toEpochMilli();
    }

    private List<byte[]> changelogValues(String store) {
        List<byte[]> values = new ArrayList<>();
        driver.createOutputTopic(
                        APP_ID + "-" + store + "-changelog", new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList()
                .forEach(r -> values.add(r.value()));
        return values;
    }

    @Test
    void shouldWriteTheArticleOnceAndOnlyTheSmallStatePerReply() {
        start("once");
        String v = arrive(A);
        for (int b = 0; b < BANDS; b++) {
            reply(A, v, b, b == 5 ? EARLY : LATE);
        }

        assertThat(out.readValuesToList()).hasSize(1);
        List<byte[]> logged = changelogValues(StoryTopology.ARTICLE_STORE);
        assertThat(logged).hasSize(1);
        assertThat(new String(logged.get(0), StandardCharsets.UTF_8)).contains(A.body());
        List<byte[]> states = changelogValues(StoryTopology.STATE_STORE);
        assertThat(states).hasSize(1 + BANDS); // the waiting state, then one per reply
        assertThat(states).allSatisfy(s -> {
            assertThat(s.length).isLessThan(256);
            assertThat(new String(s, StandardCharsets.UTF_8)).doesNotContain("لاہور");
        });
    }

    /**
     * One REPLY per band partition names the bands it answers in a mask: the article is emitted once every band is
     * answered, with the earliest candidate; a reply for bands already answered (a retry, or a partition's reply
     * delivered twice) writes nothing and emits nothing.
     */
    @Test
    void shouldEmitOnceEveryBandOfTheMasksHasRepliedAndIgnoreARepeatedMask() {
        start("masks");
        String v = arrive(A);
        long all = (1L << BANDS) - 1;
        long first = 0x55_5555L & all; // the bands of three partitions, interleaved as band keys hash
        long second = 0x0A_AAAAL & all;
        long third = all & ~first & ~second;
        assertThat(third).isNotZero();
        replyFor(A, v, first, LATE);
        replyFor(A, v, second, EARLY);
        assertThat(changelogValues(StoryTopology.STATE_STORE)).hasSize(3); // waiting, then one per reply
        replyFor(A, v, second, EARLY); // the same reply again
        replyFor(A, v, first | second);
        assertThat(changelogValues(StoryTopology.STATE_STORE))
                .as("a reply for bands already answered, with nothing new, writes nothing")
                .isEmpty();
        assertThat(out.isEmpty()).as("emitted before every band replied").isTrue();
        replyFor(A, v, third);

        List<EnrichedArticle> emitted = out.readValuesToList();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).storyId()).isEqualTo("early");
        assertThat(emitted.get(0).storySimilarity()).isEqualTo(0.61);
        replyFor(A, v, third);
        assertThat(out.isEmpty()).as("a repeated last reply emits nothing").isTrue();
    }

    @Test
    void shouldEmitOnceWithTheEarliestCandidateWhateverOrderTheRepliesArriveIn() {
        start("order");
        String v = arrive(A);
        for (int b = BANDS - 1; b >= 0; b--) { // bands backwards; the earliest candidate in the middle
            StoryMessage.Candidate[] c = b == 3
                    ? new StoryMessage.Candidate[] {EARLY, LATE}
                    : b == 17 ? new StoryMessage.Candidate[] {EARLIER} : new StoryMessage.Candidate[0];
            reply(A, v, b, c);
            if (b > 0) {
                assertThat(out.isEmpty())
                        .as("emitted before every band replied")
                        .isTrue();
            }
        }

        List<TestRecord<String, EnrichedArticle>> emitted = out.readRecordsToList();
        assertThat(emitted).hasSize(1);
        EnrichedArticle e = emitted.get(0).value();
        assertThat(e.storyId()).isEqualTo("earlier");
        assertThat(e.storySimilarity()).isEqualTo(0.44);
        assertThat(e.body()).isEqualTo(A.body());
        assertThat(emitted.get(0).timestamp()).isEqualTo(eventTime(A));
        assertThat(emitted.get(0).headers().lastHeader("khabar.source")).isNotNull();
        assertThat(emitted.get(0).headers().lastHeader(StoryProcessors.CORRECTION_HEADER))
                .isNull();
    }

    @Test
    void shouldNotCountADuplicateReplyTwice() {
        start("duplicates");
        String v = arrive(A);
        for (int b = 0; b < BANDS - 1; b++) {
            reply(A, v, b);
            reply(A, v, b); // as after a retry without exactly-once
        }
        assertThat(out.isEmpty()).as("emitted with one band still missing").isTrue();
        int statesBefore = changelogValues(StoryTopology.STATE_STORE).size();
        reply(A, v, 0); // a third copy: nothing changes, nothing is written
        assertThat(changelogValues(StoryTopology.STATE_STORE)).isEmpty();
        assertThat(statesBefore).isEqualTo(1 + BANDS - 1);

        reply(A, v, BANDS - 1, EARLY);
        List<EnrichedArticle> emitted = out.readValuesToList();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).storyId()).isEqualTo("early");
    }

    @Test
    void shouldReEmitOnlyWhenACorrectionAfterEmissionFindsAnEarlierStory() {
        start("correction");
        String v = arrive(A);
        for (int b = 0; b < BANDS; b++) {
            reply(A, v, b, b == 0 ? EARLY : LATE);
        }
        assertThat(out.readValuesToList())
                .singleElement()
                .satisfies(e -> assertThat(e.storyId()).isEqualTo("early"));

        correct(A, v, LATE); // later than the story: no change
        correct(A, v, EARLY); // the same story again: no change
        assertThat(out.isEmpty()).isTrue();
        correct(A, v, EARLIER);
        List<TestRecord<String, EnrichedArticle>> again = out.readRecordsToList();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).value().storyId()).isEqualTo("earlier");
        assertThat(again.get(0).value().body()).isEqualTo(A.body());
        assertThat(again.get(0).headers().lastHeader(StoryProcessors.CORRECTION_HEADER))
                .isNotNull();
        assertThat(again.get(0).timestamp()).isEqualTo(eventTime(A));
        // a late duplicate of a band reply after emission is no correction
        reply(A, v, 4, EARLY);
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreRepliesForAnOlderVersionOfTheArticle() {
        start("versions");
        String v1 = arrive(A);
        EnrichedArticle a2 = new EnrichedArticle(
                A.schemaVersion(),
                A.id(),
                "sha256:ffffffffffffffff0000",
                A.article(),
                A.title(),
                A.body() + " مزید تفصیلات",
                A.language(),
                A.languageConfidence(),
                A.sentenceCount(),
                A.tokenCount(),
                A.entities(),
                A.enricherVersion(),
                A.enrichedAt());
        String v2 = arrive(a2);
        assertThat(v2).isNotEqualTo(v1).isEqualTo("ffffffffffffffff");
        for (int b = 0; b < BANDS; b++) {
            reply(A, v1, b, EARLY);
        }
        assertThat(out.isEmpty())
                .as("replies for the old version complete nothing")
                .isTrue();
        for (int b = 0; b < BANDS; b++) {
            reply(a2, v2, b);
        }
        assertThat(out.readValuesToList()).singleElement().satisfies(e -> {
            assertThat(e.body()).endsWith("مزید تفصیلات");
            assertThat(e.storyId()).isEqualTo(A.id());
            assertThat(e.storySimilarity()).isEqualTo(1.0);
        });
    }

    /**
     * The first emission uses the article as {@code story-sign} wrote it, without reading it back from the store; once
     * the task has closed (a restart, a rebalance), its articles come from the store. The store's copy is marked here
     * (a header only it has) to tell the two apart.
     */
    @Test
    void shouldEmitTheArticleSignWroteWithoutReadingItBackAndReadTheStoreAfterARestart() {
        start("waiting");
        long all = (1L << BANDS) - 1;
        String v = arrive(A);
        markTheStoredCopy(A);
        replyFor(A, v, all);
        List<TestRecord<String, EnrichedArticle>> first = out.readRecordsToList();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).headers().lastHeader("khabar.test.copy"))
                .as("read back from the store")
                .isNull();
        assertThat(first.get(0).value().body()).isEqualTo(A.body());

        EnrichedArticle b = article("https://b.example/2", A.body() + " اور شام تک بارش جاری رہی", T0);
        String vb = arrive(b);
        List<TestRecord<byte[], byte[]>> stateLog = changelog(StoryTopology.STATE_STORE);
        List<TestRecord<byte[], byte[]>> articleLog = changelog(StoryTopology.ARTICLE_STORE);
        driver.close();
        assertThat(waiting.tasks()).as("a closed task keeps no articles").isZero();
        start("restarted");
        restore(StoryTopology.STATE_STORE, stateLog);
        restore(StoryTopology.ARTICLE_STORE, articleLog);
        markTheStoredCopy(b);
        replyFor(b, vb, all);
        List<TestRecord<String, EnrichedArticle>> after = out.readRecordsToList();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).headers().lastHeader("khabar.test.copy"))
                .as("from the store")
                .isNotNull();
        assertThat(after.get(0).value().body()).isEqualTo(b.body());
    }

    /** Rewrites the article's entry in the article store with one more lineage header, {@code khabar.test.copy}. */
    private void markTheStoredCopy(EnrichedArticle a) {
        WindowStore<String, StoryArticle> store = driver.getWindowStore(StoryTopology.ARTICLE_STORE);
        try (WindowStoreIterator<StoryArticle> it = store.fetch(a.id(), 0L, Long.MAX_VALUE)) {
            KeyValue<Long, StoryArticle> e = it.next();
            Map<String, String> headers = new java.util.LinkedHashMap<>(e.value.headers());
            headers.put("khabar.test.copy", "store");
            store.put(a.id(), new StoryArticle(e.value.hash(), e.value.timestamp(), headers, e.value.article()), e.key);
        }
    }

    /**
     * A restart half-way: the second instance's stores hold only what the first one's changelogs carried (what
     * Kafka Streams restores), and the article still comes out whole, once, with the story found before the restart.
     */
    @Test
    void shouldFinishFromTheRestoredChangelogsAfterARestart() {
        String v = halfWayThenRestart(false);
        reply(A, v, 0, EARLY); // one reply processed again (its offset was not committed): counted once
        for (int b = BANDS / 2; b < BANDS; b++) {
            assertThat(out.isEmpty()).isTrue();
            reply(A, v, b);
        }

        assertEmittedOnceWithTheStoryFoundBeforeTheRestart();
    }

    /**
     * Sends A in and half its band replies (band 2 naming {@link #EARLY}), then starts a second instance whose stores
     * hold only what the first one's changelogs carried (what Kafka Streams restores); {@code previous}: the first
     * instance is the version before the binary replies and state. Returns A's story version.
     */
    private String halfWayThenRestart(boolean previous) {
        start("first", previous);
        String v = arrive(A);
        for (int b = 0; b < BANDS / 2; b++) {
            reply(A, v, b, b == 2 ? EARLY : LATE);
        }
        assertThat(out.isEmpty()).isTrue();
        List<TestRecord<byte[], byte[]>> stateLog = changelog(StoryTopology.STATE_STORE);
        List<TestRecord<byte[], byte[]>> articleLog = changelog(StoryTopology.ARTICLE_STORE);
        assertThat(stateLog)
                .as("the state in the changelog")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()[0]).isEqualTo(previous ? (byte) '{' : (byte) 0x07));
        driver.close();

        start("second");
        restore(StoryTopology.STATE_STORE, stateLog);
        restore(StoryTopology.ARTICLE_STORE, articleLog);
        return v;
    }

    private void assertEmittedOnceWithTheStoryFoundBeforeTheRestart() {
        List<TestRecord<String, EnrichedArticle>> emitted = out.readRecordsToList();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).value().storyId()).isEqualTo("early");
        assertThat(emitted.get(0).value().body()).isEqualTo(A.body());
        assertThat(emitted.get(0).headers().lastHeader("khabar.source")).isNotNull();
    }

    private List<TestRecord<byte[], byte[]>> changelog(String store) {
        return driver.createOutputTopic(
                        APP_ID + "-" + store + "-changelog", new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /**
     * Puts changelog records into the new driver's store as Kafka Streams' restore does: the bytes as they are, into
     * the store under its serde and its changelogging (so a changelog of the previous version puts JSON there, and
     * the restore logs nothing). A window store's changelog key is the record key, then the window start (8 bytes),
     * then a sequence number (4 bytes).
     */
    @SuppressWarnings("unchecked")
    private void restore(String store, List<TestRecord<byte[], byte[]>> log) {
        StateStore inner = driver.getWindowStore(store);
        while (inner instanceof WrappedStateStore<?, ?, ?> w && w.wrapped() instanceof WindowStore<?, ?>) {
            inner = w.wrapped();
        }
        WindowStore<Bytes, byte[]> bytes = (WindowStore<Bytes, byte[]>) inner;
        for (TestRecord<byte[], byte[]> r : log) {
            byte[] k = r.key();
            long start = ByteBuffer.wrap(k, k.length - 12, 8).getLong();
            bytes.put(Bytes.wrap(java.util.Arrays.copyOf(k, k.length - 12)), r.value(), start);
        }
    }

    /**
     * The upgrade to the binary replies and state: the previous version's changelog holds the article's state as
     * JSON and it left JSON replies on the repartition; restored into this version, they are read, the state is
     * rewritten in the binary form, and the article comes out once with the story found before the upgrade.
     */
    @Test
    void shouldFinishAnArticleWhoseStateAndRepliesThePreviousVersionWroteAsJson() {
        String v = halfWayThenRestart(true);
        TestInputTopic<String, byte[]> left =
                driver.createInputTopic("replies", new StringSerializer(), new ByteArraySerializer());
        // a reply of the previous version still on the repartition, as JSON
        left.pipeInput(
                A.id(),
                MESSAGES.toBytes(new StoryMessage(
                        StoryMessage.Kind.REPLY, A.id(), v, eventTime(A), BANDS / 2, 0, null, List.of(LATE), null)));
        for (int b = BANDS / 2 + 1; b < BANDS; b++) {
            reply(A, v, b);
        }

        assertEmittedOnceWithTheStoryFoundBeforeTheRestart();
        assertThat(changelog(StoryTopology.STATE_STORE))
                .as("the state, rewritten by this version")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()[0]).isEqualTo((byte) 0x07));
    }

    @Test
    void shouldCarryTheSignatureAsBase64AndReadTheOlderNumberArray() {
        int[] sig = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 123_456};
        StoryMessage m = new StoryMessage(StoryMessage.Kind.ENTRY, "id", "v", 1L, null, null, sig, null, null);
        String json = new String(MESSAGES.toBytes(m), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("[").contains("\"sig\":\"");
        assertThat(MESSAGES.fromBytes(json.getBytes(StandardCharsets.UTF_8)).sig())
                .containsExactly(sig);
        String older = "{\"kind\":\"ENTRY\",\"id\":\"id\",\"hash\":\"v\",\"order\":1,\"sig\":[0,-1,2147483647]}";
        assertThat(MESSAGES.fromBytes(older.getBytes(StandardCharsets.UTF_8)).sig())
                .containsExactly(0, -1, Integer.MAX_VALUE);
    }

    /**
     * Replies go to the partition whose task holds the article's state (its enriched record's partition, which is
     * the raw partition, not a hash of the id): HostileRawTopicIT and EnrichCrashIT lost articles produced to a
     * raw partition other than the id's hash when replies were routed by hash.
     */
    @Test
    void shouldRouteRepliesToThePartitionThatHoldsTheArticlesState() {
        StoryProcessors.ByStatePartition p = new StoryProcessors.ByStatePartition();
        StoryMessage reply = new StoryMessage(StoryMessage.Kind.REPLY, "id", "v", 1L, 3, 2, null, List.of(), null);
        assertThat(p.partitions("t", "id", reply, null, 3)).contains(java.util.Set.of(2));
        StoryMessage older = new StoryMessage(StoryMessage.Kind.REPLY, "id", "v", 1L, 3, null, null, List.of(), null);
        assertThat(p.partitions("t", "id", older, null, 3)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.partitions("t", "id", reply, null, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("as many as the raw topic");
    }

    @Test
    void shouldSendTheEntriesWithThePartitionOfTheArticle() {
        start("partition");
        articles.pipeInput(
                new TestRecord<>(A.id(), A, new RecordHeaders(), A.article().publishedAt()));
        assertThat(entries.readValuesToList())
                .allSatisfy(m -> assertThat(m.partition()).isEqualTo(0));
    }
}
