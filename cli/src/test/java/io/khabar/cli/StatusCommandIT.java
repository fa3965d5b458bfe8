package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.enrich.EntityMemory;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code khabar status} on a real broker: a stage that is not running and a stage that hangs are named as such. */
class StatusCommandIT {

    @Test
    void shouldSayWhichStageIsNotRunningAndWhichIsHanging() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>(Topics.definitions(1, (short) 1));
            topics.add(EntityMemory.topic(1, (short) 1)); // as enrich makes it
            broker.createTopics(topics);
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

    /**
     * The topics section names every topic the pipeline uses (raw, enriched, trending, dead letters, the name memory,
     * the Streams app's internal ones), each once with its cleanup policy, and nothing else; a name memory that is not
     * compacted is a problem named with its fix.
     */
    @Test
    void shouldListEveryTopicThePipelineUsesAndNoOther() throws Exception {
        String changelog = "khabar-enrich-dedup-store-changelog";
        String repartition = "khabar-enrich-by-content-repartition";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>(Topics.definitions(1, (short) 1));
            topics.add(EntityMemory.topic(1, (short) 1));
            topics.add(new NewTopic(changelog, 1, (short) 1));
            topics.add(new NewTopic(repartition, 1, (short) 1));
            topics.add(new NewTopic("someone-elses.topic", 1, (short) 1));
            broker.createTopics(topics);

            Map<String, String> listed = topicLines(admin);
            assertThat(listed.keySet())
                    .containsExactly(
                            Topics.RAW,
                            Topics.ENRICHED,
                            Topics.TRENDING,
                            Topics.DEAD_LETTER,
                            EntityMemory.TOPIC,
                            repartition,
                            changelog);
            assertThat(listed.get(EntityMemory.TOPIC)).contains("1 partitions").endsWith("compact");
            assertThat(listed.get(Topics.ENRICHED)).endsWith("compact");
            assertThat(listed.get(Topics.RAW)).endsWith("delete");
            assertThat(TopicAdmin.check(admin, 1, "khabar-enrich")).isEmpty();

            // a name memory someone turned into a deleting topic forgets the names at retention
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, EntityMemory.TOPIC),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(
                                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            List<String> problems = StatusCommand.report(
                    admin, "khabar-enrich", Duration.ofMillis(100), new PrintStream(new ByteArrayOutputStream()));
            assertThat(problems)
                    .anySatisfy(p -> assertThat(p)
                            .startsWith("topic " + EntityMemory.TOPIC + " has cleanup.policy=delete")
                            .endsWith("--add-config cleanup.policy=compact"));
        }
    }

    /** The lines of the report's topics section, by topic name. */
    private static Map<String, String> topicLines(Admin admin) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusCommand.report(
                admin, "khabar-enrich", Duration.ofMillis(100), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : lines.subList(lines.indexOf("topics:") + 1, lines.size())) {
            if (l.isBlank()) {
                break;
            }
            String name = l.strip().split(" +")[0];
            assertThat(out.put(name, l.strip())).as("listed once: " + name).isNull();
        }
        return out;
    }
}
