package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final Instant T = Instant.parse("2021-09-21T10:00:00Z");

    @Test
    void shouldRoundTripUrduWithoutEscapes() {
        RawArticle raw = RawArticle.of(
                "file:a.txt", null, "روس کے پیوٹن", "وزیر اعظم عمران خان", "ur", null, T, Map.of("section", "world"));
        byte[] bytes = JsonSerde.rawArticle().toBytes(raw);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(json).contains("روس کے پیوٹن").doesNotContain("\\u");
        assertThat(JsonSerde.rawArticle().fromBytes(bytes)).isEqualTo(raw);
    }

    @Test
    void shouldRoundTripEnrichedArticleWithEntities() {
        RawArticle raw = RawArticle.of("file:a.txt", "https://example.org/a", "سرخی", "متن", "ur", T, T, null);
        Entity e = new Entity(
                EntityType.PERSON,
                "عمران خان",
                Entity.BODY,
                0,
                9,
                0,
                9,
                "Imran Khan",
                "Q193625",
                Entity.Method.GAZETTEER);
        EnrichedArticle enriched = new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                "سرخی",
                "متن",
                "ur",
                0.99,
                1,
                2,
                ArticleEntities.group(List.of(e), ArticleEntities.FALLBACK_KEYS),
                "0.1.0",
                T);

        byte[] bytes = JsonSerde.enrichedArticle().toBytes(enriched);

        assertThat(JsonSerde.enrichedArticle().fromBytes(bytes)).isEqualTo(enriched);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"publishedAt\":\"2021-09-21T10:00:00Z\"");
    }

    @Test
    void shouldRejectMalformedJsonWithAClearMessage() {
        byte[] bad = "{\"id\": ".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonSerde.rawArticle().fromBytes(bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("not a valid RawArticle JSON record");
    }

    @Test
    void shouldRejectWrongShapes() {
        assertThatThrownBy(() -> JsonSerde.rawArticle().fromBytes("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() ->
                        JsonSerde.rawArticle().fromBytes("{\"schemaVersion\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldKeepNullAsTombstone() {
        assertThat(JsonSerde.rawArticle().fromBytes(null)).isNull();
        assertThat(JsonSerde.rawArticle().toBytes(null)).isNull();
    }

    @Test
    void idsAreStableAndPreferTheCanonicalUrl() {
        String hash = ArticleIds.contentHash("t", "b");
        assertThat(hash).startsWith("sha256:").hasSize(7 + 64);
        assertThat(ArticleIds.idFor(null, hash)).isEqualTo("c-" + hash.substring(7, 39));
        assertThat(ArticleIds.idFor("HTTPS://Example.org:443/news/1/#top", hash))
                .isEqualTo(ArticleIds.idFor("https://example.org/news/1", "sha256:other"))
                .startsWith("u-");
        assertThat(ArticleIds.idFor("https://example.org/news/1?id=2", hash))
                .isNotEqualTo(ArticleIds.idFor("https://example.org/news/1?id=3", hash));
    }

    @Test
    void shouldRefuseARecordThatGivesAKeyTwice() {
        String one = new String(
                JsonSerde.rawArticle()
                        .toBytes(RawArticle.of("t", "https://example.pk/a", "سرخی", "متن۔", "ur", T, T, null)),
                java.nio.charset.StandardCharsets.UTF_8);
        byte[] twice =
                one.replaceFirst("\\{", "{\"id\":\"u-forged\",").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JsonSerde.rawArticle().fromBytes(twice))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("Duplicate");
    }
}
