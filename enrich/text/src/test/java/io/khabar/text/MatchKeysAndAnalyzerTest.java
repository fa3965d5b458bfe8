package io.khabar.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchKeysAndAnalyzerTest {
    private final UrduNormalizer normalizer = new UrduNormalizer();

    private String key(String raw) {
        return MatchKeys.of(normalizer.normalize(raw).text());
    }

    @Test
    void shouldLetBothSpellingsOfCompoundsMeet() {
        assertThat(key("وزیراعظم")).isEqualTo(key("وزیر اعظم")).isEqualTo(key("وزیر\u200Cاعظم"));
        assertThat(key("اسلام آباد")).isEqualTo(key("اسلام\u200Cآباد")).isEqualTo(key("اسلام‌آباد"));
        assertThat(key("PTI")).isEqualTo(key("pti"));
        assertThat(key("اسلام آباد")).isNotEqualTo(key("اسلام"));
    }

    @Test
    void shouldNotApplyUrduLettersToArabicArticles() {
        TextAnalysis a = new TextAnalyzer()
                .analyze("قال الرئيس الروسي في مكالمة هاتفية مع رئيس الوزراء إن العلاقات بين البلدين قد تحسنت.");
        assertThat(a.language().code()).isEqualTo("ar");
        assertThat(a.normalized().text()).contains("الرئيس", "مكالمة", "هاتفية");
    }

    @Test
    void shouldApplyUrduLettersToUrduArticlesInTheFacade() {
        TextAnalysis a =
                new TextAnalyzer().analyze("وزير اعظم عمران خان نے كہا كہ پاكستان اور روس كے تعلقات اچھے ہيں ۔");
        assertThat(a.language().code()).isEqualTo("ur");
        assertThat(a.normalized().text())
                .isEqualTo("وزیر اعظم عمران خان نے کہا کہ پاکستان اور روس کے تعلقات اچھے ہیں۔");
        assertThat(a.sentences()).hasSize(1);
        assertThat(a.tokens().size()).isEqualTo(15);
    }

    @Test
    void shouldDropControlCharsAndKeepZwjWhereItForcesAJoiningForm() {
        assertThat(normalizer.normalize("پاک\u0007ستان").text()).isEqualTo("پاکستان");
        assertThat(normalizer.normalize("ہ\u200D ").text()).isEqualTo("ہ\u200D");
        assertThat(normalizer.normalize("ا\u200D ب").text()).isEqualTo("ا ب");
    }

    @Test
    void shouldFoldRarerVariantsToUrduLetters() {
        assertThat(normalizer.normalize("خانە").text()).isEqualTo("خانہ");
        assertThat(normalizer.normalize("ٲ").text()).isEqualTo("أ");
        assertThat(normalizer.normalize("ا\u2029ب").text()).isEqualTo("ا\n\nب");
    }
}
