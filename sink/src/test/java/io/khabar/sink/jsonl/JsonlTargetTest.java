package io.khabar.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.EnrichedArticle;
import io.khabar.sink.Batch;
import io.khabar.sink.SinkException;
import io.khabar.sink.SinkRecord;
import io.khabar.sink.StalePositionException;
import io.khabar.sink.TestArticles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTargetTest {

    private static final String TOPIC = "enriched";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final SinkTarget_Rejects NO_REJECTS = new SinkTarget_Rejects();

    @TempDir
    Path dir;

    private final Map<TopicPartition, Long> stored = new HashMap<>();

    /** Fails the test if the target rejects anything. */
    static final class SinkTarget_Rejects implements io.khabar.sink.SinkTarget.Rejects {
        @Override
        public void reject(SinkRecord record, String reason, String message, Throwable error) {
            throw new AssertionError("unexpected reject of " + record.where() + ": " + message);
        }
    }

    private JsonlTarget open(long rollBytes, Clock clock) {
        JsonlTarget t = new JsonlTarget(dir, rollBytes, Duration.ofHours(1), clock);
        t.open(TOPIC, "g");
        stored.clear();
        stored.putAll(t.storedPositions());
        return t;
    }

    /**
     * A fixed clock, not the wall clock: file names carry the UTC date and a new day rolls the file, so a test running
     * across midnight would see a second file (articles-…-000001 of the next day instead of -000002).
     */
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private JsonlTarget open() {
        return open(1 << 20, NOON);
    }

    /** Writes articles first..last (inclusive) on partition p, offset = article number. */
    private int write(JsonlTarget t, int partition, int first, int last) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            records.add(new SinkRecord(TOPIC, partition, i, TestArticles.numbered(i)));
        }
        TopicPartition tp = new TopicPartition(TOPIC, partition);
        Map<TopicPartition, Long> expected = stored.containsKey(tp) ? Map.of(tp, stored.get(tp)) : Map.of();
        int n = t.write(new Batch(records, expected, Map.of(tp, (long) last + 1)), NO_REJECTS);
        stored.put(tp, (long) last + 1);
        return n;
    }

    private List<EnrichedArticle> readAll() throws IOException {
        List<EnrichedArticle> result = new ArrayList<>();
        for (Path p : JsonlTarget.dataFiles(dir)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                result.add(JsonLineBinder.parse(line));
            }
        }
        return result;
    }

    private List<String> fileNames() throws IOException {
        return JsonlTarget.dataFiles(dir).stream()
                .map(p -> p.getFileName().toString())
                .toList();
    }

    @Test
    void shouldKeepEveryLineParseableWhenAnArticleHoldsAnUnpairedSurrogate() throws IOException {
        JsonlTarget t = open();
        EnrichedArticle good = TestArticles.numbered(1);
        EnrichedArticle a = TestArticles.numbered(2);
        // an unpaired surrogate parses from "\ud800" in JSON and has no UTF-8 form: the line must still be one line of
        // JSON
        EnrichedArticle bad = new EnrichedArticle(
                a.schemaVersion(),
                a.id(),
                a.contentHash(),
                a.article(),
                "سرخی \ud800",
                a.body(),
                a.language(),
                a.languageConfidence(),
                a.sentenceCount(),
                a.tokenCount(),
                a.entities(),
                a.enricherVersion(),
                a.enrichedAt(),
                a.outlet(),
                a.storyId(),
                a.storySimilarity());
        List<String> rejected = new ArrayList<>();
        List<SinkRecord> records = List.of(
                new SinkRecord(TOPIC, 0, 0, good),
                new SinkRecord(TOPIC, 0, 1, bad),
                new SinkRecord(TOPIC, 0, 2, TestArticles.numbered(3)));

        int n = t.write(
                new Batch(records, Map.of(), Map.of(P0, 3L)),
                (record, reason, message, error) -> rejected.add(record.offset() + " " + reason + " " + message));

        assertThat(rejected).isEmpty();
        assertThat(n).isEqualTo(3);
        assertThat(readAll())
                .extracting(EnrichedArticle::id)
                .containsExactly(good.id(), a.id(), TestArticles.numbered(3).id());
        assertThat(t.storedPositions()).containsEntry(P0, 3L);
    }

    @Test
    void shouldWriteOneLinePerArticleAndStoreThePositions() throws IOException {
        try (JsonlTarget t = open()) {
            assertThat(write(t, 0, 0, 9)).isEqualTo(10);
            assertThat(write(t, 1, 0, 4)).isEqualTo(5);
            assertThat(t.storedPositions()).containsOnly(Map.entry(P0, 10L), Map.entry(P1, 5L));
        }
        assertThat(readAll()).hasSize(15).first().isEqualTo(TestArticles.numbered(0));
        try (JsonlTarget t = open()) {
            assertThat(t.storedPositions()).containsOnly(Map.entry(P0, 10L), Map.entry(P1, 5L));
        }
    }

    @Test
    void shouldCompleteTheFileOnCloseWithADatedName() throws IOException {
        try (JsonlTarget t = open()) {
            write(t, 0, 0, 2);
            assertThat(fileNames())
                    .singleElement()
                    .asString()
                    .matches("articles-\\d{4}-\\d{2}-\\d{2}-000001\\.jsonl\\.inprogress");
        }
        assertThat(fileNames()).singleElement().asString().matches("articles-\\d{4}-\\d{2}-\\d{2}-000001\\.jsonl");
        try (JsonlTarget t = open()) {
            write(t, 0, 3, 4);
        }
        assertThat(fileNames()).hasSize(2).last().asString().endsWith("-000002.jsonl");
        assertThat(readAll()).extracting(EnrichedArticle::id).containsExactly(ids(0, 4));
    }

    @Test
    void shouldWriteUrduByteExactAndUnescaped() throws IOException {
        EnrichedArticle seed = TestArticles.seed();
        try (JsonlTarget t = open()) {
            t.write(new Batch(List.of(new SinkRecord(TOPIC, 0, 0, seed)), Map.of(), Map.of(P0, 1L)), NO_REJECTS);
        }
        byte[] bytes = Files.readAllBytes(JsonlTarget.dataFiles(dir).get(0));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text)
                .doesNotContain("\\u")
                .contains(seed.title())
                .contains(seed.body().substring(0, seed.body().indexOf('\n')));
        assertThat(text).endsWith("\n").hasLineCount(1);
        EnrichedArticle back = JsonLineBinder.parse(text.strip());
        assertThat(back).isEqualTo(seed);
        assertThat(back.body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(seed.body().getBytes(StandardCharsets.UTF_8));
        assertThat(back.entities()).extracting(e -> e.text()).containsExactly("پیوٹن", "عمران خان");
    }

    @Test
    void shouldTruncateATornTailAfterACrash() throws IOException {
        JsonlTarget t = open();
        write(t, 0, 0, 9);
        Path inProgress = JsonlTarget.dataFiles(dir).get(0);
        long committed = Files.size(inProgress);
        // A crash in the middle of the next batch: half a line appended, state not stored.
        Files.write(
                inProgress,
                "{\"schemaVersion\":1,\"id\":\"half".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        t.abandon();

        try (JsonlTarget again = open()) {
            assertThat(Files.size(inProgress)).isEqualTo(committed);
            assertThat(again.storedPositions()).containsOnly(Map.entry(P0, 10L));
            write(again, 0, 10, 12);
        }
        assertThat(readAll()).extracting(EnrichedArticle::id).containsExactly(ids(0, 12));
    }

    @Test
    void shouldDropWholeLinesWrittenAfterTheLastCommit() throws IOException {
        JsonlTarget t = open();
        write(t, 0, 0, 4);
        Path inProgress = JsonlTarget.dataFiles(dir).get(0);
        // Complete lines that were fsynced but whose positions were never stored: they will be read again.
        Files.write(inProgress, JsonLineBinder.line(TestArticles.numbered(5)), StandardOpenOption.APPEND);
        t.abandon();
        try (JsonlTarget again = open()) {
            assertThat(again.storedPositions()).containsOnly(Map.entry(P0, 5L));
            write(again, 0, 5, 6);
        }
        assertThat(readAll()).extracting(EnrichedArticle::id).containsExactly(ids(0, 6));
    }

    @Test
    void shouldRollBySizeAndRecoverFromACrashDuringARoll() throws IOException {
        JsonlTarget t = open(1000, NOON); // every batch of 300-byte articles exceeds 1000 bytes
        write(t, 0, 0, 3);
        write(t, 0, 4, 7);
        assertThat(fileNames()).hasSize(2);
        assertThat(fileNames().get(0)).endsWith("-000001.jsonl");
        assertThat(fileNames().get(1)).endsWith("-000002.jsonl.inprogress");
        // Crash just after the next roll created file 3 and wrote to it, before its state was stored.
        Path completed2 = dir.resolve(fileNames().get(1).replace(JsonlTarget.IN_PROGRESS, ""));
        Files.move(JsonlTarget.dataFiles(dir).get(1), completed2);
        Path orphan = dir.resolve(fileNames().get(0).replace("-000001.jsonl", "-000003.jsonl.inprogress"));
        Files.write(orphan, JsonLineBinder.line(TestArticles.numbered(8)));
        t.abandon();

        try (JsonlTarget again = open(1000, NOON)) {
            assertThat(Files.exists(orphan)).as("uncommitted file deleted").isFalse();
            assertThat(again.storedPositions()).containsOnly(Map.entry(P0, 8L));
            write(again, 0, 8, 9);
        }
        assertThat(readAll()).extracting(EnrichedArticle::id).containsExactly(ids(0, 9));
        assertThat(fileNames()).allMatch(n -> n.endsWith(".jsonl"));
    }

    @Test
    void shouldRollAtANewUtcDay() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T23:59:00Z"));
        try (JsonlTarget t = open(1 << 20, clock)) {
            write(t, 0, 0, 1);
            clock.now = Instant.parse("2026-11-29T00:00:10Z");
            write(t, 0, 2, 3);
        }
        assertThat(fileNames()).containsExactly("articles-2026-11-28-000001.jsonl", "articles-2026-11-29-000001.jsonl");
    }

    @Test
    void shouldRefuseABatchThatDoesNotStartAtTheStoredPosition() {
        try (JsonlTarget t = open()) {
            write(t, 0, 0, 4);
            Batch stale = new Batch(
                    List.of(new SinkRecord(TOPIC, 0, 2, TestArticles.numbered(2))), Map.of(P0, 2L), Map.of(P0, 3L));
            assertThatThrownBy(() -> t.write(stale, NO_REJECTS))
                    .isInstanceOf(StalePositionException.class)
                    .hasMessageContaining("holds position 5");
            assertThat(t.storedPositions()).containsOnly(Map.entry(P0, 5L));
        }
    }

    @Test
    void shouldStorePositionsOfSkippedRecordsWithoutWritingLines() throws IOException {
        try (JsonlTarget t = open()) {
            int n = t.write(
                    new Batch(List.of(new SinkRecord(TOPIC, 0, 7, null)), Map.of(), Map.of(P0, 8L)), NO_REJECTS);
            assertThat(n).isZero();
            assertThat(t.storedPositions()).containsOnly(Map.entry(P0, 8L));
        }
        assertThat(fileNames()).isEmpty();
    }

    @Test
    void shouldAllowOnlyOneSinkPerDirectory() {
        try (JsonlTarget first = open()) {
            assertThat(first.storedPositions()).isEmpty();
            JsonlTarget second = new JsonlTarget(dir, 1000, Duration.ofHours(1));
            assertThatThrownBy(() -> second.open(TOPIC, "g"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("another sink is writing to");
        }
    }

    @Test
    void shouldRefuseADirectoryOfAnotherTopic() {
        try (JsonlTarget t = open()) {
            write(t, 0, 0, 0);
        }
        JsonlTarget other = new JsonlTarget(dir, 1000, Duration.ofHours(1));
        assertThatThrownBy(() -> other.open("other-topic", "g"))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("holds records of topic enriched");
    }

    private static String[] ids(int first, int last) {
        String[] ids = new String[last - first + 1];
        for (int i = first; i <= last; i++) {
            ids[i - first] = TestArticles.numbered(i).id();
        }
        return ids;
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
