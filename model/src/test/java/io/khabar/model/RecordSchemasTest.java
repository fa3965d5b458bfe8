package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The JSON Schemas shipped in the model jar accept what the model writes and reject what it must not. */
class RecordSchemasTest {

    private static final Instant T = Instant.parse("2021-09-21T10:00:00Z");

    private static EnrichedArticle enriched() {
        List<Entity> mentions = ArticleEntitiesTest.mentions();
        RawArticle raw = RawArticle.of("file:a.txt", "https://example.pk/a", "سرخی", "متن", "ur", T, T, Map.of("k", 1));
        return new EnrichedArticle(
                        EnrichedArticle.SCHEMA_VERSION,
                        raw.id(),
                        raw.contentHash(),
                        raw,
                        "سرخی",
                        "متن",
                        "ur",
                        0.9,
                        1,
                        2,
                        ArticleEntities.group(mentions, ArticleEntities.FALLBACK_KEYS),
                        "0.1.0",
                        T)
                .withStory(raw.id(), 1.0);
    }

    @Test
    void shouldAcceptTheRecordsTheModelWrites() {
        EnrichedArticle e = enriched();
        assertThat(RecordSchemas.rawErrors(JsonSerde.rawArticle().toBytes(e.article())))
                .isEmpty();
        assertThat(RecordSchemas.enrichedErrors(JsonSerde.enrichedArticle().toBytes(e)))
                .isEmpty();
    }

    @Test
    void shouldRejectAVersionOneRecordAndBrokenMentions() throws Exception {
        ObjectNode tree = Json.mapper().valueToTree(enriched());
        ObjectNode v1 = tree.deepCopy();
        v1.put("schemaVersion", 1);
        v1.set("entities", Json.mapper().valueToTree(ArticleEntitiesTest.mentions()));
        assertThat(RecordSchemas.enrichedErrors(Json.mapper().writeValueAsBytes(v1)))
                .isNotEmpty();

        ObjectNode badMention = tree.deepCopy();
        ((ArrayNode) badMention.get("entities").get(0).get("mentions"))
                .set(0, Json.mapper().readTree("[\"x\", 0, 9, 0, 9, \"g\", 7]"));
        assertThat(RecordSchemas.enrichedErrors(Json.mapper().writeValueAsBytes(badMention)))
                .hasSizeGreaterThanOrEqualTo(2);

        ObjectNode noKey = tree.deepCopy();
        ((ObjectNode) noKey.get("entities").get(0)).remove("key");
        assertThat(RecordSchemas.enrichedErrors(Json.mapper().writeValueAsBytes(noKey)))
                .singleElement()
                .asString()
                .contains("key");

        ObjectNode badHash = tree.deepCopy();
        ((ObjectNode) badHash.get("article")).put("contentHash", "md5:00");
        assertThat(RecordSchemas.enrichedErrors(Json.mapper().writeValueAsBytes(badHash)))
                .isNotEmpty();
    }

    @Test
    void shouldAcceptDeadLetterHeadersAndRejectAnUnknownStage() {
        RecordHeaders original = new RecordHeaders();
        original.add("traceparent", "00-abc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var headers = DeadLetters.builder(Stage.ENRICH, DeadLetterReasons.EMPTY_BODY)
                .message("no body")
                .error(new IllegalStateException("x"))
                .source("khabar.articles.raw", 2, 17)
                .headers(original)
                .value(new byte[300 * 1024])
                .time(T)
                .build()
                .headers();
        assertThat(RecordSchemas.deadLetterErrors(headers)).isEmpty();

        headers.remove(DeadLetters.STAGE);
        headers.add(DeadLetters.STAGE, "elsewhere".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.remove(DeadLetters.SOURCE_OFFSET);
        assertThat(RecordSchemas.deadLetterErrors(headers)).hasSize(2);
    }
}
