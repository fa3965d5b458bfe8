package io.khabar.ner.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.EntityType;
import io.khabar.ner.EntityTagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealNewsSampleTest {
    @Test
    void shouldDrawTheSameSampleForTheSameSeedAndADifferentOneForAnother(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("00001.txt"),
                "عمران خان لاہور پہنچ گئے\n\nوزیر اعظم عمران خان نے کراچی اور لاہور کا دورہ کیا۔");
        Files.writeString(dir.resolve("00002.txt"), "پشاور میں اجلاس\n\nگورنر شاہ فرمان نے پشاور اور مردان میں کہا۔");
        Files.writeString(dir.resolve("notes.md"), "not an article");
        Map<EntityType, List<RealNewsSample.Mention>> all =
                RealNewsSample.mentions(EntityTagger.withDefaultGazetteers(), dir, true);
        List<RealNewsSample.Mention> places = all.get(EntityType.LOCATION);
        assertThat(places).extracting(m -> m.entity().text()).contains("لاہور", "کراچی", "پشاور", "مردان");
        assertThat(places).extracting(RealNewsSample.Mention::article).containsOnly("00001", "00002");
        List<String> a = RealNewsSample.sample(places, 7, 3).stream()
                .map(m -> m.inContext())
                .toList();
        List<String> b = RealNewsSample.sample(places, 7, 3).stream()
                .map(m -> m.inContext())
                .toList();
        assertThat(a).hasSize(3).isEqualTo(b);
        assertThat(a).allMatch(s -> s.contains("[") && s.contains("]"));
        assertThat(RealNewsSample.sample(places, 7, 100)).hasSameSizeAs(places);
    }
}
