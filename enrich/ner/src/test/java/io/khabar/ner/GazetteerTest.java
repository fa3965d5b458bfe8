package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GazetteerTest {
    @TempDir
    Path dir;

    private static List<GazetteerEntry> parse(String text) throws IOException {
        return Gazetteer.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.tsv");
    }

    @Test
    void shouldReadTheDocumentedFormat() throws IOException {
        List<GazetteerEntry> entries =
                parse("# comment\n\nLOCATION\tIslamabad\tQ1362\tاسلام آباد|اسلام‌آباد\n" + "NONE\t-\t-\tکنٹرول روم\n");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).type()).isEqualTo(EntityType.LOCATION);
        assertThat(entries.get(0).canonicalName()).isEqualTo("Islamabad");
        assertThat(entries.get(0).wikidataId()).isEqualTo("Q1362");
        assertThat(entries.get(0).forms()).containsExactly("اسلام آباد", "اسلام‌آباد");
        assertThat(entries.get(1).type()).isNull();
        assertThat(entries.get(1).canonicalName()).isNull();
    }

    @Test
    void shouldNameFileAndLineOfABadEntry() {
        assertThatThrownBy(() -> parse("PERSON\tX\t-\tایکس\nPLACE\tY\t-\tوائی\n"))
                .hasMessageContaining("test.tsv:2")
                .hasMessageContaining("PLACE");
        assertThatThrownBy(() -> parse("PERSON\tX\tbad\tایکس\n")).hasMessageContaining("test.tsv:1");
        assertThatThrownBy(() -> parse("PERSON only two\tfields\n")).hasMessageContaining("4 tab-separated fields");
    }

    @Test
    void shouldMatchCompoundsWrittenTogetherOrApartAndWithIzafat() {
        Gazetteer g = new Gazetteer();
        g.add(new GazetteerEntry(EntityType.DESIGNATION, "Prime Minister", null, List.of("وزیر اعظم"), "t"));
        assertThat(g.lookup("وزیراعظم")).isNotNull();
        assertThat(g.lookup("وزیرِ اعظم")).isNotNull();
        assertThat(g.lookup("وزير اعظم")).as("Arabic yeh").isNotNull();
        assertThat(g.lookup("وزیر")).isNull();
    }

    @Test
    void shouldLetUserFilesExtendOrReplaceTheDefaults() throws IOException {
        Path file = dir.resolve("mine.tsv");
        Files.writeString(file, "PERSON\tAli Raza\t-\tعلی رضا زیدی\nNONE\t-\t-\tلاہور\n", StandardCharsets.UTF_8);
        List<Entity> extended = EntityTagger.withGazetteers(List.of(file), false)
                .tag("علی رضا زیدی نے لاہور اور کراچی کا دورہ کیا۔", null);
        assertThat(extended)
                .extracting(Entity::text, Entity::canonicalName)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("علی رضا زیدی", "Ali Raza"),
                        org.assertj.core.groups.Tuple.tuple("کراچی", "Karachi"))
                .noneMatch(t -> t.toList().contains("لاہور"));
        List<Entity> replaced = EntityTagger.withGazetteers(List.of(file), true)
                .tag("علی رضا زیدی نے لاہور اور کراچی کا دورہ کیا۔", null);
        assertThat(replaced).extracting(Entity::text).contains("علی رضا زیدی").doesNotContain("کراچی");
    }

    @Test
    void shouldLoadCldrCountriesAndCities() {
        Gazetteer g = Gazetteer.defaults();
        assertThat(g.lookup("ارجنٹینا").canonicalName()).isEqualTo("Argentina");
        assertThat(g.lookup("جوہانسبرگ").type()).isEqualTo(EntityType.LOCATION);
        assertThat(g.entries()).anyMatch(e -> "cldr".equals(e.source()));
    }
}
