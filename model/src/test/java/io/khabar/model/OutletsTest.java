package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutletsTest {

    private static final Instant T = Instant.parse("2021-09-21T10:00:00Z");

    @Test
    void shouldTakeTheHostWithoutWwwAsTheOutlet() {
        assertThat(Outlets.fromUrl("https://urdu.geo.tv/latest/388090-")).isEqualTo("urdu.geo.tv");
        assertThat(Outlets.fromUrl("https://WWW.BBC.com/urdu/articles/x")).isEqualTo("bbc.com");
        assertThat(Outlets.fromUrl("http://jang.com.pk./news/1")).isEqualTo("jang.com.pk");
    }

    @Test
    void shouldHaveNoOutletForMissingRelativeOrOtherSchemeUrls() {
        assertThat(Outlets.fromUrl(null)).isNull();
        assertThat(Outlets.fromUrl(" ")).isNull();
        assertThat(Outlets.fromUrl("/news/1")).isNull();
        assertThat(Outlets.fromUrl("javascript:alert(1)")).isNull();
        assertThat(Outlets.fromUrl("file:///etc/passwd")).isNull();
        assertThat(Outlets.fromUrl("http://[bad")).isNull();
    }

    @Test
    void shouldPreferTheNamedOutletAndElseDeriveItFromTheUrl() {
        RawArticle named =
                RawArticle.of("file:a.jsonl", "https://urdu.geo.tv/1", "t", "b", null, null, T, null, "Geo News Urdu");
        RawArticle derived = RawArticle.of("file:a.jsonl", "https://urdu.geo.tv/1", "t", "b", null, null, T, null);
        assertThat(named.outlet()).isEqualTo("Geo News Urdu");
        assertThat(derived.outlet()).isEqualTo("urdu.geo.tv");
        assertThat(RawArticle.of("file:a.txt", null, "t", "b", null, null, T, null)
                        .outlet())
                .isNull();
    }

    @Test
    void shouldCarryOutletAndStoryThroughJson() {
        RawArticle raw =
                RawArticle.of("file:a.jsonl", "https://urdu.geo.tv/1", "t", "b", null, null, T, null, "Geo News Urdu");
        EnrichedArticle e = new EnrichedArticle(
                        EnrichedArticle.SCHEMA_VERSION,
                        raw.id(),
                        raw.contentHash(),
                        raw,
                        "t",
                        "b",
                        "ur",
                        1.0,
                        1,
                        2,
                        null,
                        "v",
                        T)
                .withStory("u-first", 0.8);
        byte[] bytes = JsonSerde.enrichedArticle().toBytes(e);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(e.outlet()).isEqualTo("Geo News Urdu");
        assertThat(json).contains("\"outlet\":\"Geo News Urdu\"", "\"storyId\":\"u-first\"", "\"storySimilarity\":0.8");
        assertThat(JsonSerde.enrichedArticle().fromBytes(bytes)).isEqualTo(e);
    }

    @Test
    void shouldDeriveTheOutletOfARecordWrittenBeforeOutletsExisted() {
        String v1 =
                "{\"schemaVersion\":1,\"id\":\"u-1\",\"source\":\"rss:x\",\"url\":\"https://www.express.pk/story/1\","
                        + "\"title\":\"t\",\"body\":\"b\",\"fetchedAt\":\"2021-09-21T10:00:00Z\",\"contentHash\":\"sha256:00\"}";
        assertThat(JsonSerde.rawArticle()
                        .fromBytes(v1.getBytes(StandardCharsets.UTF_8))
                        .outlet())
                .isEqualTo("express.pk");
    }
}
