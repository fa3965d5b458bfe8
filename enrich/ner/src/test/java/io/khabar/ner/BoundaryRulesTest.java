package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, boundaries of PERSON mentions (docs/ner-history.md, "boundary, 2026-12-02"). Sentences written for the
 * test.
 */
class BoundaryRulesTest {
    @Test
    void shouldKeepAnOfficeNoListKnowsAfterADeputyWordOutOfTheName() {
        String s = "تنظیم کے نائب ڈائرکٹر جولیان مارکوس کا کہنا ہے کہ رپورٹ جلد شائع ہو گی۔";
        assertThat(TestTaggers.peopleIn(s)).containsExactly("جولیان مارکوس");
        assertThat(TestTaggers.tagBody(s))
                .extracting(Entity::type, Entity::text)
                .contains(tuple(EntityType.DESIGNATION, "نائب ڈائرکٹر"));
        assertThat(TestTaggers.peopleIn("بینک کے قائمقام منتظم کارلو بیسانتی نے استعفیٰ دے دیا۔"))
                .containsExactly("کارلو بیسانتی");
    }

    @Test
    void shouldNotMakeAnOfficeOrANameOfADeputyWordWithoutANameAfterIt() {
        assertThat(TestTaggers.tagBody("دفتر میں نائب قاصد کی آسامی خالی ہے۔")).isEmpty();
        assertThat(TestTaggers.peopleIn("اسسٹنٹ پروفیسروں کی تنخواہیں بڑھا دی گئیں۔"))
                .isEmpty();
        // the office has more words than one: its head, not a name, follows the first
        assertThat(TestTaggers.peopleIn("وہ یونیورسٹی میں اسسٹنٹ لیبارٹری ایسوسی ایٹ اور لیکچرر رہے۔"))
                .isEmpty();
        assertThat(TestTaggers.peopleIn("درخواست ایڈیشنل پولیٹیکل ایجنٹ، کمشنر اور عدالت کو بھیجی گئی۔"))
                .isEmpty();
        assertThat(TestTaggers.peopleIn("علاقے کے ڈپٹی ڈسٹرکٹ چیف ملیانو نے بات کی۔"))
                .isEmpty();
    }

    @Test
    void shouldMakeAMillsNameAnOrganisationNotAPersonWhoseLastWordRepeats() {
        String s = "حکم کے بعد چوہدری فاروق شوگر ملز کی منتقلی رک گئی۔ وکلا نے کہا کہ شوگر ملز کے مالکان اپیل کریں گے۔ "
                + "ایک اور شوگر مل بھی بند ہے۔";
        assertThat(TestTaggers.peopleIn(s)).isEmpty();
        assertThat(TestTaggers.tagBody(s))
                .extracting(Entity::type, Entity::text)
                .contains(tuple(EntityType.ORGANIZATION, "چوہدری فاروق شوگر ملز"));
        // a name before ملز is still a person where a postposition closes it first
        assertThat(TestTaggers.peopleIn("فاروق احمد نے کہا کہ ملز بند نہیں ہوں گی۔"))
                .containsExactly("فاروق احمد");
        assertThat(TestTaggers.tagBody("شہر کی شوگر ملز بند ہیں۔ سیکرٹری انڈسٹریز نے نوٹس لیا۔"))
                .noneMatch(e -> e.type() == EntityType.PERSON || e.type() == EntityType.ORGANIZATION);
    }
}
