package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.DeadLetters;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest on a real broker: the exact records on the raw and dead-letter topics. */
class IngestIT {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        try (Admin admin = Admin.create(client())) {
            Topics.ensureExist(admin, 3, (short) 1);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Properties client() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    @Test
    void shouldPublishGoodArticlesKeyedByIdAndDeadLetterTheBadOnes() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "روس کے پیوٹن\n\nوزیر اعظم عمران خان نے کہا۔");
        Files.write(dir.resolve("b.txt"), new byte[] {(byte) 0xC3, (byte) 0x28, 'x'});
        Files.writeString(dir.resolve("c.txt"), "");
        Files.writeString(dir.resolve("d.txt"), "دوسری خبر\n\nاسلام آباد میں بارش۔");

        IngestSummary summary = Ingest.run(List.of(new TextFileSource(List.of(dir))), client());

        assertThat(summary.published()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.problems()).anySatisfy(p -> assertThat(p).contains("b.txt").contains("invalid-utf8"))
                .anySatisfy(p -> assertThat(p).contains("c.txt").contains("empty"));

        List<ConsumerRecord<byte[], byte[]>> raw = readAll(Topics.RAW, 2);
        assertThat(raw).allSatisfy(r -> {
            RawArticle a = JsonSerde.rawArticle().fromBytes(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(a.id());
        });
        assertThat(raw).extracting(r -> JsonSerde.rawArticle().fromBytes(r.value()).title())
                .containsExactlyInAnyOrder("روس کے پیوٹن", "دوسری خبر");

        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(Topics.DEAD_LETTER, 2);
        assertThat(dlq).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON))
                .containsExactlyInAnyOrder("invalid-utf8", "empty");
        assertThat(dlq).allSatisfy(r -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.STAGE)).isEqualTo("ingest");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_LOCATION)).startsWith(dir.toString());
        });
        assertThat(dlq).filteredOn(r -> "invalid-utf8".equals(DeadLetters.header(r.headers(), DeadLetters.REASON)))
                .singleElement().satisfies(r -> assertThat(r.value()).containsExactly((byte) 0xC3, (byte) 0x28, 'x'));
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = client();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // one more poll: nothing beyond what is expected
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
