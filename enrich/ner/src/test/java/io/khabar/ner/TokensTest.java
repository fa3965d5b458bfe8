package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The keys and shapes computed while tokenising equal their definitions on the token's own chars. */
class TokensTest {
    /** Letters, marks, digits of three scripts, ZWNJ, kashida, soft hyphen, zero-width space, punctuation, spaces. */
    private static final String CHARS =
            "اب\u064Bپ\u0670ےۓيكه\u06C2ۃۀأإٱءٸٴ\u0640\u200C\u200D\u200B\u00AD" + "۰۱٢3aZ،۔؟!()\"' \n\t\u00A0";

    @Test
    void shouldFoldEachTokensKeyAsKeysOfItsTextAndTellLetterWordsAndNumbers() {
        SplittableRandom r = new SplittableRandom(9);
        for (int round = 0; round < 500; round++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(60); n > 0; n--) {
                b.append(CHARS.charAt(r.nextInt(CHARS.length())));
            }
            String text = b.toString();
            Tokens t = Tokens.of(text);
            for (int i = 0; i < t.size; i++) {
                String surface = text.substring(t.start[i], t.end[i]);
                assertThat(t.key(i)).as(surface).isEqualTo(Keys.of(surface));
                assertThat(new String(t.keyChars, t.keyStart[i], t.keyEnd[i] - t.keyStart[i]))
                        .isEqualTo(Keys.of(surface));
                boolean anyDigit = surface.chars().anyMatch(Character::isDigit);
                boolean allDigits = surface.chars().allMatch(Character::isDigit);
                assertThat(t.isLetterWord(i)).as(surface).isEqualTo(t.word[i] && !anyDigit);
                assertThat(t.isNumber(i)).as(surface).isEqualTo(t.word[i] && allDigits);
                String key = t.key(i);
                assertThat(t.hash[i]).as(surface).isEqualTo(key.hashCode());
                assertThat(t.keyLength(i)).isEqualTo(key.length());
                for (int cut = 0; cut <= key.length(); cut++) {
                    assertThat(t.keyStartsWith(i, key.substring(0, cut))).isTrue();
                    assertThat(t.keyEndsWith(i, key.substring(cut))).isTrue();
                    assertThat(t.keyIs(i, key.substring(cut))).isEqualTo(cut == 0);
                }
                assertThat(t.keyStartsWith(i, key + "ا")).isFalse();
                assertThat(t.keyEndsWith(i, "ا" + key)).isFalse();
                assertThat(t.keyIs(i, "ب" + key.substring(Math.min(1, key.length()))))
                        .isEqualTo(key.startsWith("ب"));
            }
        }
    }

    @Test
    void shouldSplitWordsFromPunctuationAndFoldSpellingVariants() {
        Tokens t = Tokens.of("وزیرِاعظم، كراچی ۲۰۲۳ء");
        assertThat(t.size).isEqualTo(4);
        assertThat(t.key(0)).isEqualTo("وزیراعظم");
        assertThat(t.word[1]).isFalse();
        assertThat(t.key(2)).isEqualTo("کراچی");
        assertThat(t.key(3)).isEqualTo("2023ئ"); // hamza folds to yeh-hamza (باءیس / بائیس)
        assertThat(t.isNumber(3)).isFalse();
        assertThat(t.isLetterWord(3)).isFalse();
        assertThat(t.isLetterWord(2)).isTrue();
        assertThat(Tokens.of("۲۰۲۳").isNumber(0)).isTrue();
    }
}
