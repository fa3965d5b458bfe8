package io.khabar.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RecordSchemas;
import io.khabar.sink.jsonl.JsonLineBinder;
import io.khabar.sink.jsonl.JsonlTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's contract ({@link SinkContractIT}) with the JSONL target (files in a fresh directory per test), and
 * what only this target does: a record it cannot write as a line is dead-lettered.
 */
class SinkAppJsonlIT extends SinkContractIT {

    @TempDir
    Path dir;

    @Override
    protected SinkConfig.Builder withTarget(SinkConfig.Builder builder) {
        return builder.jsonl(dir);
    }

    @Override
    protected SinkTarget newTarget() {
        return new JsonlTarget(dir, 1 << 20, Duration.ofHours(1));
    }

    /** Every line of every data file, each checked against the enriched record's JSON Schema. */
    @Override
    protected List<EnrichedArticle> stored() throws IOException {
        List<EnrichedArticle> result = new ArrayList<>();
        List<Path> files = JsonlTarget.dataFiles(dir);
        assertThat(files).allMatch(p -> p.toString().endsWith(".jsonl"));
        for (Path p : files) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                RecordSchemas.assertValidEnriched(line.getBytes(StandardCharsets.UTF_8)); // every line the sink wrote
                result.add(JsonLineBinder.parse(line));
            }
        }
        return result;
    }

    /**
     * A record that parses but cannot be written as a JSON line: a version 1 record (upgraded on read) whose mention
     * names a field that is neither title nor body, sent pretty-printed (so the sink cannot copy its bytes as a
     * line and must write the article again, which fails). It is the JSONL target's {@code write-failed} path.
     */
    static byte[] unwritableRecord(EnrichedArticle a) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) io.khabar.model.Json.mapper()
                        .readTree(JsonSerde.enrichedArticle().toBytes(a));
        node.put("schemaVersion", 1);
        com.fasterxml.jackson.databind.node.ObjectNode mention =
                node.putArray("entities").addObject();
        mention.put("type", "PERSON");
        mention.put("text", "عمران خان");
        mention.put("field", "summary");
        mention.put("start", 0);
        mention.put("end", 9);
        mention.put("originalStart", 0);
        mention.put("originalEnd", 9);
        mention.put("method", "GAZETTEER");
        return io.khabar.model.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    }

    @Test
    void shouldDeadLetterARecordItCannotWriteAsALineAndWriteTheOthers() throws IOException {
        String topic = KafkaTestSupport.uniqueTopic("enriched");
        String dlq = KafkaTestSupport.uniqueTopic("dlq");
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, topic, dlq);
        EnrichedArticle bad = TestArticles.numbered(7);
        byte[] unwritable = unwritableRecord(bad);
        assertThat(JsonSerde.enrichedArticle().fromBytes(unwritable).id())
                .as("the record parses: only writing it fails")
                .isEqualTo(bad.id());
        List<EnrichedArticle> before =
                IntStream.range(0, 5).mapToObj(TestArticles::numbered).toList();
        List<EnrichedArticle> after =
                IntStream.range(10, 15).mapToObj(TestArticles::numbered).toList();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            KafkaTestSupport.produce(producer, topic, before); // offsets 0-4
            KafkaTestSupport.produceRaw(producer, topic, bad.id().getBytes(StandardCharsets.UTF_8), unwritable); // 5
            KafkaTestSupport.produce(producer, topic, after); // offsets 6-10
        }
        try (SinkApp sink = SinkApp.start(config(topic, dlq).build())) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sink.positions().getOrDefault(new TopicPartition(topic, 0), 0L) == 11L);
            assertThat(sink.written()).isEqualTo(10);
            assertThat(sink.deadLettered()).isEqualTo(1);
        }
        List<EnrichedArticle> expected = new ArrayList<>(before);
        expected.addAll(after);
        assertThat(stored()).containsExactlyElementsOf(expected);

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), dlq, 1);
        assertThat(dead).hasSize(1);
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.REASON))
                .isEqualTo("write-failed");
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.STAGE)).isEqualTo("sink");
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_OFFSET))
                .isEqualTo("5");
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.ERROR_MESSAGE))
                .contains("cannot write article " + bad.id() + " as a JSON line")
                .contains("summary");
        assertThat(dead.get(0).value()).as("the original bytes").isEqualTo(unwritable);
    }
}
