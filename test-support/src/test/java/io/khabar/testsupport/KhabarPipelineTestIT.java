package io.khabar.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The extension as a user would use it: one pipeline (a child JVM) for the class, injected into each test. The
 * test's own class path has no khabar code beyond the test kit: Kafka and Jackson here are the test's own.
 */
@KhabarPipelineTest
class KhabarPipelineTestIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldEnrichAPublishedArticle(KhabarPipeline khabar) throws Exception {
        String title = "لاہور میں بارش، سڑکیں زیر آب";
        String id = khabar.publish(
                title,
                "لاہور میں صبح سے جاری بارش کے بعد شہر کی کئی سڑکیں زیر آب آ گئیں۔\n\nمحکمہ موسمیات کے مطابق بارش کل بھی جاری رہے گی۔");

        JsonNode enriched = JSON.readTree(khabar.awaitEnriched(id));

        assertThat(enriched.path("id").asText()).isEqualTo(id);
        assertThat(enriched.path("article").path("title").asText()).isEqualTo(title);
        assertThat(enriched.path("language").asText()).isEqualTo("ur");
        assertThat(enriched.path("sentenceCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(enriched.path("entities")).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("LOCATION");
            // record v3 leaves the text out where it is the text at the first mention (docs/record-model.md)
            JsonNode first = e.path("mentions").path(0);
            String field = enriched.path("t".equals(first.path(0).asText()) ? "title" : "body")
                    .asText();
            assertThat(
                            e.has("text")
                                    ? e.get("text").asText()
                                    : field.substring(
                                            first.path(1).asInt(), first.path(2).asInt()))
                    .isEqualTo("لاہور");
        });
    }

    @Test
    void shouldLetAProgramUnderTestReadTheEnrichedTopicFromItsBootstrapServers(KhabarPipeline khabar) {
        String id = khabar.publish("کراچی میں میچ کے ٹکٹ", "کراچی کے اسٹیڈیم میں میچ کے ٹکٹ آج سے فروخت ہوں گے۔");
        String expected = khabar.awaitEnriched(id);

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, khabar.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "program-under-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, String> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("khabar.articles.enriched"));
            while (!seen.containsKey(id)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.key(), r.value()));
            }
        }
        assertThat(seen.get(id)).isEqualTo(expected);
    }

    @Test
    void shouldShowABadRecordOnTheDeadLetterTopic(KhabarPipeline khabar) {
        String key = "bad-" + UUID.randomUUID();
        khabar.publishBytes(key, "{not an article".getBytes(StandardCharsets.UTF_8));

        DeadLetter dead = khabar.awaitDeadLetter(d -> key.equals(d.key()), Duration.ofSeconds(60));

        assertThat(dead.valueText()).isEqualTo("{not an article");
        assertThat(dead.header("khabar.dlq.reason")).isNotBlank();
        assertThat(dead.header("khabar.dlq.stage")).isEqualTo("enrich");
        assertThat(khabar.enriched()).doesNotContainKey(key);
    }

    @Test
    void shouldKeepKhabarsClassesOutOfTheTestsClassPath() {
        assertThat(getClass().getClassLoader().getResource("io/khabar/enrich/EnrichApp.class"))
                .as("khabar's enrich app runs in the child JVM only")
                .isNull();
        assertThat(getClass().getClassLoader().getResource("io/khabar/model/EnrichedArticle.class"))
                .isNull();
    }
}
