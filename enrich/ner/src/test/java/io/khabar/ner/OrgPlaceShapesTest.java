package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Organisation and place shapes (issue 15, corpora side), each error class on made-up sentences. */
class OrgPlaceShapesTest {
    private static List<Entity> tag(String text) {
        return TestTaggers.DEFAULT.tag(new UrduNormalizer().normalize(text).text(), null);
    }

    private static List<String> of(List<Entity> entities, EntityType type) {
        return entities.stream().filter(e -> e.type() == type).map(Entity::text).toList();
    }

    @Test
    void shouldTakeTheWordsAfterOfIntoAnInstitutionsName() {
        assertThat(of(tag("وہ یونیورسٹی آف میری لینڈ کے سائنس دان ہیں۔"), EntityType.ORGANIZATION))
                .containsExactly("یونیورسٹی آف میری لینڈ");
        assertThat(tag("انہوں نے ٹمبکٹو کونسل آف زرعی ریسرچ اینڈ ٹریننگ سے بات کی۔"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.ORGANIZATION, "ٹمبکٹو کونسل آف زرعی ریسرچ اینڈ ٹریننگ"));
        assertThat(of(tag("کارکنوں نے نیلگری فیڈریشن آف جرنلسٹس کے دفتر پر مظاہرہ کیا۔"), EntityType.ORGANIZATION))
                .containsExactly("نیلگری فیڈریشن آف جرنلسٹس");
    }

    @Test
    void shouldEndAnOfNameAtThePlaceThatEndsIt() {
        List<Entity> e = tag("یونیورسٹی آف میری لینڈ سائنس دانوں کا کہنا ہے");
        assertThat(of(e, EntityType.ORGANIZATION)).containsExactly("یونیورسٹی آف میری لینڈ");
    }

    @Test
    void shouldNotMakeAnOfPhraseWithoutAnInstitutionAnOrganisation() {
        assertThat(tag("یہ ٹیسٹ آف کرکٹ کا حصہ ہے")).noneMatch(x -> x.type() == EntityType.ORGANIZATION);
    }

    @Test
    void shouldKeepAKnownPlaceBeforeANamedPartyInTheName() {
        List<Entity> e = tag("سندھ ڈیموکریٹک الائنس کے انضمام کا اعلان ہوا");
        assertThat(e)
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.ORGANIZATION, "سندھ ڈیموکریٹک الائنس"));
    }

    @Test
    void shouldNameTribunalsAndLimitedCompanies() {
        assertThat(of(tag("نیشنل گرین ٹربیونل نے حکم دیا"), EntityType.ORGANIZATION))
                .containsExactly("نیشنل گرین ٹربیونل");
        assertThat(of(tag("یہ کام واٹر انفراسٹرکچر لمیٹڈ کو ملا"), EntityType.ORGANIZATION))
                .containsExactly("واٹر انفراسٹرکچر لمیٹڈ");
    }

    @Test
    void shouldNotNameAPlaceAfterADescriptiveWord() {
        for (String s : List.of(
                "یہ سب سے بڑی یارن مارکیٹ ہے",
                "شہر میں کئی فوڈ اسٹریٹ ابھر آئی ہیں",
                "پیداوار کے لئے تیار مارکیٹ فراہم کرتا ہے",
                "اس خفیہ جیل کا اعتراف کیا")) {
            assertThat(tag(s)).as(s).noneMatch(x -> x.type() == EntityType.LOCATION);
        }
        assertThat(of(tag("وہ لیاقت علی خان روڈ پر رہتے ہیں"), EntityType.LOCATION))
                .isNotEmpty();
    }

    @Test
    void shouldKnowIndianSpellingsAndUnionTerritoryPlaces() {
        assertThat(of(tag("یوروپ اور ایشیا کے درمیان تجارت"), EntityType.LOCATION))
                .containsExactly("یوروپ", "ایشیا");
        assertThat(of(tag("پونے ، رانچی ، کاریکل اور ینم میں بارش ہوئی"), EntityType.LOCATION))
                .containsExactly("پونے", "رانچی", "کاریکل", "ینم");
        assertThat(of(tag("گوا ، دمان اور دیو کے شہری"), EntityType.LOCATION)).containsExactly("گوا", "دمان اور دیو");
    }

    @Test
    void shouldNotTakeTheChainOfASupplyChainForChina() {
        assertThat(of(tag("سپلائی چین میں اصلاحات کی گئیں جبکہ چین نے احتجاج کیا"), EntityType.LOCATION))
                .containsExactly("چین");
    }

    @Test
    void shouldKnowSpellingVariantsAndTribalAreaTowns() {
        assertThat(tag("چچنیا اور سابق سوویت یونین کے درمیان"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.LOCATION, "چچنیا"), tuple(EntityType.LOCATION, "سابق سوویت یونین"));
        assertThat(tag("میران شاہ اور وانا میں کرفیو ہے"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.LOCATION, "میران شاہ"), tuple(EntityType.LOCATION, "وانا"));
    }

    @Test
    void shouldKnowIndianInstitutionsAndPublicFigures() {
        assertThat(tag("نیتی آیوگ اور اسرو کی رپورٹ پر شیو سینا نے تنقید کی"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(
                        tuple(EntityType.ORGANIZATION, "نیتی آیوگ"),
                        tuple(EntityType.ORGANIZATION, "اسرو"),
                        tuple(EntityType.ORGANIZATION, "شیو سینا"));
        assertThat(tag("اس کتاب میں مولانا ابوالکلام آزاد اور بی آر امبیڈکر کا ذکر ہے"))
                .filteredOn(e -> e.type() == EntityType.PERSON)
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(
                        tuple("مولانا ابوالکلام آزاد", "Abul Kalam Azad"), tuple("بی آر امبیڈکر", "B. R. Ambedkar"));
    }

    @Test
    void shouldTakeAWebSiteSuffixIntoAKnownOrganisation() {
        assertThat(of(tag("انھوں نے بی بی سی اردو ڈاٹ کام کو بتایا۔"), EntityType.ORGANIZATION))
                .containsExactly("بی بی سی اردو ڈاٹ کام");
        assertThat(of(tag("بی بی سی نیوز آن لائن سے گفتگو کرتے ہوئے انھوں نے کہا۔"), EntityType.ORGANIZATION))
                .containsExactly("بی بی سی نیوز آن لائن");
        // not a service or a language alone: بی بی سی اردو سروس keeps the corpora's span
        assertThat(of(tag("بی بی سی اردو سے بات کرتے ہوئے انھوں نے کہا۔"), EntityType.ORGANIZATION))
                .containsExactly("بی بی سی");
    }

    @Test
    void shouldReadTheNameBeforeASettlementWordAsAPlace() {
        assertThat(of(tag("مسلح افراد نے جھیل کے قریب ککوانا گاؤں پر حملہ کیا۔"), EntityType.LOCATION))
                .containsExactly("ککوانا");
        assertThat(of(tag("پولیس کے مطابق وردوجان ضلعے میں فائرنگ ہوئی۔"), EntityType.LOCATION))
                .containsExactly("وردوجان");
        // a description before the word is no name: adjectives in ی, participles, nouns of the lists
        assertThat(of(tag("وہ اپنے آبائی گاؤں میں دفن ہوئے اور محصور شہر کے لوگ آئے۔"), EntityType.LOCATION))
                .isEmpty();
        assertThat(of(tag("شہر بسایا گیا اور مونگانو شہر بسایا گیا۔"), EntityType.LOCATION))
                .isEmpty(); // the name closes with a postposition or punctuation after the word
    }

    @Test
    void shouldNameABodyThatAKnownPlaceNamesAcrossTheWordsBetween() {
        assertThat(tag("سندھ پبلک سروس کمیشن نے تحریری امتحان ملتوی کر دیا۔"))
                .extracting(Entity::type, Entity::text)
                .containsExactly(tuple(EntityType.ORGANIZATION, "سندھ پبلک سروس کمیشن"));
        assertThat(of(tag("کراچی واٹر اینڈ سیوریج بورڈ کے ملازمین نے کام بند کر دیا۔"), EntityType.ORGANIZATION))
                .containsExactly("کراچی واٹر اینڈ سیوریج بورڈ");
        List<Entity> e = tag("ملاوٹ کی شکایت پر پنجاب فوڈ اتھارٹی کی ٹیم نے چھاپہ مارا۔");
        assertThat(of(e, EntityType.ORGANIZATION)).containsExactly("پنجاب فوڈ اتھارٹی");
        assertThat(of(e, EntityType.LOCATION)).isEmpty();
        assertThat(of(tag("پشاور ڈویلپمنٹ اتھارٹی اور کوئٹہ الیکٹرک سپلائی کمپنی"), EntityType.ORGANIZATION))
                .containsExactly("پشاور ڈویلپمنٹ اتھارٹی", "کوئٹہ الیکٹرک سپلائی کمپنی");
    }

    @Test
    void shouldOpenABodysNameWithAScopeWordOrTwoJoinedPlaces() {
        assertThat(of(tag("نیشنل ڈیزاسٹر مینجمنٹ اتھارٹی نے الرٹ جاری کر دیا۔"), EntityType.ORGANIZATION))
                .containsExactly("نیشنل ڈیزاسٹر مینجمنٹ اتھارٹی");
        assertThat(of(tag("درخواست فیڈرل پبلک سروس کمیشن کو بھیجی گئی۔"), EntityType.ORGANIZATION))
                .containsExactly("فیڈرل پبلک سروس کمیشن");
        assertThat(of(tag("ان کی ملاقات انگلینڈ و ویلز کرکٹ بورڈ کے سربراہ سے ہوئی۔"), EntityType.ORGANIZATION))
                .containsExactly("انگلینڈ و ویلز کرکٹ بورڈ");
        // a scope word right before the body is a description: an international company
        assertThat(tag("یہ ایک انٹرنیشنل کمپنی ہے۔")).noneMatch(x -> x.type() == EntityType.ORGANIZATION);
    }

    @Test
    void shouldTakeAllIntoTheBodysName() {
        assertThat(of(tag("آل سندھ ٹیچرز کونسل نے ہڑتال کا اعلان کیا۔"), EntityType.ORGANIZATION))
                .containsExactly("آل سندھ ٹیچرز کونسل");
        assertThat(of(tag("اجلاس آل پارٹیز بلوچستان کمیٹی نے بلایا۔"), EntityType.ORGANIZATION))
                .containsExactly("آل پارٹیز بلوچستان کمیٹی");
        assertThat(tag("آل راؤنڈر نے چار وکٹیں لیں۔")).noneMatch(x -> x.type() == EntityType.ORGANIZATION);
    }

    @Test
    void shouldNotNameABodyAcrossAPostpositionAVerbANumberOrAPerson() {
        for (String s : List.of(
                "لاہور میں قائم کمپنی نے درخواست دی۔",
                "حکومت نے کہا کہ پاکستان نئی کمیٹی بنائے گا۔",
                "ملتان پہنچنے والی کمیٹی نے رپورٹ دی۔",
                "وفد کراچی گزشتہ ہفتے کمیشن کے سامنے پیش ہوا۔",
                "وہ پشاور دو کمپنیوں اور ایک کمیٹی کے ساتھ گئے۔",
                "اجلاس میں لاہور اسلم خان کمیٹی کو بریفنگ دی گئی۔",
                "اس میں ٹمبکٹو نامی کمپنی شامل ہے۔")) {
            assertThat(tag(s)).as(s).noneMatch(x -> x.type() == EntityType.ORGANIZATION);
        }
    }

    @Test
    void shouldTakeTheFieldAfterForIntoABodysName() {
        assertThat(of(tag("قائمہ کمیٹی برائے خارجہ امور کا اجلاس ملتوی ہو گیا۔"), EntityType.ORGANIZATION))
                .containsExactly("قائمہ کمیٹی برائے خارجہ امور");
        assertThat(of(tag("وزارت برائے انسانی حقوق نے نئی رپورٹ جاری کی۔"), EntityType.ORGANIZATION))
                .containsExactly("وزارت برائے انسانی حقوق");
        assertThat(of(tag("عالمی ادارہ برائے مہاجرین کے مطابق سرحد پر رش ہے۔"), EntityType.ORGANIZATION))
                .containsExactly("عالمی ادارہ برائے مہاجرین");
        assertThat(of(tag("کمیشن برائے سائنس و ثقافت نے انعام دیا۔"), EntityType.ORGANIZATION))
                .containsExactly("کمیشن برائے سائنس و ثقافت");
        assertThat(of(tag("کمیشن برائے خواتین کے امور نے سفارشات دیں۔"), EntityType.ORGANIZATION))
                .containsExactly("کمیشن برائے خواتین کے امور");
        assertThat(of(tag("اس ادارہ برائے زراعت، جنگلات و آبپاشی نے رپورٹ دی۔"), EntityType.ORGANIZATION))
                .containsExactly("ادارہ برائے زراعت، جنگلات و آبپاشی");
    }

    @Test
    void shouldNotMakeAnAdviserOrAPurposeAfterForAnOrganisation() {
        for (String s : List.of(
                "مشیر برائے خزانہ نے بجٹ پیش کیا۔",
                "بل قائمہ کمیٹی برائے غور بھیج دیا گیا۔",
                "یہ مکان برائے فروخت ہے۔",
                "انہوں نے برائے مہربانی خاموش رہنے کو کہا۔")) {
            assertThat(tag(s)).as(s).noneMatch(x -> x.type() == EntityType.ORGANIZATION);
        }
        // one word no list knows before the head belongs to the name, not a second one (a title written apart)
        assertThat(of(tag("چیئر مین اسٹینڈنگ کمیٹی برائے تجارت نے کہا۔"), EntityType.ORGANIZATION))
                .containsExactly("اسٹینڈنگ کمیٹی برائے تجارت");
        // the field ends before a person's title and name
        assertThat(of(tag("کمیٹی برائے خزانہ سینیٹر اسلم نے اجلاس بلایا۔"), EntityType.ORGANIZATION))
                .containsExactly("کمیٹی برائے خزانہ");
    }

    @Test
    void shouldTagTheAcronymInParenthesesAfterAnOrganisationTheRulesFound() {
        assertThat(of(tag("ٹمبکٹو کونسل آف زرعی ریسرچ (ٹی سی زیڈ آر) نے رپورٹ جاری کی۔"), EntityType.ORGANIZATION))
                .containsExactly("ٹمبکٹو کونسل آف زرعی ریسرچ", "ٹی سی زیڈ آر");
    }
}
