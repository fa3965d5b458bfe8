package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the general-knowledge list of public figures in {@code gazetteer/persons.tsv} finds people no context
 * marks, without tagging the common words their names contain (sentences written for the test).
 */
class PublicFiguresGazetteerTest {
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private static List<Entity> tag(String body) {
        return TestTaggers.DEFAULT.tagArticle(null, NORMALIZER.normalize(body), null);
    }

    private static List<Entity> people(List<Entity> entities) {
        return entities.stream().filter(e -> e.type() == EntityType.PERSON).toList();
    }

    @Test
    void shouldFindAPublicFigureNamedWithoutAnyContext() {
        List<Entity> out = tag("اس مجموعے میں الطاف حسین حالی اور ساحر لدھیانوی کی نظمیں شامل ہیں۔");
        assertThat(people(out))
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(
                        tuple("الطاف حسین حالی", "Altaf Hussain Hali"), tuple("ساحر لدھیانوی", "Sahir Ludhianvi"));
    }

    @Test
    void shouldReadAPlayerWhoseFamilyNameIsACityAsAPerson() {
        List<Entity> out = tag("دوسرے اوور میں وہاب ریاض نے دو کھلاڑیوں کو آؤٹ کیا۔");
        assertThat(people(out)).extracting(Entity::canonicalName).containsExactly("Wahab Riaz");
        assertThat(out).noneMatch(e -> e.type() == EntityType.LOCATION);
    }

    @Test
    void shouldLinkADistinctiveFamilyNameToTheFullNameInTheSameArticle() {
        List<Entity> out = tag("حسین شہید سہروردی وزیر اعظم بنے۔ بعد میں سہروردی کراچی چلے گئے۔");
        assertThat(people(out))
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(
                        tuple("حسین شہید سہروردی", "Huseyn Shaheed Suhrawardy"),
                        tuple("سہروردی", "Huseyn Shaheed Suhrawardy"));
    }

    @Test
    void shouldNotTagTheCommonWordsANameContainsOnTheirOwn() {
        // حاصل "obtained" of حاصل بزنجو, روشن "bright" of ریتک روشن: weak name parts, never linked alone
        List<Entity> out = tag("حاصل بزنجو نے کہا کہ حکومت نے کچھ حاصل نہیں کیا۔ ریتک روشن کا مستقبل روشن ہے۔");
        assertThat(people(out)).extracting(Entity::text).containsExactly("حاصل بزنجو", "ریتک روشن");
    }

    @Test
    void shouldNotMatchANameAcrossTheSpacesOfOtherWords() {
        // spaces are not part of match keys: no one-word form may be spelled by common words (ہلاک و = ہلاکو)
        assertThat(people(tag("دھماکے میں متعدد افراد ہلاک و زخمی ہو گئے۔"))).isEmpty();
    }

    @Test
    void shouldNotLetTheMemoryLearnTheCommonWordsOfAKnownName() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        List<NameMemory.Observation> seen = new ArrayList<>();
        tagger.tagArticle(null, NORMALIZER.normalize("اجلاس سے حاصل بزنجو اور ریتک روشن نے خطاب کیا۔"), DAY, seen);
        memory.observe(seen, DAY);
        List<Entity> later = tagger.tagArticle(
                null, NORMALIZER.normalize("ماہرین کے مطابق اب ملک کا مستقبل بہت روشن ہے۔"), DAY.plusDays(1), null);
        assertThat(people(later)).isEmpty();
    }

    @Test
    void shouldKeepEveryPersonFormAPersonAndNoOneWordFormACommonWord() throws IOException {
        Gazetteer defaults = Gazetteer.defaults();
        for (GazetteerEntry e : Gazetteer.readResource("gazetteer/persons.tsv")) {
            for (String form : e.forms()) {
                GazetteerEntry winner = defaults.lookup(form);
                assertThat(winner).as(form).isNotNull();
                assertThat(winner.type())
                        .as(form + " (" + winner.source() + ")")
                        .isEqualTo(EntityType.PERSON);
                if (Tokens.of(form).size == 1) {
                    assertThat(Lexicon.COMMON).as(form).doesNotContain(Keys.of(form));
                }
            }
        }
    }
}
