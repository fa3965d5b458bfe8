package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code khabar status} on a real broker: a stage that is not running and a stage that hangs are named as such. */
class StatusCommandIT {

    @Test
    void shouldSayWhichStageIsNotRunningAndWhichIsHanging() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            broker.createTopics(Topics.definitions(1, (short) 1));
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(Topics.RAW, "r" + i, "{}"));
                }
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(Topics.ENRICHED, "e" + i, "{}"));
                }
            }
            // a "sink" that wrote one record, then hangs: it stays in the group but never commits again
            AtomicBoolean run = new AtomicBoolean(true);
            Properties c = new Properties();
            c.putAll(p);
            c.put("group.id", "khabar-sink");
            c.put("enable.auto.commit", "false");
            c.put("max.poll.records", "1");
            c.put("auto.offset.reset", "earliest");
            Thread hung = new Thread(
                    () -> {
                        try (KafkaConsumer<String, String> consumer =
                                new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                            consumer.subscribe(List.of(Topics.ENRICHED));
                            boolean committed = false;
                            while (run.get()) {
                                if (!consumer.poll(Duration.ofMillis(100)).isEmpty() && !committed) {
                                    consumer.commitSync(
                                            Map.of(new TopicPartition(Topics.ENRICHED, 0), new OffsetAndMetadata(1)));
                                    committed = true;
                                }
                                if (committed) {
                                    consumer.pause(consumer.assignment());
                                }
                            }
                        }
                    },
                    "hung-sink");
            hung.start();
            try {
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> StatusCommand.committed(admin, "khabar-sink")
                                .containsKey(new TopicPartition(Topics.ENRICHED, 0)));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                List<String> problems = StatusCommand.report(
                        admin,
                        "khabar-enrich",
                        Duration.ofSeconds(2),
                        new PrintStream(bytes, true, StandardCharsets.UTF_8));
                String out = bytes.toString(StandardCharsets.UTF_8);
                System.out.println(out);
                assertThat(out)
                        .contains("cluster: 1 broker")
                        .contains(Topics.RAW)
                        .contains("lag total 5")
                        .contains("sink (group khabar-sink): 1 member");
                assertThat(problems)
                        .anySatisfy(s -> assertThat(s)
                                .isEqualTo("enrich group khabar-enrich has no members and lag 5: is enrich running?"));
                assertThat(problems)
                        .anySatisfy(s -> assertThat(s)
                                .startsWith(
                                        "sink group khabar-sink has 1 member(s) and lag 2 but committed nothing in 2 s:"
                                                + " is sink hanging?"));
            } finally {
                run.set(false);
                hung.join();
            }
        }
    }
}
