package io.khabar.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.sink.SinkRecord;
import io.khabar.sink.TestArticles;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLineBinderTest {

    private final EnrichedArticle seed = TestArticles.seed();
    private final byte[] published = JsonSerde.enrichedArticle().toBytes(seed);

    @Test
    void shouldCopyTheValueAsPublishedWhenItIsOneCompactLine() {
        byte[] line = JsonLineBinder.line(new SinkRecord("t", 0, 0, seed, published));
        assertThat(line).isEqualTo(JsonLineBinder.line(seed));
        assertThat(new String(line, StandardCharsets.UTF_8)).endsWith("}\n").hasLineCount(1);
    }

    @Test
    void shouldKeepFieldsANewerEnrichVersionAdded() {
        String withExtra = new String(published, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"sentiment\":0.5,");
        byte[] line = JsonLineBinder.line(new SinkRecord("t", 0, 0, seed, withExtra.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(line, StandardCharsets.UTF_8)).startsWith("{\"sentiment\":0.5,");
        assertThat(JsonLineBinder.parse(new String(line, StandardCharsets.UTF_8).strip()))
                .isEqualTo(seed);
    }

    @Test
    void shouldWriteTheArticleAgainWhenTheValueIsNotOneLine() {
        String json = new String(published, StandardCharsets.UTF_8);
        for (String odd : new String[] {"{\n" + json.substring(1), " " + json, "\uFEFF" + json, json + "\r\n"}) {
            byte[] line = JsonLineBinder.line(new SinkRecord("t", 0, 0, seed, odd.getBytes(StandardCharsets.UTF_8)));
            assertThat(line).as("value %s", odd.substring(0, 3)).isEqualTo(JsonLineBinder.line(seed));
        }
        assertThat(JsonLineBinder.line(new SinkRecord("t", 0, 0, seed))).isEqualTo(JsonLineBinder.line(seed));
    }
}
