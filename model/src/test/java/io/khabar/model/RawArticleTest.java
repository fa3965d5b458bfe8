package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawArticleTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldKeepTheExtraFieldsInTheOrderGivenSoTheRecordBytesAreTheSameInEveryProcess() {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String k : new String[] {"zeta", "author", "section", "m", "tags", "b", "siteName", "a"}) {
            extra.put(k, k.toUpperCase(java.util.Locale.ROOT));
        }
        RawArticle raw = RawArticle.of("t", "https://example.pk/a", "سرخی", "متن۔", "ur", T, T, extra);

        assertThat(raw.extra().keySet())
                .containsExactly("zeta", "author", "section", "m", "tags", "b", "siteName", "a");
        String json =
                new String(JsonSerde.of(RawArticle.class).serializer().serialize("t", raw), StandardCharsets.UTF_8);
        assertThat(json).containsSubsequence("\"zeta\"", "\"author\"", "\"section\"", "\"m\"", "\"tags\"", "\"b\"");
    }

    @Test
    void shouldDropExtraFieldsWhoseValueIsNullAndNotBeChangedFromOutside() {
        Map<String, Object> extra = new HashMap<>();
        extra.put("author", null);
        extra.put("section", "کھیل");
        RawArticle raw = RawArticle.of("t", "https://example.pk/a", "سرخی", "متن۔", "ur", T, T, extra);
        extra.put("later", "x");

        assertThat(raw.extra()).containsExactly(Map.entry("section", "کھیل"));
        assertThatThrownBy(() -> raw.extra().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldReadARawRecordWhoseExtraHasANullValue() {
        byte[] json = ("{\"schemaVersion\":1,\"id\":\"u-1\",\"source\":\"t\",\"title\":\"سرخی\",\"body\":\"متن۔\","
                        + "\"extra\":{\"author\":null,\"section\":\"کھیل\"}}")
                .getBytes(StandardCharsets.UTF_8);
        RawArticle raw = JsonSerde.of(RawArticle.class).deserializer().deserialize("t", json);
        assertThat(raw.extra()).containsExactly(Map.entry("section", "کھیل"));
    }
}
