package io.khabar.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three real brokers, each its own JVM: a replicated topic takes transactional writes while one broker is killed
 * with SIGKILL, the broker comes back on its log directory and catches up, and every record is read once.
 */
class EmbeddedKafkaClusterIT {

    @Test
    void shouldKeepAcceptingTransactionsWhenOneOfThreeBrokersIsKilledAndCatchUpWhenItReturns() throws Exception {
        try (EmbeddedKafkaCluster cluster =
                        EmbeddedKafkaCluster.builder().nodes(3).start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(3);
            admin.createTopics(List.of(new NewTopic("t", 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get();
            Properties p = new Properties();
            p.put("bootstrap.servers", cluster.bootstrapServers());
            p.put("transactional.id", "cluster-it");
            p.put("delivery.timeout.ms", "120000");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                send(producer, 0, 100);
                long t = System.nanoTime();
                cluster.node(2).kill();
                assertThat(cluster.node(2).isRunning()).isFalse();
                send(producer, 100, 100); // two in-sync replicas left: min.insync.replicas=2 still met
                System.out.printf(
                        "EmbeddedKafkaClusterIT: a transaction after the SIGKILL of a broker took %d ms%n",
                        (System.nanoTime() - t) / 1_000_000);
                t = System.nanoTime();
                cluster.node(2).start().awaitReady(Duration.ofMinutes(2));
                System.out.printf(
                        "EmbeddedKafkaClusterIT: the broker restarted in %d ms%n", (System.nanoTime() - t) / 1_000_000);
                send(producer, 200, 100);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                TopicDescription d =
                        admin.describeTopics(Set.of("t")).allTopicNames().get().get("t");
                if (d.partitions().stream().allMatch(pi -> pi.isr().size() == 3)) {
                    break;
                }
                assertThat(System.nanoTime()).as("node 2 back in sync").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(readAll(cluster.bootstrapServers())).hasSize(300).doesNotHaveDuplicates();
        }
    }

    private static void send(KafkaProducer<String, String> producer, int from, int n) {
        producer.beginTransaction();
        for (int i = from; i < from + n; i++) {
            producer.send(new ProducerRecord<>("t", "k" + i, "v" + i));
        }
        producer.commitTransaction();
    }

    private static List<String> readAll(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps =
                    List.of(new TopicPartition("t", 0), new TopicPartition("t", 1), new TopicPartition("t", 2));
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < 300 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.key());
                }
            }
        }
        return out;
    }
}
