package io.khabar.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrduNormalizerTest {
    private final UrduNormalizer normalizer = new UrduNormalizer();

    private String norm(String s) {
        return normalizer.normalize(s).text();
    }

    @Test
    void shouldUnifyArabicYehKafHehToUrduLetters() {
        assertThat(norm("پاكستاني")).isEqualTo("پاکستانی");
        assertThat(norm("مصطفى")).isEqualTo("مصطفی");
        assertThat(norm("كه")).isEqualTo("کہ");
        assertThat(norm("زكوة")).isEqualTo("زکوۃ");
    }

    @Test
    void shouldWriteHighHamzaAndHighHamzaYehAsUrduHamza() {
        // issue 15: U+0678 and U+0674 were left in normalised text
        assertThat(norm("صا\u0678م")).isEqualTo("صائم");
        assertThat(norm("کو\u0678ی")).isEqualTo("کوئی");
        assertThat(norm("کو\u0674ی")).isEqualTo("کوئی");
        assertThat(norm("صا\u0678م کو\u0674ی")).doesNotContain("\u0678", "\u0674");
    }

    @Test
    void shouldKeepDoChashmiHehAndYehBarreeDistinct() {
        assertThat(norm("بھارت کے")).isEqualTo("بھارت کے");
        assertThat(norm("ہے ہی")).isEqualTo("ہے ہی");
    }

    @Test
    void shouldDecomposePresentationFormsToBaseLetters() {
        // پاکستان typed with isolated/initial/medial/final forms pasted from a PDF
        assertThat(norm("\uFB58\uFE8E\uFB90\uFEB3\uFE98\uFE8E\uFEE6")).isEqualTo("پاکستان");
        // lam-alef ligature
        assertThat(norm("\uFEFB")).isEqualTo("لا");
        // initial yeh form is choti ye, not yeh barree (urduhack's bug)
        assertThat(norm("\uFEF3\uFEE8")).isEqualTo("ین");
    }

    @Test
    void shouldComposeHamzaAndMaddaAndKeepComposedForms() {
        assertThat(norm("ا\u0653پ")).isEqualTo("آپ");
        assertThat(norm("ہ\u0654")).isEqualTo("ۂ");
        assertThat(norm("ی\u0654")).isEqualTo("ئ");
        assertThat(norm("ے\u0654")).isEqualTo("ۓ");
        assertThat(norm("و\u0654")).isEqualTo("ؤ");
        assertThat(norm("ۓ ۂ آ أ ؤ")).isEqualTo("ۓ ۂ آ أ ؤ");
        assertThat(norm("ۀ")).isEqualTo("ۂ");
    }

    @Test
    void shouldRemoveTatweelBidiControlsBomAndZeroWidthSpace() {
        assertThat(norm("\uFEFFپاکـــستان\u200F\u202Aمیں\u202C\u200B")).isEqualTo("پاکستانمیں");
    }

    @Test
    void shouldRemoveDiacriticsByDefaultAndKeepThemWhenAsked() {
        assertThat(norm("کِتاب مُحَمَّد")).isEqualTo("کتاب محمد");
        UrduNormalizer keeping = new UrduNormalizer(NormalizerOptions.defaults().withRemoveDiacritics(false));
        assertThat(keeping.normalize("کِتاب").text()).isEqualTo("کِتاب");
    }

    @Test
    void shouldWriteDigitsInTheChosenSystem() {
        assertThat(norm("۲۵ اگست ٢٠٢١")).isEqualTo("25 اگست 2021");
        assertThat(new UrduNormalizer(NormalizerOptions.defaults().withDigits(DigitStyle.EXTENDED_ARABIC_INDIC))
                        .normalize("25 ٢٠")
                        .text())
                .isEqualTo("۲۵ ۲۰");
        assertThat(new UrduNormalizer(NormalizerOptions.defaults().withDigits(DigitStyle.ARABIC_INDIC))
                        .normalize("25")
                        .text())
                .isEqualTo("٢٥");
        assertThat(new UrduNormalizer(NormalizerOptions.defaults().withDigits(DigitStyle.KEEP))
                        .normalize("۲5٢")
                        .text())
                .isEqualTo("۲5٢");
        assertThat(norm("۹٫۵ فیصد")).isEqualTo("9.5 فیصد");
    }

    @Test
    void shouldRemoveSpaceBeforeUrduPunctuationAndAddOneAfter() {
        assertThat(norm("پیوٹن ، وزیر")).isEqualTo("پیوٹن، وزیر");
        assertThat(norm("کہا،کہ")).isEqualTo("کہا، کہ");
        assertThat(norm("ہے ۔")).isEqualTo("ہے۔");
        assertThat(norm("کیا ؟آپ")).isEqualTo("کیا؟ آپ");
        assertThat(norm("کہا :ہم")).isEqualTo("کہا: ہم");
        assertThat(norm("واہ !زبردست")).isEqualTo("واہ! زبردست");
        assertThat(norm("“فوری ضرورت ”")).isEqualTo("“فوری ضرورت”");
    }

    @Test
    void shouldNotSplitUrduAbbreviationChains() {
        assertThat(norm("پی۔ٹی۔آئی نے کہا")).isEqualTo("پی۔ٹی۔آئی نے کہا");
        assertThat(norm("ہے۔اس نے")).isEqualTo("ہے۔ اس نے");
    }

    @Test
    void shouldDecideAbbreviationsByTheLettersWrittenNotTheSourceChars() {
        // a presentation form writes two letters (ﻻ -> لا, ﯝ -> ۇئ): four letters follow the full stop, so it is
        // a sentence end, as it is when the normalised text is normalised again (found by the idempotence property)
        assertThat(norm("ا۔اﻻﻻ۔")).isEqualTo("ا۔ الالا۔").isEqualTo(norm(norm("ا۔اﻻﻻ۔")));
        assertThat(norm("ا۔ااﯝ۔")).isEqualTo("ا۔ ااۇئ۔").isEqualTo(norm(norm("ا۔ااﯝ۔")));
        // a tatweel or a bidi control writes nothing: still an abbreviation chain
        assertThat(norm("پی۔ٹـی۔آئی")).isEqualTo("پی۔ٹی۔آئی");
        assertThat(norm("پی۔\u200Fٹی۔آئی")).isEqualTo("پی۔ٹی۔آئی");
    }

    @Test
    void shouldMapLatinPunctuationAfterUrduToUrduPunctuation() {
        assertThat(norm("کیا?")).isEqualTo("کیا؟");
        assertThat(norm("کہا , کہ")).isEqualTo("کہا، کہ");
        assertThat(norm("اول; دوم")).isEqualTo("اول؛ دوم");
        assertThat(norm("قیمت 3,000 روپے")).isEqualTo("قیمت 3,000 روپے");
        assertThat(norm("Hello, world?")).isEqualTo("Hello, world?");
    }

    @Test
    void shouldCollapseSpacesTabsAndNbspButKeepParagraphs() {
        assertThat(norm("  روس\t\u00A0 کے  \r\n\r\n\n\n پیوٹن\nنے  ")).isEqualTo("روس کے\n\nپیوٹن\nنے");
    }

    @Test
    void shouldKeepZwnjWhereItChangesRenderingAndDropItWhereItCannot() {
        assertThat(norm("اسلام\u200Cآباد")).isEqualTo("اسلام\u200Cآباد");
        assertThat(norm("وزیر\u200Cاعظم")).isEqualTo("وزیراعظم");
        assertThat(norm("اسلام\u200C آباد")).isEqualTo("اسلام آباد");
        assertThat(norm("اسلام\u200C\u200C\u200Cآباد")).isEqualTo("اسلام\u200Cآباد");
    }

    @Test
    void shouldLeaveArabicLettersAloneWhenUrduLettersAreOff() {
        UrduNormalizer arabic = new UrduNormalizer(NormalizerOptions.defaults().withUrduLetters(false));
        assertThat(arabic.normalize("في مكة المكرمة").text()).isEqualTo("في مكة المكرمة");
    }

    @Test
    void shouldMapEveryNormalisedSpanBackToTheOriginal() {
        String original = "  وزیرِ اعظم ، عمران\u200Fخان ٢٥ ﻻ";
        NormalizedText t = normalizer.normalize(original);
        assertThat(t.text()).isEqualTo("وزیر اعظم، عمرانخان 25 لا");
        int s = t.text().indexOf("وزیر");
        assertThat(t.originalSubstring(s, s + "وزیر اعظم".length())).isEqualTo("وزیرِ اعظم");
        int d = t.text().indexOf("25");
        assertThat(t.originalSubstring(d, d + 2)).isEqualTo("٢٥");
        int l = t.text().indexOf("لا");
        assertThat(t.originalSubstring(l, l + 1)).isEqualTo("ﻻ");
        assertThat(t.originalSubstring(l, l + 2)).isEqualTo("ﻻ");
        assertThat(t.originalStart(t.length())).isEqualTo(original.length());
    }
}
