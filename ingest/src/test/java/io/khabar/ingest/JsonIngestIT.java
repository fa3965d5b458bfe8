package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.DeadLetters;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** JSON and JSON Lines files on a real broker: the exact records on the raw and dead-letter topics. */
class JsonIngestIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = SharedBroker.KAFKA;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldPublishEveryGoodItemKeyedByIdAndDeadLetterTheBadLine() throws Exception {
        Files.writeString(dir.resolve("one.json"), """
                {"title": "روس کے پیوٹن", "body": "ماسکو میں اجلاس ہوا۔", "url": "https://example.com/a?id=7#top",
                 "lang": "ur", "publishedAt": "2021-09-21T09:00:00Z", "section": "دنیا"}""");
        Files.writeString(dir.resolve("more.jsonl"), """
                {"title": "دوسری خبر", "body": "اسلام آباد میں بارش۔"}
                {"title": "تیسری خبر", "body": 42}
                """);
        Map<TopicPartition, Long> raw = SharedBroker.mark(Topics.RAW);
        Map<TopicPartition, Long> dlq = SharedBroker.mark(Topics.DEAD_LETTER);

        IngestSummary summary =
                Ingest.run(List.of(new FileTreeSource(List.of(dir), 1 << 20, clock)), SharedBroker.client());

        assertThat(summary.published()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(1);
        RawArticle first = RawArticle.of(
                "file:" + dir.resolve("one.json"),
                "https://example.com/a?id=7#top",
                "روس کے پیوٹن",
                "ماسکو میں اجلاس ہوا۔",
                "ur",
                Instant.parse("2021-09-21T09:00:00Z"),
                clock.instant(),
                Map.of("section", "دنیا"));
        RawArticle second = RawArticle.of(
                "file:" + dir.resolve("more.jsonl"),
                null,
                "دوسری خبر",
                "اسلام آباد میں بارش۔",
                null,
                null,
                clock.instant(),
                null);
        List<ConsumerRecord<byte[], byte[]>> records = SharedBroker.readSince(raw, 2);
        assertThat(records)
                .extracting(r -> JsonSerde.rawArticle().fromBytes(r.value()))
                .containsExactlyInAnyOrder(first, second);
        assertThat(records)
                .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(JsonSerde.rawArticle().fromBytes(r.value()).id()));
        assertThat(first.id()).isEqualTo("u-" + first.id().substring(2)).startsWith("u-");

        assertThat(SharedBroker.readSince(dlq, 1)).singleElement().satisfies(r -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("invalid-field");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_LOCATION))
                    .isEqualTo(dir.resolve("more.jsonl") + ":2");
            assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"title\": \"تیسری خبر\", \"body\": 42}");
        });
    }
}
