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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ingest on a real broker: the exact records on the raw and dead-letter topics. */
class IngestIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = SharedBroker.KAFKA;

    @TempDir
    Path dir;

    @Test
    void shouldPublishGoodArticlesKeyedByIdAndDeadLetterTheBadOnes() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "روس کے پیوٹن\n\nوزیر اعظم عمران خان نے کہا۔");
        Files.write(dir.resolve("b.txt"), new byte[] {(byte) 0xC3, (byte) 0x28, 'x'});
        Files.writeString(dir.resolve("c.txt"), "");
        Files.writeString(dir.resolve("d.txt"), "دوسری خبر\n\nاسلام آباد میں بارش۔");

        Map<TopicPartition, Long> rawMark = SharedBroker.mark(Topics.RAW);
        Map<TopicPartition, Long> dlqMark = SharedBroker.mark(Topics.DEAD_LETTER);

        IngestSummary summary = Ingest.run(List.of(new TextFileSource(List.of(dir))), SharedBroker.client());

        assertThat(summary.published()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.problems())
                .anySatisfy(p -> assertThat(p).contains("b.txt").contains("invalid-utf8"))
                .anySatisfy(p -> assertThat(p).contains("c.txt").contains("empty"));

        List<ConsumerRecord<byte[], byte[]>> raw = SharedBroker.readSince(rawMark, 2);
        assertThat(raw).allSatisfy(r -> {
            RawArticle a = JsonSerde.rawArticle().fromBytes(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(a.id());
        });
        assertThat(raw)
                .extracting(r -> JsonSerde.rawArticle().fromBytes(r.value()).title())
                .containsExactlyInAnyOrder("روس کے پیوٹن", "دوسری خبر");

        List<ConsumerRecord<byte[], byte[]>> dlq = SharedBroker.readSince(dlqMark, 2);
        assertThat(dlq)
                .extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON))
                .containsExactlyInAnyOrder("invalid-utf8", "empty");
        assertThat(dlq).allSatisfy(r -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.STAGE)).isEqualTo("ingest");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_LOCATION))
                    .startsWith(dir.toString());
        });
        assertThat(dlq)
                .filteredOn(r -> "invalid-utf8".equals(DeadLetters.header(r.headers(), DeadLetters.REASON)))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).containsExactly((byte) 0xC3, (byte) 0x28, 'x'));
    }
}
