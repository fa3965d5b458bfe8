package io.khabar.ner.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RomanizerTest {

    @Test
    void shouldUseTheUsualSpellingOfFrequentNameParts() {
        assertThat(Romanizer.romanize("محمد علی جناح")).isEqualTo("Muhammad Ali Jinnah");
        assertThat(Romanizer.romanize("شہباز شریف")).isEqualTo("Shehbaz Sharif");
        assertThat(Romanizer.romanize("عبداللہ")).isEqualTo("Abdullah");
    }

    @Test
    void shouldTransliterateUrduLettersThatArabicLatinDoesNotKnow() {
        assertThat(Romanizer.romanize("ٹیپو")).isEqualTo("Tipo");
        assertThat(Romanizer.romanize("ڈار")).isEqualTo("Dar");
        assertThat(Romanizer.romanize("باڑہ")).isEqualTo("Bara");
        assertThat(Romanizer.romanize("چھٹہ")).isEqualTo("Chhata");
        assertThat(Romanizer.romanize("ساگر")).isEqualTo("Sagar");
    }

    @Test
    void shouldReadYehWawAndHehByPosition() {
        assertThat(Romanizer.romanize("جمیل")).isEqualTo("Jamil");
        assertThat(Romanizer.romanize("یاسر")).isEqualTo("Yasar");
        assertThat(Romanizer.romanize("وقار")).isEqualTo("Waqar");
        assertThat(Romanizer.romanize("بلوچ")).isEqualTo("Baloch");
        assertThat(Romanizer.romanize("رانی")).isEqualTo("Rani");
        assertThat(Romanizer.romanize("سوئے")).isEqualTo("Soe");
        assertThat(Romanizer.romanize("زکوۃ")).isEqualTo("Zakoat");
    }

    @Test
    void shouldInsertTheUnwrittenVowelOfAWordInitialOrFinalConsonantCluster() {
        assertThat(Romanizer.romanize("شکیل")).isEqualTo("Shakil");
        assertThat(Romanizer.romanize("اکبر")).isEqualTo("Akbar");
        assertThat(Romanizer.romanize("قمر")).isEqualTo("Qamar");
    }

    @Test
    void shouldWriteTheIzafatAsE() {
        assertThat(Romanizer.romanize("وزیرِ اعظم")).isEqualTo("Wazir-e Azam");
        assertThat(Romanizer.romanize("تحریکِ انصاف")).isEqualTo("Tehreek-e Insaf");
    }

    @Test
    void shouldPassLatinThroughAndNeverReturnArabicScript() {
        assertThat(Romanizer.romanize("BBC")).isEqualTo("BBC");
        assertThat(Romanizer.romanize("گ۔ژ؟ھں")).doesNotContainPattern("\\p{IsArabic}");
        assertThat(Romanizer.romanize(null)).isNull();
        assertThat(Romanizer.romanize("  ")).isEmpty();
    }
}
