package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classes of error found in the seeded samples of real-news mentions (docs/ner-history.md, "Third session"), one
 * test per class. The sentences are written for the tests in the shape of the errors, not copied from the articles.
 */
class RealNewsPrecisionTest {
    private static final EntityTagger TAGGER = TestTaggers.DEFAULT;
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();

    private static List<Entity> tag(String text) {
        return TAGGER.tagArticle(null, NORMALIZER.normalize(text), null).stream()
                .filter(e -> e.type() != EntityType.DATE)
                .toList();
    }

    private static List<String> of(EntityType type, String text) {
        return tag(text).stream()
                .filter(e -> e.type() == type)
                .map(Entity::text)
                .toList();
    }

    @Test
    void shouldNotMakeAnAssociationOrSocietyAPersonAfterATitle() {
        assertThat(of(EntityType.PERSON, "ترجمان ایسوسی ایشن کے مطابق ہڑتال جاری رہے گی۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "ٹرانسپورٹرز ایسوسی ایشن نے مطالبہ کیا ہے۔"))
                .isEmpty();
        assertThat(of(EntityType.ORGANIZATION, "ٹرانسپورٹرز ایسوسی ایشن نے مطالبہ کیا ہے۔"))
                .containsExactly("ٹرانسپورٹرز ایسوسی ایشن");
        // the memory is not taught it either (it was active on real news and tagged every later association)
        NameMemory memory = new NameMemory();
        List<NameMemory.Observation> seen = new ArrayList<>();
        TAGGER.withMemory(memory)
                .tagArticle(null, NORMALIZER.normalize("سیکرٹری جنرل ایسوسی ایشن نے کہا کہ فیصلہ غلط ہے۔"), null, seen);
        assertThat(seen).noneMatch(o -> o.surface().contains("ایسوسی"));
    }

    @Test
    void shouldMakeAPortOrAirBaseAPlaceNotAPerson() {
        List<Entity> port = tag("ایران نے شاہد رجائی بندرگاہ کی توسیع کا اعلان کیا۔");
        assertThat(port)
                .extracting(Entity::type, Entity::text)
                .contains(tuple(EntityType.LOCATION, "شاہد رجائی بندرگاہ"));
        assertThat(port).noneMatch(e -> e.type() == EntityType.PERSON);
        assertThat(of(EntityType.LOCATION, "طیارے بگرام ہوائی اڈہ پر اترے۔")).containsExactly("بگرام ہوائی اڈہ");
    }

    @Test
    void shouldNotTakeAVerbStemOrARankAfterATitleForAName() {
        assertThat(of(EntityType.PERSON, "اگر وہ دوبارہ صدر بن جائے تو کیا ہوگا۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "نریندر مودی وزیر اعظم بننے کے بعد سے اب تک خاموش ہیں۔"))
                .containsExactly("نریندر مودی");
        assertThat(of(
                        EntityType.PERSON,
                        "سہیل آفریدی وزیر اعلی بننے کے بعد پہلی بار آئے۔ ان میں صدر بننے کا سٹیمنا نہیں۔"))
                .containsExactly("سہیل آفریدی");
        assertThat(of(EntityType.PERSON, "اس کمیٹی کی سربراہی میجر جنرل رینک کے افسر کریں گے۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "اس کمیٹی کی سربراہی میجر جنرل عاصم کریں گے۔"))
                .containsExactly("عاصم");
    }

    @Test
    void shouldNotMakeANumeralCompoundAName() {
        assertThat(of(EntityType.PERSON, "وزیر اعظم دوطرفہ امور پر بات کریں گے۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "دونوں ملکوں کے دو طرفہ تعلقات مضبوط ہیں۔"))
                .isEmpty();
    }

    @Test
    void shouldNotMakeAKindOfMarketClubOrStationAName() {
        assertThat(tag("آج اسٹاک مارکیٹ میں تیزی رہی جبکہ انٹر بینک میں ڈالر سستا ہوا اور اوپن کرنسی مارکیٹ میں بھی۔"))
                .isEmpty();
        assertThat(tag("شہر کے ایک نائٹ کلب پر حملہ ہوا اور خلائی اسٹیشن سے ووٹ ڈالا گیا۔"))
                .isEmpty();
        assertThat(of(EntityType.LOCATION, "وہ انارکلی مارکیٹ گئے۔")).containsExactly("انارکلی مارکیٹ");
    }

    @Test
    void shouldNotStartAPlaceOrInstitutionWithAnAdverbOrParticiple() {
        assertThat(of(EntityType.LOCATION, "بعد ازاں بوسال جیل کے باہر مظاہرہ ہوا۔"))
                .containsExactly("بوسال جیل");
        assertThat(of(EntityType.ORGANIZATION, "طالب علم نے مشتعل ہوکر ٹیکنیکل کالج میں حملہ کیا۔"))
                .containsExactly("ٹیکنیکل کالج");
        assertThat(of(EntityType.ORGANIZATION, "وہ چار سالہ کالج کی ڈگری چاہتے ہیں۔"))
                .isEmpty();
    }

    @Test
    void shouldReadATitledNameBeforeAnInstitutionWordAsThePerson() {
        List<Entity> arrived = tag("اسی دوران ڈاکٹر ناصر کالج آن پہنچے۔");
        assertThat(arrived).extracting(Entity::type, Entity::text).contains(tuple(EntityType.PERSON, "ناصر"));
        assertThat(arrived).noneMatch(e -> e.type() == EntityType.ORGANIZATION);
    }

    @Test
    void shouldEndANameBeforeAnOrdinalARoleOrAKinshipWord() {
        assertThat(of(EntityType.PERSON, "کپتان رحمان اللہ گرباز آٹھویں نمبر پر رہے۔"))
                .containsExactly("رحمان اللہ گرباز");
        assertThat(of(EntityType.PERSON, "محفل میں بہادر علی قوال نے کلام پیش کیا۔"))
                .noneMatch(p -> p.contains("قوال"));
        assertThat(of(EntityType.PERSON, "ہلاک ہونے والوں میں عبدالغنی ولد شاکم خان شامل ہیں۔"))
                .noneMatch(p -> p.contains("ولد"));
    }

    @Test
    void shouldNotReadAVerbOrACompoundAsAnHonorificOrAGivenName() {
        assertThat(of(EntityType.PERSON, "شہد کو پانی ملا پتلا کر دیا جائے۔")).isEmpty();
        assertThat(of(EntityType.PERSON, "دہشت گرد طیارہ ہائی جیک کر لیں گے۔")).isEmpty();
        assertThat(of(EntityType.PERSON, "اجلاس میں ملا عمر نے شرکت کی۔")).containsExactly("ملا عمر");
    }

    @Test
    void shouldTakeAFamilyHonorificAfterANameIntoIt() {
        assertThat(of(EntityType.PERSON, "سیکریٹری خارجہ اعزاز احمد چوہدری نے اجلاس میں بریفنگ دی۔"))
                .containsExactly("اعزاز احمد چوہدری");
        assertThat(of(EntityType.PERSON, "وفد کے سربراہ سینیٹر مشاہد حسین سید نے کہا کہ کشیدگی ہے۔"))
                .containsExactly("مشاہد حسین سید");
        // before the next name it still starts that name
        assertThat(of(EntityType.PERSON, "اجلاس میں اکرم ملک میاں یوسف بھی تھے۔"))
                .doesNotContain("اکرم ملک میاں یوسف");
    }

    @Test
    void shouldNotLinkAPersonsPartThatNamesACompanyOrAFamily() {
        List<Entity> group = tag("کمپنی کے چیئرمین گوتم اڈانی نے کہا کہ اڈانی گروپ سرمایہ کاری کرے گا۔");
        assertThat(group).extracting(Entity::type, Entity::text).contains(tuple(EntityType.ORGANIZATION, "اڈانی گروپ"));
        assertThat(group)
                .filteredOn(e -> e.type() == EntityType.PERSON)
                .extracting(Entity::text)
                .containsExactly("گوتم اڈانی");
        assertThat(of(EntityType.PERSON, "اداکار امیتابھ بچن نے کہا کہ بچن فیملی خوش ہے۔"))
                .containsExactly("امیتابھ بچن");
    }

    @Test
    void shouldNotMakeAFieldOfStudyAVerbOrAnAdjectiveAfterATitleAName() {
        assertThat(of(EntityType.PERSON, "کمیٹی کے مطابق ماہرین طبیعیات کی دریافت اہم ہے۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "وہ یونیورسٹی کی کرکٹ ٹیم کی چار سال کپتان رہیں۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "ہسپتال میں 20 ڈاکٹر غیرحاضر ہونے کے باوجود تنخواہ لیتے رہے۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "ایک عینی شاہد صوبیدار ہمایوں نے بتایا کہ دھماکہ ہوا۔"))
                .containsExactly("ہمایوں");
    }

    @Test
    void shouldNotMakeADescribedMarketAnOfficeOrAnObliquePluralAPlace() {
        assertThat(tag("شہر کے ایک مصروف بازار میں دھماکہ ہوا اور لیبر مارکیٹ اور انٹرنیشنل مارکیٹ متاثر ہوئی۔"))
                .isEmpty();
        assertThat(of(EntityType.LOCATION, "حملہ آور نے ضلع کچہری کے دروازے پر بم پھینکا۔"))
                .isEmpty();
        assertThat(of(EntityType.LOCATION, "میئر پولیس کے ہاتھوں جیل میں ہلاک ہوگئے۔"))
                .isEmpty();
        assertThat(of(EntityType.LOCATION, "وہ انارکلی بازار اور لبرٹی مارکیٹ گئے۔"))
                .containsExactly("انارکلی بازار", "لبرٹی مارکیٹ");
    }

    @Test
    void shouldNeedAKnownNameForOneWordInAListOrAfterBaqaulAndKnowIdiomsWithNames() {
        assertThat(of(EntityType.PERSON, "میاں نواز شریف اور اسٹیبلشمنٹ کے مابین محاذ آرائی رہی۔"))
                .containsExactly("میاں نواز شریف");
        assertThat(of(EntityType.PERSON, "ان کے بقول طاقت کے توازن کو برقرار رکھنا ہوگا۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "زخمی ہفتہ کو علی الصبح اسپتال میں چل بسا۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "حکومت گورنر راج کی باتیں کر رہی ہے۔")).isEmpty();
        assertThat(tag("گہری سمندری بندرگاہ پر اور شہر میں واقع ہوائی اڈے پر حملہ ہوا۔"))
                .isEmpty();
    }

    @Test
    void shouldNotReadAreaBeforeANounsGenitiveAsAPlaceHead() {
        assertThat(of(EntityType.LOCATION, "میدانی علاقے دھند کی لپیٹ میں ہیں۔"))
                .isEmpty();
        assertThat(of(EntityType.LOCATION, "تنظیم کے علاقہ کھونے کی رفتار کم ہوئی۔"))
                .isEmpty();
        assertThat(of(EntityType.LOCATION, "یمن کے علاقے باجل میں حملہ ہوا۔")).contains("باجل");
    }

    @Test
    void shouldNotMakeAPortfolioOrDepartmentAfterAnOfficeAPerson() {
        // seen on real news (fourth session's dump): ڈی جی انوائرمنٹ, سی ای او ہیلتھ, وزیر بحری امور X were people
        assertThat(of(EntityType.PERSON, "سی ای او ہیلتھ نے بتایا کہ مہم جاری رہے گی۔"))
                .isEmpty();
        assertThat(of(EntityType.PERSON, "ڈی جی انوائرمنٹ نے دوبارہ تصدیق کی۔")).isEmpty();
        assertThat(of(EntityType.PERSON, "ڈی آئی جی آپریشنز فیصل کامران نے میڈیا کو بتایا۔"))
                .containsExactly("فیصل کامران");
        assertThat(of(EntityType.PERSON, "ایئر مارشل جواد سعید ایڈمنسٹریشن کے انچارج تھے۔"))
                .containsExactly("جواد سعید");
    }
}
