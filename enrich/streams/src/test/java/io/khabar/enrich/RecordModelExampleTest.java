package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.RecordSchemas;
import io.khabar.model.config.ConfigTables;
import io.khabar.ner.EntityTagger;
import io.khabar.text.UrduNormalizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The complete example record in docs/record-model.md is a real record: valid against the schema and in exactly
 * the form the model writes. {@code -Dkhabar.docs.update=true} regenerates it from the seed with the current
 * enricher (it is not compared with the tagger's output otherwise, so a better tagger does not break this test).
 */
class RecordModelExampleTest {

    private static final String SEED = "seeds/000_94bf4fa7c7b18cfe.txt";
    private static final String START = "```json\n";

    @Test
    void shouldShowARecordInTheFormTheModelWritesAndTheSchemaAccepts() throws Exception {
        Path doc = ConfigTables.findUp("docs/record-model.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int heading = text.indexOf("### A complete example");
        int from = text.indexOf(START, heading) + START.length();
        int to = text.indexOf("\n```", from);
        assertThat(heading).as("the example's heading").isPositive();
        if (Boolean.getBoolean("khabar.docs.update")) {
            String fresh = pretty(JsonSerde.enrichedArticle().toBytes(enrichSeed(doc)));
            text = text.substring(0, from) + fresh + text.substring(to);
            Files.writeString(doc, text, StandardCharsets.UTF_8);
            to = from + fresh.length();
        }
        String example = text.substring(from, to);

        RecordSchemas.assertValidEnriched(example.getBytes(StandardCharsets.UTF_8));
        EnrichedArticle read = JsonSerde.enrichedArticle().fromBytes(example.getBytes(StandardCharsets.UTF_8));
        assertThat(pretty(JsonSerde.enrichedArticle().toBytes(read)))
                .as("the example as the model writes it (regenerate with -Dkhabar.docs.update=true)")
                .isEqualTo(example);
        assertThat(read.schemaVersion()).isEqualTo(EnrichedArticle.SCHEMA_VERSION);
        assertThat(read.article().source()).isEqualTo("file:" + SEED);
        assertThat(read.entities()).isNotEmpty();
    }

    private static String pretty(byte[] json) throws Exception {
        return Json.mapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(Json.mapper().readTree(json));
    }

    /** The seed as `khabar ingest` reads a text file: the first line is the title, the rest the body. */
    private static EnrichedArticle enrichSeed(Path doc) throws Exception {
        Path seed = doc.getParent().getParent().resolve(SEED);
        String content = Files.readString(seed, StandardCharsets.UTF_8).strip();
        int nl = content.indexOf('\n');
        RawArticle raw = RawArticle.of(
                "file:" + SEED,
                null,
                content.substring(0, nl).strip(),
                content.substring(nl + 1).strip(),
                null,
                null,
                Instant.parse("2026-12-01T10:00:00Z"),
                null);
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:02Z"), ZoneOffset.UTC);
        return new ArticleEnricher(new UrduNormalizer(), EntityTagger.withDefaultGazetteers(), clock).enrich(raw);
    }
}
