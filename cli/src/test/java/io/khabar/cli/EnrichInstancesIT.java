package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.cli.bench.CorpusGenerator;
import io.khabar.enrich.EnrichApp;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: two and then three {@code khabar enrich} processes started with default settings on one host (child
 * JVMs, one data directory) each take their own instance directory and share the raw topic's partitions; one is
 * killed with SIGKILL mid-stream and started again, and every article is enriched exactly once.
 */
class EnrichInstancesIT {

    private static final Path SEEDS = Path.of("..", "seeds");
    private static final String GROUP = EnrichApp.DEFAULT_APPLICATION_ID;

    @TempDir
    Path tmp;

    @Test
    void shouldShareTheWorkOnOneHostWithDefaultSettingsAndLoseNothingWhenOneIsKilled() throws Exception {
        Path dataHome = tmp.resolve("xdg");
        Map<String, String> env = new HashMap<>();
        env.put("XDG_DATA_HOME", dataHome.toString()); // the default data directory, moved into the test's folder
        env.put(InstanceDir.DATA_DIR_ENV, "");
        CorpusGenerator corpus = CorpusGenerator.fromSeeds(SEEDS, 18);
        List<ChildJvm> children = new ArrayList<>();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
                KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            String[] enrich = {"enrich", "--bootstrap-servers", broker.bootstrapServers()};
            children.add(ChildJvm.start("enrich-1", tmp, env, "384m", enrich));
            children.add(ChildJvm.start("enrich-2", tmp, env, "384m", enrich));
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> admin.listTopics().names().get().contains(Topics.RAW));
            int sent = publish(producer, corpus, 0, 400);

            Map<String, Set<TopicPartition>> two = awaitMembers(admin, 2, children);
            assertThat(two.values())
                    .as("both instances have work")
                    .allSatisfy(a -> assertThat(a).isNotEmpty());

            children.add(ChildJvm.start("enrich-3", tmp, env, "384m", enrich));
            sent += publish(producer, corpus, sent, 400);
            Map<String, Set<TopicPartition>> three = awaitMembers(admin, 3, children);
            assertThat(three.values())
                    .as("all three instances have work")
                    .allSatisfy(a -> assertThat(a).isNotEmpty());
            assertThat(three.values().stream()
                            .flatMap(Set::stream)
                            .filter(tp -> tp.topic().equals(Topics.RAW)))
                    .as("the raw topic's partitions are spread over the instances")
                    .hasSize(Topics.DEFAULT_PARTITIONS);

            // each took its own instance directory, with its own Streams state and a stable instance id
            Path base = dataHome.resolve("khabar").resolve("enrich").resolve(GROUP);
            Set<String> ids = new HashSet<>();
            for (int n = 1; n <= 3; n++) {
                Path dir = base.resolve("instance-" + n);
                assertThat(dir.resolve("streams").resolve(GROUP))
                        .as(dir + " holds Streams state")
                        .isDirectory();
                ids.add(Files.readString(dir.resolve("instance.id")).strip());
            }
            assertThat(ids).hasSize(3);
            assertThat(three.keySet())
                    .as("members join with their directory's id (static membership)")
                    .allSatisfy(member -> assertThat(ids.stream().anyMatch(member::startsWith))
                            .isTrue());
            Map<String, Long> tmpBytes = nativeLibFiles(base);

            // kill one mid-stream, keep publishing, start it again: it takes the freed directory and its id
            sent += publish(producer, corpus, sent, 300);
            ChildJvm killed = children.get(1);
            long killedAt = System.nanoTime();
            killed.kill();
            sent += publish(producer, corpus, sent, 300);
            children.set(1, ChildJvm.start("enrich-2-again", tmp, env, "384m", enrich));
            Map<TopicPartition, Long> rawEnd = Offsets.ends(admin, Topics.RAW);
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> EnrichApp.caughtUp(admin, GROUP, rawEnd));
            double recovered = (System.nanoTime() - killedAt) / 1e9;
            System.out.printf(
                    "EnrichInstancesIT: %d articles; SIGKILL of one of three enrich processes -> caught up "
                            + "again in %.1f s (restart included)%n",
                    sent, recovered);
            assertThat(tmpBytes.get("instance-2"))
                    .as("native libraries unpacked in the instance's tmp/")
                    .isPositive();
            assertThat(nativeLibFiles(base).get("instance-2"))
                    .as("native libraries replaced at restart, not added")
                    .isEqualTo(tmpBytes.get("instance-2"));

            // stories are on by default: an article whose story changes later is emitted again with the header
            // khabar.story.correction; each article is emitted once without it (compaction may remove that first
            // emission of a corrected article, never its key)
            List<String> keys = enrichedKeys(broker.bootstrapServers(), Offsets.ends(admin, Topics.ENRICHED), false);
            List<String> first = enrichedKeys(broker.bootstrapServers(), Offsets.ends(admin, Topics.ENRICHED), true);
            assertThat(new java.util.HashSet<>(keys))
                    .as("every article enriched")
                    .hasSize(sent);
            assertThat(first).as("no article enriched twice").doesNotHaveDuplicates();
            assertThat(Offsets.sum(Offsets.ends(admin, Topics.DEAD_LETTER))).isZero();
        } finally {
            for (ChildJvm c : children) {
                if (c.isAlive()) {
                    c.stop(Duration.ofSeconds(60));
                }
                System.out.println("---- " + c.name() + " (last lines)\n" + c.tail(15));
            }
            broker.close();
        }
    }

    /** Waits until the group has this many members, each with an assignment; their assignment by member id. */
    private static Map<String, Set<TopicPartition>> awaitMembers(Admin admin, int n, List<ChildJvm> children) {
        Map<String, Set<TopicPartition>> out = new HashMap<>();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(java.util.concurrent.ExecutionException.class)
                .until(() -> {
                    for (ChildJvm c : children) {
                        assertThat(c.isAlive())
                                .as(c.name() + " is running:\n" + c.tail(40))
                                .isTrue();
                    }
                    ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP))
                            .all()
                            .get()
                            .get(GROUP);
                    out.clear();
                    for (MemberDescription m : g.members()) {
                        out.put(
                                m.groupInstanceId().orElse(m.consumerId()),
                                m.assignment().topicPartitions());
                    }
                    return g.groupState().toString().equals("Stable")
                            && out.size() == n
                            && out.values().stream().noneMatch(Set::isEmpty);
                });
        return Map.copyOf(out);
    }

    /**
     * Publishes n articles and waits until each is acknowledged; a send that failed (the broker answered the first
     * batches of a new topic with OutOfOrderSequence until the producer's delivery time-out, seen under heavy load)
     * is sent again, so that the test counts only what is on the raw topic.
     */
    private static int publish(KafkaProducer<byte[], byte[]> producer, CorpusGenerator corpus, int from, int n)
            throws InterruptedException {
        JsonSerde<RawArticle> serde = JsonSerde.rawArticle();
        Instant now = Instant.now();
        List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            RawArticle a = corpus.next(i, 1500, now);
            pending.add(new ProducerRecord<>(Topics.RAW, a.id().getBytes(StandardCharsets.UTF_8), serde.toBytes(a)));
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            assertThat(attempt).as("tries to publish").isLessThanOrEqualTo(5);
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : pending) {
                sent.add(producer.send(r));
            }
            producer.flush();
            List<ProducerRecord<byte[], byte[]>> failed = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.add(pending.get(i));
                }
            }
            pending = failed;
        }
        return n;
    }

    private static Map<String, Long> nativeLibFiles(Path base) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (int n = 1; n <= 3; n++) {
            Path t = base.resolve("instance-" + n).resolve("tmp");
            try (Stream<Path> files = Files.walk(t)) {
                out.put("instance-" + n, files.filter(Files::isRegularFile).count());
            }
        }
        return out;
    }

    /** Keys on the enriched topic up to {@code end}; with {@code firstOnly} without story corrections. */
    private static List<String> enrichedKeys(String bootstrap, Map<TopicPartition, Long> end, boolean firstOnly) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(end.keySet());
            c.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (firstOnly && r.headers().lastHeader("khabar.story.correction") != null) {
                        continue;
                    }
                    keys.add(new String(r.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return keys;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
