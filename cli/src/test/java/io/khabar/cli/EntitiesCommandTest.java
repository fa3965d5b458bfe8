package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.Gazetteer;
import io.khabar.ner.GazetteerEntry;
import io.khabar.ner.LearnedName;
import io.khabar.text.UrduNormalizer;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntitiesCommandTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private static LearnedName learned(EntityType type, String surface) {
        return new LearnedName(io.khabar.ner.Keys.of(surface), type, surface, 3, 2, DAY, DAY);
    }

    @Test
    void shouldExportAGazetteerThatTheTaggerLoads(@TempDir Path dir) throws Exception {
        StringWriter w = new StringWriter();
        EntitiesCommand.writeGazetteer(
                List.of(
                        learned(EntityType.PERSON, "زرتاشہ گلبدین"),
                        learned(EntityType.ORGANIZATION, "گلبدین یونیورسٹی")),
                w);
        assertThat(w.toString()).contains("# Zartasha Galbdin").contains("speech");
        List<GazetteerEntry> entries =
                Gazetteer.read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), "export.tsv");
        assertThat(entries)
                .extracting(GazetteerEntry::type, GazetteerEntry::forms)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(EntityType.ORGANIZATION, List.of("گلبدین یونیورسٹی")),
                        org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, List.of("زرتاشہ گلبدین")));
        Path file = dir.resolve("learned.tsv");
        Files.writeString(file, w.toString());
        EntityTagger tagger = EntityTagger.withGazetteers(List.of(file), false);
        assertThat(tagger.tagArticle(null, new UrduNormalizer().normalize("کل رات زرتاشہ گلبدین آئیں۔"), null))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("زرتاشہ گلبدین", Entity.Method.GAZETTEER));
    }
}
