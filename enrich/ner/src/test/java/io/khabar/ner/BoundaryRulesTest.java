package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15, boundaries of PERSON mentions (docs/ner.md, "boundary, 2026-12-02"). Sentences written for the test. */
class BoundaryRulesTest {
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
    void shouldKeepAnOfficeNoListKnowsAfterADeputyWordOutOfTheName() {
        String s = "تنظیم کے نائب ڈائرکٹر جولیان مارکوس کا کہنا ہے کہ رپورٹ جلد شائع ہو گی۔";
        assertThat(people(s)).containsExactly("جولیان مارکوس");
        assertThat(tag(s))
                .extracting(Entity::type, Entity::text)
                .contains(tuple(EntityType.DESIGNATION, "نائب ڈائرکٹر"));
        assertThat(people("بینک کے قائمقام منتظم کارلو بیسانتی نے استعفیٰ دے دیا۔"))
                .containsExactly("کارلو بیسانتی");
    }

    @Test
    void shouldNotMakeAnOfficeOrANameOfADeputyWordWithoutANameAfterIt() {
        assertThat(tag("دفتر میں نائب قاصد کی آسامی خالی ہے۔")).isEmpty();
        assertThat(people("اسسٹنٹ پروفیسروں کی تنخواہیں بڑھا دی گئیں۔")).isEmpty();
        // the office has more words than one: its head, not a name, follows the first
        assertThat(people("وہ یونیورسٹی میں اسسٹنٹ لیبارٹری ایسوسی ایٹ اور لیکچرر رہے۔"))
                .isEmpty();
        assertThat(people("درخواست ایڈیشنل پولیٹیکل ایجنٹ، کمشنر اور عدالت کو بھیجی گئی۔"))
                .isEmpty();
        assertThat(people("علاقے کے ڈپٹی ڈسٹرکٹ چیف ملیانو نے بات کی۔")).isEmpty();
    }

    @Test
    void shouldMakeAMillsNameAnOrganisationNotAPersonWhoseLastWordRepeats() {
        String s = "حکم کے بعد چوہدری فاروق شوگر ملز کی منتقلی رک گئی۔ وکلا نے کہا کہ شوگر ملز کے مالکان اپیل کریں گے۔ "
                + "ایک اور شوگر مل بھی بند ہے۔";
        assertThat(people(s)).isEmpty();
        assertThat(tag(s))
                .extracting(Entity::type, Entity::text)
                .contains(tuple(EntityType.ORGANIZATION, "چوہدری فاروق شوگر ملز"));
        // a name before ملز is still a person where a postposition closes it first
        assertThat(people("فاروق احمد نے کہا کہ ملز بند نہیں ہوں گی۔")).containsExactly("فاروق احمد");
        assertThat(tag("شہر کی شوگر ملز بند ہیں۔ سیکرٹری انڈسٹریز نے نوٹس لیا۔"))
                .noneMatch(e -> e.type() == EntityType.PERSON || e.type() == EntityType.ORGANIZATION);
    }
}
