package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules beyond the gazetteer, on made-up sentences. */
class RulesTest {
    private static final EntityTagger TAGGER = TestTaggers.DEFAULT;
    private static final LocalDate PUB = LocalDate.of(2023, 3, 15); // a Wednesday

    private static List<Entity> tag(String text, LocalDate pub) {
        return TAGGER.tag(new UrduNormalizer().normalize(text).text(), pub);
    }

    @Test
    void shouldTakeTheNameAfterADesignationAsAPerson() {
        assertThat(tag("وزیر داخلہ فرحان زبیری نے پریس کانفرنس کی۔", null))
                .extracting(Entity::type, Entity::text, Entity::method)
                .contains(
                        tuple(EntityType.DESIGNATION, "وزیر داخلہ", Entity.Method.GAZETTEER),
                        tuple(EntityType.PERSON, "فرحان زبیری", Entity.Method.RULE));
    }

    @Test
    void shouldSkipThePortfolioAfterMinister() {
        assertThat(tag("وزیر تعلیم طلحہ گوندل نے کہا", null))
                .filteredOn(e -> e.type() == EntityType.PERSON)
                .extracting(Entity::text)
                .containsExactly("طلحہ گوندل");
    }

    @Test
    void shouldNotTakeACommonWordAfterADesignationAsAName() {
        assertThat(tag("صدر نے کہا کہ وزیر اعظم کل جائیں گے۔", null)).noneMatch(e -> e.type() == EntityType.PERSON);
    }

    @Test
    void shouldReadHonorificAndGivenNameRuns() {
        assertThat(tag("اجلاس میں مولانا عبدالغفور حیدری اور محمد اسلم بھٹی شریک ہوئے۔", null))
                .filteredOn(e -> e.type() == EntityType.PERSON)
                .extracting(Entity::text)
                .containsExactly("مولانا عبدالغفور حیدری", "محمد اسلم بھٹی");
    }

    @Test
    void shouldTakeTheNameAfterARoleWord() {
        assertThat(tag("پارٹی کے رہنما طفیل گوہر نے استعفیٰ دے دیا جبکہ رہنما بننے کا شوق", null))
                .filteredOn(e -> e.type() == EntityType.PERSON)
                .extracting(Entity::text)
                .containsExactly("طفیل گوہر");
    }

    @Test
    void shouldTakeAnUnknownWordBeforeAFamilyNameAsAName() {
        assertThat(tag("اداکارہ ماہرہ خان کی نئی فلم", null))
                .filteredOn(e -> e.type() == EntityType.PERSON)
                .extracting(Entity::text)
                .containsExactly("ماہرہ خان");
    }

    @Test
    void shouldLinkALaterSurnameToTheFullName() {
        assertThat(tag("وزیر خارجہ سرگئی لاوروف آئے۔ بعد میں لاوروف نے کہا", null))
                .filteredOn(e -> e.text().equals("لاوروف"))
                .extracting(Entity::canonicalName)
                .containsExactly("Sergey Lavrov");
        assertThat(tag("وزیر خزانہ ارسلان مرزوق نے کہا۔ مرزوق نے مزید کہا", null))
                .filteredOn(e -> e.text().equals("مرزوق"))
                .extracting(Entity::type, Entity::method)
                .containsExactly(tuple(EntityType.PERSON, Entity.Method.COREFERENCE));
    }

    @Test
    void shouldWidenKnownNamesWithHonorificsAndPlacesWithCompassWords() {
        assertThat(tag("میاں نواز شریف نے شمالی وزیرستان اور جنوبی عراق کا ذکر کیا", null))
                .extracting(Entity::text, Entity::canonicalName)
                .contains(
                        tuple("میاں نواز شریف", "Nawaz Sharif"),
                        tuple("شمالی وزیرستان", "North Waziristan"),
                        tuple("جنوبی عراق", "Iraq"));
    }

    @Test
    void shouldTakeTheAcronymInParenthesesAsAnAliasAndLinkItsLaterMentions() {
        UrduNormalizer n = new UrduNormalizer();
        List<Entity> entities = TAGGER.tagArticle(
                n.normalize("کیو اے بی کا ریفرنس"),
                n.normalize("قومی احتساب بیورو (کیو اے بی) نے ریفرنس دائر کیا۔ بعد میں کیو اے بی نے کہا"),
                null);
        assertThat(entities)
                .extracting(Entity::field, Entity::text, Entity::canonicalName, Entity::method)
                .containsExactly(
                        tuple(Entity.TITLE, "کیو اے بی", "National Accountability Bureau", Entity.Method.COREFERENCE),
                        tuple(
                                Entity.BODY,
                                "قومی احتساب بیورو",
                                "National Accountability Bureau",
                                Entity.Method.GAZETTEER),
                        tuple(Entity.BODY, "کیو اے بی", "National Accountability Bureau", Entity.Method.RULE),
                        tuple(Entity.BODY, "کیو اے بی", "National Accountability Bureau", Entity.Method.COREFERENCE));
    }

    @Test
    void shouldNotTakeAFactionLetterAsAnAlias() {
        assertThat(tag("پاکستان مسلم لیگ (ن) کے رہنما", null))
                .extracting(Entity::text)
                .containsExactly("پاکستان مسلم لیگ");
    }

    @Test
    void shouldFindPlacesByTheirShape() {
        assertThat(tag("پولیس نے گلشن اقبال ٹاؤن اور صوبہ زابل میں کارروائی کی", null))
                .filteredOn(e -> e.type() == EntityType.LOCATION)
                .extracting(Entity::text)
                .contains("گلشن اقبال ٹاؤن", "زابل");
    }

    @Test
    void shouldTellEgyptFromInsistent() {
        assertThat(tag("وہ اپنے موقف پر مصر ہیں جبکہ وزیر خارجہ مصر گئے۔", null))
                .filteredOn(e -> e.type() == EntityType.LOCATION)
                .extracting(Entity::text)
                .containsExactly("مصر");
    }

    @Test
    void shouldTellSyriaFromEvening() {
        assertThat(tag("آج شام بارش ہوئی جبکہ شام میں جنگ جاری ہے۔", null))
                .filteredOn(e -> e.type() == EntityType.LOCATION)
                .hasSize(1);
    }

    @Test
    void shouldResolveDatesAgainstThePublicationDate() {
        assertThat(tag("سنہ دوہزارچھ میں، 14 اگست 2013 کو، گزشتہ منگل، اگلے ہفتے، پیر کو اور گزشتہ روز", PUB))
                .filteredOn(e -> e.type() == EntityType.DATE)
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(
                        tuple("سنہ دوہزارچھ", "2006"),
                        tuple("14 اگست 2013", "2013-08-14"),
                        tuple("گزشتہ منگل", "2023-03-14"),
                        tuple("اگلے ہفتے", "2023-W12"),
                        tuple("پیر", "2023-03-13"),
                        tuple("گزشتہ روز", "2023-03-14"));
    }

    @Test
    void shouldReadYearsInWordsAndIslamicDates() {
        assertThat(tag("یہ سنہ انیس سو اکتالیس کی بات ہے اور 10 محرم 1445 کو جلوس نکلا", PUB))
                .filteredOn(e -> e.type() == EntityType.DATE)
                .extracting(Entity::canonicalName)
                .containsExactly("1941", "2023-07-28");
    }

    @Test
    void shouldResolveAnIslamicDateWithoutYearToTheNearestOne() {
        // 12 Rabi al-Awwal 1444 fell on 2022-10-08 and 1445 on 2023-09-27 (Umm al-Qura); 2023-03-15 is nearer the first
        assertThat(tag("12 ربیع الاول کو عام تعطیل ہوگی", PUB))
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(tuple("12 ربیع الاول", "2022-10-08"));
    }

    @Test
    void shouldKeepAFullNameThatStartsLikeAFunctionWord() {
        assertThat(tag("امریکی صدر جو بائیڈن نے کہا", null))
                .filteredOn(e -> e.type() == EntityType.PERSON)
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(tuple("جو بائیڈن", "Joe Biden"));
    }

    @Test
    void shouldLeaveRelativeDatesUnresolvedWithoutAPublicationDate() {
        assertThat(tag("گزشتہ ماہ اور 25 اگست کو", null))
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(tuple("گزشتہ ماہ", null), tuple("25 اگست", null));
    }

    @Test
    void shouldTagNothingInPlainProse() {
        assertThat(tag("ہم نے کل بازار سے سبزی خریدی اور پھر گھر واپس آ کر کھانا پکایا۔", PUB))
                .isEmpty();
    }
}
