package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Context and shape evidence for unknown names, and the precision classes of issue 15. */
class ContextRulesTest {
    private static final EntityTagger TAGGER = TestTaggers.DEFAULT;
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();

    private static List<Entity> tag(String text) {
        return TAGGER.tagArticle(null, NORMALIZER.normalize(text), null);
    }

    private static List<String> people(String text) {
        return tag(text).stream()
                .filter(e -> e.type() == EntityType.PERSON)
                .map(Entity::text)
                .toList();
    }

    @Test
    void shouldFindUnknownNamesInSpeechAndAttributionFrames() {
        assertThat(people("اجلاس کے بعد فرخ حبیب نے کہا کہ حکومت ناکام ہے۔")).containsExactly("فرخ حبیب");
        assertThat(people("جبکہ زرتاشہ گلبدین کا کہنا ہے کہ فیصلہ غلط ہے۔")).containsExactly("زرتاشہ گلبدین");
        assertThat(people("اسد مرزوق کے مطابق مذاکرات جاری ہیں۔")).containsExactly("اسد مرزوق");
    }

    @Test
    void shouldNotMakeSourcesOrPluralsPeopleInTheSameFrames() {
        assertThat(people("ذرائع کے مطابق مذاکرات جاری ہیں۔ مظاہرین نے کہا کہ وہ واپس نہیں جائیں گے۔"))
                .isEmpty();
        assertThat(people("حملہ آوروں نے کہا کہ وہ واپس آئیں گے۔")).isEmpty();
    }

    @Test
    void shouldTakeANameBeforeSahibAndAfterBaqaul() {
        assertThat(people("اس موقع پر زرتاش صاحب بھی موجود تھے۔")).containsExactly("زرتاش");
    }

    @Test
    void shouldMakeAnOrganisationOfANameBeforeAnInstitutionOrTeamWord() {
        assertThat(tag("وہ گلبدین یونیورسٹی میں پڑھتے ہیں۔"))
                .extracting(Entity::type, Entity::text)
                .contains(tuple(EntityType.ORGANIZATION, "گلبدین یونیورسٹی"));
        // issue 15: اسلام آباد was a place inside the team's name
        assertThat(tag("مردان یونائیٹڈ نے میچ جیت لیا۔"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.ORGANIZATION, "مردان یونائیٹڈ"));
        assertThat(tag("اسلام آباد یونائیٹڈ نے میچ جیت لیا۔"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.ORGANIZATION, "اسلام آباد یونائیٹڈ"));
        assertThat(tag("تحقیقاتی کمیٹی نے رپورٹ دی۔")).noneMatch(e -> e.method() == Entity.Method.RULE);
    }

    @Test
    void shouldKeepTheWholeNameAtItsBoundaries() {
        assertThat(people("اوپنر صاحب زادہ فرحان نے 50 رنز بنائے۔")).containsExactly("صاحب زادہ فرحان");
        assertThat(people("بانی کے بیٹے مسرور نواز جھنگوی کامیاب ہو گئے۔")).containsExactly("مسرور نواز جھنگوی");
        assertThat(people("وزیر صحت رابرٹ ایف کینیڈی جونیئر نے کہا")).containsExactly("رابرٹ ایف کینیڈی جونیئر");
        assertThat(tag("پارٹی کے جنرل سیکریٹری نے اجلاس بلایا۔"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.DESIGNATION, "جنرل سیکریٹری"));
    }

    @Test
    void shouldNotMakeRolesAdjectivesOrAssembliesIntoPeople() {
        assertThat(people("ٹیم کے ہیڈکوچ نے کہا کہ کھلاڑی تیار ہیں۔ ہیڈ کوچ نے مزید کہا۔"))
                .isEmpty();
        assertThat(people("احمد ذہنی مریض نہیں۔ ان کا ذہنی دباؤ بڑھ گیا۔")).doesNotContain("ذہنی", "احمد ذہنی");
        assertThat(tag("امریکی ایوان نمائندگان نے بل منظور کر لیا۔"))
                .extracting(Entity::type)
                .containsExactly(EntityType.ORGANIZATION);
    }
}
