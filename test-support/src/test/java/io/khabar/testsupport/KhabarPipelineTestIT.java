package io.khabar.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
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

/** The extension as a user would use it: one pipeline for the class, injected into each test. */
@KhabarPipelineTest
class KhabarPipelineTestIT {

    @Test
    void shouldEnrichAPublishedArticle(KhabarPipeline khabar) {
        RawArticle raw = khabar.publish(
                "لاہور میں بارش، سڑکیں زیر آب",
                "لاہور میں صبح سے جاری بارش کے بعد شہر کی کئی سڑکیں زیر آب آ گئیں۔\n\nمحکمہ موسمیات کے مطابق بارش کل بھی جاری رہے گی۔");

        EnrichedArticle enriched = khabar.awaitEnriched(raw);

        assertThat(enriched.id()).isEqualTo(raw.id());
        assertThat(enriched.article()).isEqualTo(raw);
        assertThat(enriched.language()).isEqualTo("ur");
        assertThat(enriched.sentenceCount()).isGreaterThanOrEqualTo(2);
        assertThat(enriched.entities()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EntityType.LOCATION);
            assertThat(e.text()).isEqualTo("لاہور");
        });
    }

    @Test
    void shouldLetAProgramUnderTestReadTheEnrichedTopicFromItsBootstrapServers(KhabarPipeline khabar) {
        RawArticle raw = khabar.publish("کراچی میں میچ کے ٹکٹ", "کراچی کے اسٹیڈیم میں میچ کے ٹکٹ آج سے فروخت ہوں گے۔");
        khabar.awaitEnriched(raw);

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, khabar.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "program-under-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, EnrichedArticle> seen = new HashMap<>();
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(
                p, new StringDeserializer(), JsonSerde.enrichedArticle().deserializer())) {
            consumer.subscribe(List.of(Topics.ENRICHED));
            while (!seen.containsKey(raw.id())) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.key(), r.value()));
            }
        }
        assertThat(seen.get(raw.id())).isEqualTo(khabar.awaitEnriched(raw));
    }

    @Test
    void shouldShowABadRecordOnTheDeadLetterTopic(KhabarPipeline khabar) {
        String key = "bad-" + UUID.randomUUID();
        khabar.publishBytes(key, "{not an article".getBytes(StandardCharsets.UTF_8));

        var dead = khabar.awaitDeadLetter(r -> key.equals(r.key()), Duration.ofSeconds(60));

        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not an article");
        assertThat(dead.headers().lastHeader(DeadLetters.REASON)).isNotNull();
    }
}
