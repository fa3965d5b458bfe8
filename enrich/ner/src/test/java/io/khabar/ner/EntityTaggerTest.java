package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.Entity;
import io.khabar.text.NormalizedText;
import io.khabar.text.UrduNormalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EntityTaggerTest {
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();

    @Test
    void shouldAcceptMissingOrEmptyFields() {
        assertThat(TestTaggers.DEFAULT.tagArticle(null, null, null)).isEmpty();
        assertThat(TestTaggers.DEFAULT.tagArticle(NORMALIZER.normalize(""), NORMALIZER.normalize("  ۔ ، "), null))
                .isEmpty();
        assertThat(TestTaggers.DEFAULT.tagArticle(null, NORMALIZER.normalize("لاہور"), null))
                .extracting(Entity::field)
                .containsExactly(Entity.BODY);
    }

    @Test
    void shouldMapOffsetsBackToTheRawText() {
        String raw = "وزیرِ اعظم عمران خان نے ﻻہور میں کہا"; // izafat mark and a presentation-form lam-alef
        NormalizedText nt = NORMALIZER.normalize(raw);
        List<Entity> entities = TestTaggers.DEFAULT.tagArticle(null, nt, null);
        assertThat(entities)
                .extracting(e -> raw.substring(e.originalStart(), e.originalEnd()))
                .contains("وزیرِ اعظم", "عمران خان");
        assertThat(entities)
                .allSatisfy(
                        e -> assertThat(nt.text().substring(e.start(), e.end())).isEqualTo(e.text()));
    }

    @Test
    void shouldGiveTheSameAnswerFromManyThreads() throws Exception {
        NormalizedText body =
                NORMALIZER.normalize("وزیر خارجہ سرگئی لاوروف نے رواں سال اپریل میں اسلام آباد کا دورہ کیا۔"
                        + " لاوروف نے شنگھائی تعاون تنظیم (ایس سی او) کا ذکر کیا۔");
        LocalDate pub = LocalDate.of(2021, 9, 15);
        List<Entity> expected = TestTaggers.DEFAULT.tagArticle(null, body, pub);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Entity>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> TestTaggers.DEFAULT.tagArticle(null, body, pub)));
            }
            for (Future<List<Entity>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(6);
    }
}
