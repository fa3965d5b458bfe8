package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.ArticleEntity;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityMention;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import java.util.List;
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

    @Test
    void shouldMakeARuleFoundOrganisationAndItsAcronymOneEntityWithOneKey() {
        String org = "ٹمبکٹو کونسل آف زرعی ریسرچ";
        String acronym = "ٹی سی زیڈ آر";
        EnrichedArticle a = ENRICHER.enrich(TestArticles.article(
                "https://example.pk/acronym",
                acronym + " کی رپورٹ",
                org + " (" + acronym + ") نے رپورٹ جاری کی۔ " + acronym + " کے مطابق پیداوار بڑھی۔"));
        List<ArticleEntity> orgs = a.entities().stream()
                .filter(e -> e.type() == EntityType.ORGANIZATION)
                .toList();
        assertThat(orgs).hasSize(1);
        ArticleEntity e = orgs.get(0);
        assertThat(e.key()).isEqualTo("organization:ur:تمبکتوکونسلافزرعیرسرچ");
        assertThat(e.text()).isEqualTo(org);
        assertThat(e.romanized()).isNotNull();
        assertThat(e.mentions())
                .extracting(EntityMention::field, EntityMention::method)
                .containsExactly(
                        tuple(Entity.TITLE, Entity.Method.COREFERENCE),
                        tuple(Entity.BODY, Entity.Method.RULE),
                        tuple(Entity.BODY, Entity.Method.RULE),
                        tuple(Entity.BODY, Entity.Method.COREFERENCE));
        // each mention keeps its own offsets, so the flat view (and a reader of the record) sees the acronym's text
        assertThat(a.mentions().stream().filter(m -> m.type() == EntityType.ORGANIZATION))
                .extracting(Entity::text)
                .containsExactly(acronym, org, acronym, acronym);
        // and the record as written and read back keeps the one entity
        EnrichedArticle back = JsonSerde.enrichedArticle()
                .fromBytes(JsonSerde.enrichedArticle().toBytes(a));
        assertThat(back.entities()).isEqualTo(a.entities());
    }
}
