package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.RecordSchemas;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The enriched JSON against the raw article's JSON on real news, summed over ../shared/real-news/articles.jsonl
 * (its body field is {@code text}); skipped when absent. Issue 14's goal is at most 2.4 with nothing lost: every
 * record reads back equal to what was written (v1 was 3.1, v2 2.54, v3 2.39; docs/record-model.md).
 */
class RealNewsRecordSizeTest {

    /** The repository's sibling ../shared (from enrich/streams: ../../../shared), or /work/shared where it lives here. */
    private static final Path REAL_NEWS = Files.isRegularFile(Path.of("../../../shared/real-news/articles.jsonl"))
            ? Path.of("../../../shared/real-news/articles.jsonl")
            : Path.of("/work/shared/real-news/articles.jsonl");

    @Test
    void shouldKeepTheEnrichedRecordWithinTwoPointFourTimesTheRawArticleAndLoseNothing() throws Exception {
        Path file = REAL_NEWS.toAbsolutePath().normalize();
        assumeTrue(
                Files.isRegularFile(file),
                "skipped: " + file + " is absent (the real-news corpus is not in the repository)");
        ArticleEnricher enricher = ArticleEnricher.withDefaults();
        long raw = 0;
        long enriched = 0;
        long entities = 0;
        int n = 0;
        int changed = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode j = Json.mapper().readTree(line);
                RawArticle a = RawArticle.of(
                        "json:real-news",
                        j.path("url").isTextual() ? j.get("url").asText() : null,
                        j.path("title").asText(),
                        j.path("text").asText(),
                        "ur",
                        null,
                        Instant.parse("2026-12-01T00:00:00Z"),
                        Map.of("category", j.path("category").asText()));
                byte[] rawBytes = JsonSerde.rawArticle().toBytes(a);
                EnrichedArticle e = enricher.enrich(a);
                byte[] bytes = JsonSerde.enrichedArticle().toBytes(e);
                if (n % 50 == 0) {
                    RecordSchemas.assertValidEnriched(bytes);
                }
                if (!JsonSerde.enrichedArticle().fromBytes(bytes).equals(e)) {
                    changed++;
                }
                raw += rawBytes.length;
                enriched += bytes.length;
                entities += Json.mapper()
                        .writeValueAsBytes(Json.mapper().readTree(bytes).get("entities"))
                        .length;
                n++;
            }
        }
        double ratio = (double) enriched / raw;
        System.out.printf(
                "real news: %d articles, raw JSON %,d bytes, enriched JSON %,d bytes (entities %,d), ratio %.2f%n",
                n, raw, enriched, entities, ratio);
        assertThat(n).isPositive();
        assertThat(changed).as("records that read back other than written").isZero();
        assertThat(ratio).as("enriched / raw JSON bytes").isLessThanOrEqualTo(2.4);
    }
}
