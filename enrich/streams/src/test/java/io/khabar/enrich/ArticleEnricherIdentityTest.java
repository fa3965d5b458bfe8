package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.ArticleEntity;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.EntityType;
import org.junit.jupiter.api.Test;

/** Issue 15: every entity of the record gets a stable key, and names without a canonical one a romanised name. */
class ArticleEnricherIdentityTest {
    private static final ArticleEnricher ENRICHER = ArticleEnricher.withDefaults();

    @Test
    void shouldKeyAndRomaniseEntitiesWithoutACanonicalName() {
        EnrichedArticle a = ENRICHER.enrich(TestArticles.article(
                "https://example.pk/i",
                "بیان",
                "پارٹی کی ترجمان زرتاشہ گلبدین نے اسلام آباد میں کہا کہ مذاکرات جاری رہیں گے۔"));
        ArticleEntity person = a.entities().stream()
                .filter(e -> e.text().equals("زرتاشہ گلبدین"))
                .findFirst()
                .orElseThrow();
        assertThat(person.type()).isEqualTo(EntityType.PERSON);
        assertThat(person.key()).isEqualTo("person:ur:زرتاشاگلبدن");
        assertThat(person.romanized()).isEqualTo("Zartasha Galbdin");
        ArticleEntity place = a.entities().stream()
                .filter(e -> e.text().equals("اسلام آباد"))
                .findFirst()
                .orElseThrow();
        assertThat(place.key()).isEqualTo("Q1362");
        assertThat(place.romanized()).isNull();
    }

    @Test
    void shouldGiveSpellingVariantsOfOneUnknownNameOneKey() {
        String k1 = ArticleEnricher.KEYS.key(EntityType.PERSON, null, null, "زرتاشہ گلبدین");
        String k2 = ArticleEnricher.KEYS.key(EntityType.PERSON, null, null, "زرتاشہ  گلبدىن");
        assertThat(k1).isEqualTo(k2);
    }
}
