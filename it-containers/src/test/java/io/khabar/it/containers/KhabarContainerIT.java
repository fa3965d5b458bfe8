package io.khabar.it.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import io.khabar.testsupport.KhabarContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;

/**
 * The test kit's Testcontainers module as an app's suite uses it: the app's own broker container, and a
 * {@link KhabarContainer} started next to it on its network, reached by the test only over Kafka.
 */
@EnabledIfContainerEngine
class KhabarContainerIT {

    @Test
    void shouldEnrichWhatTheAppPublishesToItsOwnBroker() throws Exception {
        try (Network network = Network.newNetwork()) {
            KafkaBroker kafka = KafkaBroker.create(network);
            kafka.start();
            try (KhabarContainer khabar = new KhabarContainer(ContainerImages.khabarImage())
                    .withKafka(network, kafka.networkBootstrapServers())
                    .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container.khabar")))) {
                khabar.start();

                HttpResponse<String> ready = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(khabar.healthUrl() + "/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(200);

                RawArticle raw = RawArticle.of(
                        "app",
                        null,
                        "کراچی میں بارش",
                        "کراچی میں آج صبح سے بارش ہو رہی ہے۔",
                        "ur",
                        null,
                        Instant.now(),
                        Map.of());
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(
                                    Topics.RAW,
                                    raw.id(),
                                    new String(
                                            JsonSerde.rawArticle().toBytes(raw),
                                            java.nio.charset.StandardCharsets.UTF_8)))
                            .get();
                }

                Properties c = new Properties();
                c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                c.put(ConsumerConfig.GROUP_ID_CONFIG, "app-under-test");
                c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                Map<String, EnrichedArticle> seen = new HashMap<>();
                try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(
                        c, new StringDeserializer(), JsonSerde.enrichedArticle().deserializer())) {
                    consumer.subscribe(List.of(Topics.ENRICHED));
                    await().atMost(Duration.ofMinutes(2)).until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.put(r.key(), r.value()));
                        return seen.containsKey(raw.id());
                    });
                }
                EnrichedArticle e = seen.get(raw.id());
                assertThat(e.article()).isEqualTo(raw);
                assertThat(e.entities())
                        .anySatisfy(
                                x -> assertThat(x.type() + " " + x.text()).isEqualTo(EntityType.LOCATION + " کراچی"));
            } finally {
                kafka.stop();
            }
        }
    }
}
