package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.ArticleEntities;
import io.khabar.model.ArticleEntity;
import io.khabar.model.Entity;
import io.khabar.model.EntityKeyFunction;
import io.khabar.model.EntityMention;
import io.khabar.model.EntityType;
import io.khabar.ner.identity.EntityKeys;
import io.khabar.text.NormalizedText;
import io.khabar.text.UrduNormalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: an acronym in parentheses after an organisation the rules found (no canonical name to share) is the same
 * entity as the organisation, with its key, and so are the acronym's later lone mentions. Sentences written for the
 * tests.
 */
class AcronymKeysTest {
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();
    /** As the enricher keys entities without a Wikidata id. */
    private static final EntityKeyFunction KEYS =
            (type, canonical, wikidataId, text) -> EntityKeys.key(type, text, canonical);

    private static final String ORG = "ٹمبکٹو کونسل آف زرعی ریسرچ";
    private static final String ACRONYM = "ٹی سی زیڈ آر";

    private static List<Entity> tag(String title, String body) {
        NormalizedText t = title == null ? null : NORMALIZER.normalize(title);
        return TestTaggers.DEFAULT.tagArticle(t, NORMALIZER.normalize(body), null);
    }

    private static List<ArticleEntity> organisations(List<Entity> tagged) {
        return ArticleEntities.group(tagged, KEYS).stream()
                .filter(e -> e.type() == EntityType.ORGANIZATION)
                .toList();
    }

    @Test
    void shouldGiveTheAcronymOfARuleFoundOrganisationTheOrganisationsKeyAndJoinItsLaterMentions() {
        List<Entity> tagged = tag(
                ACRONYM + " کی نئی رپورٹ",
                ORG + " (" + ACRONYM + ") نے گندم پر رپورٹ جاری کی۔ ماہرین کے مطابق " + ACRONYM
                        + " کی سفارشات پر عمل کیا جائے گا۔");
        // the tagger keeps the acronym's own text and offsets
        assertThat(tagged.stream().filter(e -> e.type() == EntityType.ORGANIZATION))
                .extracting(Entity::field, Entity::text, Entity::method)
                .containsExactly(
                        tuple(Entity.TITLE, ACRONYM, Entity.Method.COREFERENCE),
                        tuple(Entity.BODY, ORG, Entity.Method.RULE),
                        tuple(Entity.BODY, ACRONYM, Entity.Method.RULE),
                        tuple(Entity.BODY, ACRONYM, Entity.Method.COREFERENCE));
        List<ArticleEntity> orgs = organisations(tagged);
        assertThat(orgs).hasSize(1);
        ArticleEntity org = orgs.get(0);
        assertThat(org.key()).isEqualTo(EntityKeys.key(EntityType.ORGANIZATION, ORG, null));
        assertThat(org.text()).isEqualTo(ORG);
        assertThat(org.mentions())
                .extracting(EntityMention::field, EntityMention::method)
                .containsExactly(
                        tuple(Entity.TITLE, Entity.Method.COREFERENCE),
                        tuple(Entity.BODY, Entity.Method.RULE),
                        tuple(Entity.BODY, Entity.Method.RULE),
                        tuple(Entity.BODY, Entity.Method.COREFERENCE));
    }

    @Test
    void shouldKeepTheAcronymOfAGazetteerOrganisationOnItsCanonicalName() {
        List<ArticleEntity> orgs =
                organisations(tag(null, "شنگھائی تعاون تنظیم (ایس سی او) کا اجلاس ہوا۔ ایس سی او کے وزرا نے شرکت کی۔"));
        assertThat(orgs).hasSize(1);
        assertThat(orgs.get(0).canonicalName()).isEqualTo("Shanghai Cooperation Organisation");
        assertThat(orgs.get(0).mentions()).hasSize(3);
    }

    @Test
    void shouldLinkALoneAcronymIntroducedAfterTwoDifferentOrganisationsToNeither() {
        String other = "ٹمبکٹو کمیشن آف زرعی تحقیق";
        List<Entity> tagged = tag(
                null,
                ORG + " (" + ACRONYM + ") نے رپورٹ جاری کی۔ " + other + " (" + ACRONYM + ") نے اسے رد کر دیا۔ "
                        + "بعد میں " + ACRONYM + " نے وضاحت کی۔");
        List<ArticleEntity> orgs = organisations(tagged);
        // each introduction is its organisation's; the lone mention, which could be either, is its own
        assertThat(orgs)
                .extracting(ArticleEntity::text, e -> e.mentions().size())
                .containsExactly(tuple(ORG, 2), tuple(other, 2), tuple(ACRONYM, 1));
        assertThat(orgs.get(2).key()).isEqualTo(EntityKeys.key(EntityType.ORGANIZATION, ACRONYM, null));
    }

    @Test
    void shouldTeachTheNameMemoryNeitherTheOrganisationNorItsAcronym() {
        // the memory learns people only: organisation shapes fire again by themselves (see MemoryPass.observe)
        List<NameMemory.Observation> seen = new ArrayList<>();
        TestTaggers.DEFAULT
                .withMemory(new NameMemory())
                .tagArticle(null, NORMALIZER.normalize(ORG + " (" + ACRONYM + ") نے رپورٹ جاری کی۔"), null, seen);
        assertThat(seen)
                .noneMatch(o -> o.surface().contains(ACRONYM) || o.surface().contains("کونسل"));
    }

    @Test
    void shouldNotMakeAFactionLetterAnAlias() {
        assertThat(tag(null, "پاکستان مسلم لیگ (ن) کے رہنما نے کہا۔"))
                .noneMatch(e -> e.text().equals("ن") || e.aliasOf() != null);
    }
}
