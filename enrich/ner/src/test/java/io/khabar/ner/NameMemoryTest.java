package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameMemoryTest {
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    /** Tags one article with the memory and lets the memory learn from it, as the pipeline does. */
    private static List<Entity> article(EntityTagger tagger, String text, LocalDate day) {
        List<NameMemory.Observation> seen = new ArrayList<>();
        List<Entity> out = tagger.tagArticle(null, NORMALIZER.normalize(text), day, seen);
        tagger.memory().observe(seen, day);
        return out;
    }

    @Test
    void shouldRecogniseInALaterArticleANameLearnedWithStrongEvidence() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        assertThat(article(tagger, "پارٹی کی ترجمان زرتاشہ گلبدین نے کہا کہ وہ تیار ہے۔", DAY))
                .extracting(Entity::text)
                .contains("زرتاشہ گلبدین");
        assertThat(article(tagger, "کل رات زرتاشہ گلبدین ٹی وی پر آئیں۔", DAY))
                .extracting(Entity::type, Entity::text, Entity::method)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, "زرتاشہ گلبدین", Entity.Method.MEMORY));
        assertThat(TestTaggers.DEFAULT.tagArticle(
                        null, NORMALIZER.normalize("کل رات زرتاشہ گلبدین ٹی وی پر آئیں۔"), DAY))
                .extracting(Entity::text)
                .doesNotContain("زرتاشہ گلبدین");
    }

    @Test
    void shouldNeedTwoArticlesForASingleWordAndCountAnArticleOnce() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        // زرتاش is no known given name: the part of this name needs a second article
        article(tagger, "وزیر خارجہ زرتاش مرزوق نے کہا۔ وزیر خارجہ زرتاش مرزوق آئے۔", DAY);
        LearnedName part = memory.all().stream()
                .filter(n -> n.surface().equals("مرزوق"))
                .findFirst()
                .orElseThrow();
        assertThat(part.articles()).isEqualTo(1);
        assertThat(memory.active(part)).isFalse();
        article(tagger, "وزیر خارجہ زرتاش مرزوق واپس آ گئے۔", DAY);
        assertThat(article(tagger, "بعد میں مرزوق بھی آئے۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("مرزوق", Entity.Method.MEMORY));
    }

    @Test
    void shouldNeverLearnFunctionWordsCommonWordsOrRoles() {
        assertThat(NameMemory.learnable(EntityType.PERSON, "کہ")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "حکومت")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "کپتان")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "ذہنی")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "علی کے")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "فرخ 2")).isFalse();
        assertThat(NameMemory.learnable(EntityType.DATE, "فرخ حبیب")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "فرخ حبیب")).isTrue();
        NameMemory memory = new NameMemory();
        for (int i = 0; i < 5; i++) {
            memory.observe(
                    List.of(new NameMemory.Observation(EntityType.PERSON, "حکومت", NameMemory.Evidence.SPEECH.bit)),
                    DAY);
        }
        assertThat(memory.all()).isEmpty();
    }

    @Test
    void shouldAgeOutNamesNotSeenForLongerThanTheMaximumAge() {
        NameMemory memory = new NameMemory(2, 30);
        memory.observe(
                List.of(new NameMemory.Observation(EntityType.PERSON, "فرخ حبیب", NameMemory.Evidence.SPEECH.bit)),
                DAY);
        LearnedName n = memory.all().get(0);
        assertThat(memory.active(n)).isTrue();
        memory.observe(
                List.of(new NameMemory.Observation(EntityType.PERSON, "زرتاشہ گلبدین", NameMemory.Evidence.SPEECH.bit)),
                DAY.plusDays(31));
        assertThat(memory.active(memory.all().stream()
                        .filter(x -> x.surface().equals("فرخ حبیب"))
                        .findFirst()
                        .orElseThrow()))
                .isFalse();
    }

    @Test
    void shouldRoundTripTheTopicRecordAndRejectABadOne() {
        LearnedName n = new LearnedName(Keys.of("فرخ حبیب"), EntityType.PERSON, "فرخ حبیب", 3, 6, DAY, DAY.plusDays(2));
        assertThat(LearnedName.parse(n.key(), n.toLine())).isEqualTo(n);
        assertThatThrownBy(() -> LearnedName.parse("x", "PERSON\tفرخ")).hasMessageContaining("expected 6 fields");
        assertThatThrownBy(() -> LearnedName.parse("x", n.toLine())).hasMessageContaining("does not match the key");
        NameMemory memory = new NameMemory();
        memory.put(n);
        memory.put(new LearnedName(n.key(), EntityType.PERSON, "فرخ حبیب", 1, 1, DAY, DAY));
        assertThat(memory.all())
                .singleElement()
                .extracting(LearnedName::articles)
                .isEqualTo(3);
    }

    @Test
    void shouldLearnTheDistinctivePartsOfAGazetteerPersonAndRecogniseThemWhereANounPhraseEnds() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        article(tagger, "برازیل کی صدر جیلما روسیف نے کہا کہ معیشت بہتر ہو گی۔", DAY);
        LearnedName part = memory.all().stream()
                .filter(n -> n.surface().equals("روسیف"))
                .findFirst()
                .orElseThrow();
        assertThat(part.has(NameMemory.Evidence.KNOWN_PART)).isTrue();
        assertThat(memory.active(part)).isTrue();
        assertThat(article(tagger, "ایک سروے نے روسیف کو باون فی صد ووٹ دیے۔", DAY))
                .extracting(Entity::type, Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, "روسیف", Entity.Method.MEMORY));
        // a one-word name inside a phrase (not closed by a postposition or punctuation) is not taken
        assertThat(article(tagger, "روسیف حکومت کا بجٹ آ گیا۔", DAY))
                .extracting(Entity::text)
                .doesNotContain("روسیف");
    }

    @Test
    void shouldCountARememberedFullNameAgainAndThenKnowItsLastWord() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        article(tagger, "صحافی ولکان زرگانوف نے کہا کہ وہ تیار ہیں۔", DAY);
        // one article: the last word alone is not a name yet (with نے it would be: a frame confirms a candidate part)
        assertThat(article(tagger, "زرگانوف کی کتاب کل آئے گی۔", DAY))
                .extracting(Entity::text)
                .doesNotContain("زرگانوف");
        article(tagger, "کل ولکان زرگانوف ٹی وی پر آئے۔", DAY);
        assertThat(article(tagger, "زرگانوف نے ایک مضمون لکھا۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("زرگانوف", Entity.Method.MEMORY));
    }

    @Test
    void shouldRebuildTheViewOfActiveNamesAtMostOncePerRefreshPeriod() {
        NameMemory memory = new NameMemory().refreshAtMostEvery(java.time.Duration.ofHours(1));
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        article(tagger, "پارٹی کی ترجمان زرتاشہ گلبدین نے کہا کہ وہ تیار ہے۔", DAY);
        // the first view is built as soon as there is something to see
        assertThat(article(tagger, "کل رات زرتاشہ گلبدین ٹی وی پر آئیں۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("زرتاشہ گلبدین", Entity.Method.MEMORY));
        article(tagger, "وزیر خارجہ ولکان زرگانوف نے کہا کہ وہ تیار ہیں۔", DAY);
        // within the period the view stays as it was: the new name is learned but not yet recognised
        assertThat(memory.all()).extracting(LearnedName::surface).contains("ولکان زرگانوف");
        assertThat(article(tagger, "کل رات ولکان زرگانوف ٹی وی پر آئے۔", DAY))
                .noneMatch(e -> e.method() == Entity.Method.MEMORY && e.text().equals("ولکان زرگانوف"));
        NameMemory immediate = new NameMemory();
        EntityTagger now = TestTaggers.DEFAULT.withMemory(immediate);
        article(now, "پارٹی کی ترجمان زرتاشہ گلبدین نے کہا کہ وہ تیار ہے۔", DAY);
        article(now, "کل رات زرتاشہ گلبدین ٹی وی پر آئیں۔", DAY);
        article(now, "وزیر خارجہ ولکان زرگانوف نے کہا کہ وہ تیار ہیں۔", DAY);
        assertThat(article(now, "کل رات ولکان زرگانوف ٹی وی پر آئے۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("ولکان زرگانوف", Entity.Method.MEMORY));
    }

    @Test
    void shouldNotLearnANisbaNorTakeARememberedWordThatEndsALongerName() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        article(tagger, "مشاعرے میں جوش ملیح آبادی بھی شامل ہوئے۔", DAY);
        assertThat(memory.all()).extracting(LearnedName::surface).doesNotContain("آبادی");
        article(tagger, "برازیل کی صدر جیلما روسیف نے کہا کہ معیشت بہتر ہو گی۔", DAY);
        assertThat(article(tagger, "اجلاس میں زرینہ روسیف نے شرکت کی۔", DAY))
                .noneMatch(e -> e.method() == Entity.Method.MEMORY);
        // after a determiner or a number a remembered word is a common noun (کسی عزیز سے, دوسرے انعام)
        assertThat(article(tagger, "انہوں نے کسی روسیف سے بات نہیں کی اور 633542 روسیف، دوسرا انعام۔", DAY))
                .noneMatch(e -> e.method() == Entity.Method.MEMORY);
        assertThat(article(tagger, "بعد میں روسیف نے کہا کہ وہ خوش ہیں۔", DAY))
                .anyMatch(e -> e.method() == Entity.Method.MEMORY);
    }

    @Test
    void shouldMakeTheFamilyNameOfAFramedNameWithAKnownGivenNameActiveAtOnce() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        // a given-name rule finds the name; the speech frame after it is its evidence
        article(tagger, "ادیب گریگری ڈیوڈ رابرٹس کا کہنا ہے کہ کتاب مکمل ہے۔", DAY);
        assertThat(article(tagger, "بعد میں رابرٹس نے دوسری کتاب لکھی۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("رابرٹس", Entity.Method.MEMORY));
    }

    @Test
    void shouldNotLearnGluedPostpositionsOrdinalsNorTakeTheNounOfACompoundVerb() {
        assertThat(NameMemory.learnable(EntityType.PERSON, "کےمطابق")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "کوبتایا")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "تیسرے نمبر")).isFalse();
        assertThat(NameMemory.learnable(EntityType.PERSON, "مصالحت")).isTrue();
        NameMemory memory = new NameMemory();
        memory.observe(
                List.of(new NameMemory.Observation(
                        EntityType.PERSON,
                        "مصالحت",
                        NameMemory.Evidence.PART.bit() | NameMemory.Evidence.STRONG_PART.bit())),
                DAY);
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        assertThat(article(tagger, "آخر کار دونوں نے مصالحت کر لی۔", DAY)).isEmpty();
        assertThat(article(tagger, "اس بیان کے بعد مصالحت نے کہا کہ وہ خوش ہیں۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("مصالحت", Entity.Method.MEMORY));
    }

    @Test
    void shouldTagAListItemNextToAPersonButLearnNothingFromIt() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        List<NameMemory.Observation> seen = new ArrayList<>();
        List<Entity> out = tagger.tagArticle(
                null, NORMALIZER.normalize("اجلاس میں عمران خان، زرتاش گلبدین اور دیگر شریک تھے۔"), DAY, seen);
        assertThat(out)
                .extracting(Entity::type, Entity::text)
                .contains(org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, "زرتاش گلبدین"));
        assertThat(seen).noneMatch(o -> o.surface().contains("گلبدین"));
        assertThat(TestTaggers.DEFAULT.tagArticle(
                        null, NORMALIZER.normalize("عمران خان اور فوج کے درمیان بات ہوئی۔"), DAY))
                .extracting(Entity::text)
                .containsExactly("عمران خان");
    }

    @Test
    void shouldTakeACandidatePartWhenAFrameConfirmsTheBareWordInALaterArticle() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        // a role word and a known given name introduce the person; nothing strong, so the last word is a candidate
        article(tagger, "امریکی مصنف ڈیوڈ ویلمورن اس ہفتے لاہور آئے۔", DAY);
        LearnedName candidate = memory.all().stream()
                .filter(n -> n.surface().equals("ویلمورن"))
                .findFirst()
                .orElseThrow();
        assertThat(candidate.has(NameMemory.Evidence.CANDIDATE)).isTrue();
        assertThat(memory.active(candidate)).isFalse();
        // the bare word without a frame, in later articles: still no name, however often
        for (int i = 0; i < 3; i++) {
            assertThat(article(tagger, "ویلمورن کی کتاب کل شائع ہو گی۔", DAY))
                    .extracting(Entity::text)
                    .doesNotContain("ویلمورن");
        }
        // after a determiner, نے does not confirm it (اس ویلمورن نے: a noun)
        assertThat(article(tagger, "پھر اس ویلمورن نے سب بدل دیا۔", DAY))
                .extracting(Entity::text)
                .doesNotContain("ویلمورن");
        // the ergative نے at the start of a noun phrase confirms it
        assertThat(article(tagger, "بعد میں ویلمورن نے اپنی کتاب مکمل کی۔", DAY))
                .extracting(Entity::type, Entity::text)
                .contains(org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, "ویلمورن"));
        // from now on the memory knows it, without a frame
        assertThat(article(tagger, "ویلمورن کی کتاب کل شائع ہو گی۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("ویلمورن", Entity.Method.MEMORY));
        // a confirmed part is taken where a lone memory name is not (after a determiner) …
        assertThat(article(tagger, "یہ ویلمورن کی زندگی کی کہانی ہے۔", DAY))
                .extracting(Entity::text)
                .contains("ویلمورن");
        // … but not inside a longer name or a thing's name
        assertThat(article(tagger, "شہر میں ویلمورن گروپ کا دفتر ہے۔", DAY))
                .extracting(Entity::type, Entity::text)
                .doesNotContain(org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, "ویلمورن"));
    }

    @Test
    void shouldNotMakeACandidateOfAVerbFormOrALatinWordNorLetOtherPartEvidenceActivateIt() {
        NameMemory memory = new NameMemory();
        memory.observe(
                List.of(new NameMemory.Observation(EntityType.PERSON, "ویلمورن", NameMemory.Evidence.CANDIDATE.bit)),
                DAY);
        memory.observe(
                List.of(new NameMemory.Observation(EntityType.PERSON, "ویلمورن", NameMemory.Evidence.PART.bit)), DAY);
        LearnedName n = memory.all().get(0);
        assertThat(n.articles()).isEqualTo(2);
        assertThat(memory.active(n))
                .as("a candidate waits for a frame, whatever other part evidence it gets")
                .isFalse();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(new NameMemory());
        article(tagger, "امریکی مصنف ڈیوڈ بتاتی اس ہفتے آئے۔ امریکی مصنف ڈیوڈ Print اس ہفتے آئے۔", DAY);
        assertThat(tagger.memory().all())
                .filteredOn(x -> x.has(NameMemory.Evidence.CANDIDATE))
                .isEmpty();
    }

    @Test
    void shouldLearnTheThreeLetterLastWordOfAGazetteerPersonAndTakeItAloneInALaterArticle() {
        // in one article, coreference already names the bare repeat after the full form
        assertThat(TestTaggers.DEFAULT.tagArticle(
                        null,
                        NORMALIZER.normalize("آج شاعر فیض احمد فیض کی برسی ہے۔ فیض نے یہ نظم جیل میں لکھی تھی۔"),
                        DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("فیض", Entity.Method.COREFERENCE));
        // eval-ner and the stream tag each sentence or article alone: a bare فیض after an earlier فیض احمد فیض is
        // the memory's to find, and a word of 3 letters was never learned
        String later = "فیض نے یہ نظم جیل میں لکھی تھی۔";
        assertThat(TestTaggers.DEFAULT.tagArticle(null, NORMALIZER.normalize(later), DAY))
                .extracting(Entity::text)
                .doesNotContain("فیض");
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        article(tagger, "آج شاعر فیض احمد فیض کی برسی منائی گئی۔", DAY);
        LearnedName part = memory.all().stream()
                .filter(n -> n.surface().equals("فیض"))
                .findFirst()
                .orElseThrow();
        assertThat(part.has(NameMemory.Evidence.KNOWN_PART)).isTrue();
        assertThat(memory.active(part)).isTrue();
        assertThat(article(tagger, later, DAY))
                .extracting(Entity::type, Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, "فیض", Entity.Method.MEMORY));
        assertThat(article(tagger, "آج کے طلبہ میں فیض کے شعر مقبول ہیں۔", DAY))
                .extracting(Entity::text)
                .contains("فیض");
        // where no noun phrase ends it is the common word (فیض یاب: "benefited")
        assertThat(article(tagger, "بعد میں فیض یاب ہو کر سب گھر گئے۔", DAY))
                .extracting(Entity::text)
                .doesNotContain("فیض");
    }

    @Test
    void shouldNotLearnAThreeLetterWordThatIsACommonWordOrNotTheLastWordOfTheFullForm() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        // مادر ملت (Fatima Jinnah), اسلم بیگ: ملت "nation" and بیگ "bag" are common words
        article(tagger, "آج مادر ملت کی برسی ہے اور جنرل اسلم بیگ نے کہا کہ فیصلہ درست تھا۔", DAY);
        assertThat(memory.all()).extracting(LearnedName::surface).doesNotContain("ملت", "بیگ");
        assertThat(article(tagger, "یہ فیصلہ ملت کے مفاد میں ہے اور رقم بیگ سے نکلی۔", DAY))
                .noneMatch(e -> e.type() == EntityType.PERSON);
        // within one article the full name still lends them to a bare repeat (they are no weak name parts)
        assertThat(TestTaggers.DEFAULT.tagArticle(
                        null,
                        NORMALIZER.normalize("جنرل اسلم بیگ نے کہا کہ وہ جائیں گے۔ بعد میں بیگ نے استعفیٰ دیا۔"),
                        DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("بیگ", Entity.Method.COREFERENCE));
        // a 3-letter word is learned in the family-name position only, never as a first word (فیض of فیض حمید)
        NameMemory other = new NameMemory();
        EntityTagger general = TestTaggers.DEFAULT.withMemory(other);
        article(general, "سابق جنرل فیض حمید نے کہا کہ وہ بے قصور ہیں۔", DAY);
        assertThat(other.all()).extracting(LearnedName::surface).doesNotContain("فیض");
        assertThat(article(general, "فیض نے یہ نظم جیل میں لکھی تھی۔", DAY))
                .extracting(Entity::text)
                .doesNotContain("فیض");
        assertThat(NameMemory.learnable(EntityType.PERSON, "فیض", NameMemory.Evidence.KNOWN_PART.bit()))
                .isTrue();
        assertThat(NameMemory.learnable(EntityType.PERSON, "فیض", NameMemory.Evidence.PART.bit()))
                .isFalse();
    }

    @Test
    void shouldTakeAThreeLetterRememberedPartAloneOnlyWhereANounPhraseStarts() {
        NameMemory memory = new NameMemory();
        EntityTagger tagger = TestTaggers.DEFAULT.withMemory(memory);
        article(tagger, "چین کے صدر شی جن پنگ نے کہا کہ تجارت بڑھے گی۔", DAY);
        article(tagger, "آج شاعر فیض احمد فیض کی برسی منائی گئی۔", DAY);
        // the end of the name in another spelling: not the part alone
        assertThat(article(tagger, "چین کے صدر زی جن پنگ کو مرکزی قائد بنا دیا گیا۔", DAY))
                .extracting(Entity::text)
                .doesNotContain("پنگ");
        // a noun in a coordination (فیض "grace"): after a word, not after a postposition or a clause boundary
        assertThat(article(tagger, "ان کی صحبت اور فیض نے انہیں شاعر بنا دیا۔", DAY))
                .extracting(Entity::text)
                .doesNotContain("فیض");
        assertThat(article(tagger, "انہوں نے بتایا کہ فیض نے یہ غزل لاہور میں لکھی۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("فیض", Entity.Method.MEMORY));
        assertThat(article(tagger, "چین کے صدر نے کہا، پنگ کی پالیسی جاری رہے گی۔", DAY))
                .extracting(Entity::text, Entity::method)
                .contains(org.assertj.core.groups.Tuple.tuple("پنگ", Entity.Method.MEMORY));
    }
}
