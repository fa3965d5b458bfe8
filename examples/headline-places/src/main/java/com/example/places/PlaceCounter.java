package com.example.places;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The example app: reads khabar's enriched topic and counts, per place, the articles that mention it. It uses only
 * the parts of kafka-clients that 3.x and 4.x share.
 */
public final class PlaceCounter implements AutoCloseable {

    /** khabar's topic of enriched articles. */
    public static final String TOPIC = "khabar.articles.enriched";

    /** Header of a record that re-emits an article whose story changed (docs/stories.md). */
    public static final String STORY_CORRECTION = "khabar.story.correction";

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Integer> articlesPerPlace = new TreeMap<>();

    public PlaceCounter(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // khabar writes in transactions
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    /** Reads what has arrived (waiting up to {@code timeout}) and counts it. */
    public void poll(Duration timeout) throws IOException {
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            if (r.value() == null || r.headers().lastHeader(STORY_CORRECTION) != null) {
                continue; // a story correction is an article counted already, emitted again with an earlier story
            }
            JsonNode article = json.readTree(r.value());
            article.path("entities").forEach(e -> {
                if ("LOCATION".equals(e.path("type").asText())) {
                    String name = e.hasNonNull("canonicalName")
                            ? e.get("canonicalName").asText()
                            : e.hasNonNull("text") ? e.get("text").asText() : firstMentionText(article, e);
                    articlesPerPlace.merge(name, 1, Integer::sum);
                }
            });
        }
    }

    /**
     * The Urdu text at the entity's first mention: khabar's record (version 3) leaves an entity's {@code text} out
     * where it is that text (docs/record-model.md). Offsets are UTF-16, as Java's String counts.
     */
    private static String firstMentionText(JsonNode article, JsonNode entity) {
        JsonNode first = entity.path("mentions").path(0);
        for (JsonNode m : entity.path("mentions")) {
            if (!"c".equals(m.path(3).asText())) { // not found by coreference
                first = m;
                break;
            }
        }
        String field = article.path("t".equals(first.path(0).asText()) ? "title" : "body").asText();
        return field.substring(first.path(1).asInt(), first.path(2).asInt());
    }

    /** Articles per place (canonical name when khabar knows one, else the Urdu text), so far. */
    public Map<String, Integer> articlesPerPlace() {
        return Map.copyOf(articlesPerPlace);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
