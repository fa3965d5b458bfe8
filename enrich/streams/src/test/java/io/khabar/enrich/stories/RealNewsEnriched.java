package io.khabar.enrich.stories;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.enrich.ArticleEnricher;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.model.RawArticle;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real articles of a scrapers' JSON Lines file enriched once, with the file's publication dates (as {@code khabar
 * bench} sends them) and fetch times a second apart: the input of the story-stage CPU harnesses.
 */
final class RealNewsEnriched {

    private RealNewsEnriched() {}

    static List<EnrichedArticle> load(Path file) throws IOException {
        List<EnrichedArticle> articles = new ArrayList<>();
        ArticleEnricher enricher = ArticleEnricher.withDefaults();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine(), n++) {
                JsonNode j = Json.mapper().readTree(line);
                Instant published = j.path("published").isTextual()
                        ? LocalDate.parse(j.get("published").asText().substring(0, 10))
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                        : null;
                articles.add(enricher.enrich(RawArticle.of(
                        "json:real-news",
                        null,
                        j.path("title").asText(),
                        j.path("text").asText(),
                        "ur",
                        published,
                        Instant.parse("2026-11-30T00:00:00Z").plusSeconds(n),
                        Map.of(),
                        j.path("source").asText())));
            }
        }
        return articles;
    }
}
