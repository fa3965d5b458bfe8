package io.khabar.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Normalizer2;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NormalizerPropertiesTest {
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();
    private static final UrduNormalizer KEEPING = new UrduNormalizer(
            NormalizerOptions.defaults().withRemoveDiacritics(false).withDigits(DigitStyle.KEEP));

    /** Urdu letters, their Arabic/Persian variants, presentation forms, marks, digits, punctuation, spaces, noise. */
    @Provide
    Arbitrary<String> noisyUrdu() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.of(
                        'ا', 'ب', 'پ', 'ت', 'ٹ', 'ر', 'ڑ', 'ک', 'گ', 'ل', 'م', 'ن', 'ں', 'و', 'ہ', 'ھ', 'ی', 'ے', 'ۓ',
                        'ۂ', 'آ', 'ؤ', 'ئ', 'ء'),
                Arbitraries.of('ي', 'ى', 'ك', 'ه', 'ة', 'ۀ', 'ە'),
                Arbitraries.chars().range('\uFB50', '\uFDFF'),
                Arbitraries.chars().range('\uFE70', '\uFEFF'),
                Arbitraries.chars().range('\u064B', '\u065F'),
                Arbitraries.of(
                        '\u0670', '\u0640', '\u200C', '\u200D', '\u200B', '\u200E', '\u200F', '\u202A', '\u202C',
                        '\u2066', '\u2069', '\uFEFF', '\u061C'),
                Arbitraries.chars().range('0', '9'),
                Arbitraries.chars().range('\u0660', '\u0669'),
                Arbitraries.chars().range('\u06F0', '\u06F9'),
                Arbitraries.of(
                        '،', '۔', '؟', '؛', '!', ':', ',', ';', '?', '.', '“', '”', '«', '»', '(', ')', '٫', '٬', '–'),
                Arbitraries.of(' ', ' ', ' ', '\t', '\u00A0', '\n', '\r', '\u2029'),
                Arbitraries.of('a', 'Z', 'é', 'e', '\u0301'));
        return chars.list().ofMaxSize(60).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(sb::append);
            return sb.toString();
        });
    }

    /** Text with no Arabic-script char: Latin, Cyrillic, CJK, digits, ASCII punctuation, whitespace (NFC). */
    @Provide
    Arbitrary<String> nonUrdu() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'z'),
                Arbitraries.chars().range('A', 'Z'),
                Arbitraries.chars().range('0', '9'),
                Arbitraries.chars().range('\u0430', '\u044F'),
                Arbitraries.chars().range('\u4E00', '\u4E50'),
                Arbitraries.of('.', ',', ';', '?', '!', ':', '"', '\'', '(', ')', '-', 'é', 'ß', '€'),
                Arbitraries.of(' ', ' ', '\t', '\n', '\u00A0'));
        return chars.list().ofMaxSize(60).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(sb::append);
            return sb.toString();
        });
    }

    @Property(tries = 1000)
    void normalisationIsIdempotent(@ForAll("noisyUrdu") String s) {
        String once = NORMALIZER.normalize(s).text();
        assertThat(NORMALIZER.normalize(once).text()).isEqualTo(once);
        String kept = KEEPING.normalize(s).text();
        assertThat(KEEPING.normalize(kept).text()).isEqualTo(kept);
    }

    @Property(tries = 1000)
    void removedCodePointsAreNeverProduced(@ForAll("noisyUrdu") String s) {
        String out = NORMALIZER.normalize(s).text();
        out.chars().forEach(c -> {
            assertThat(UrduNormalizer.NEVER_PRODUCED.contains(c))
                    .as("U+%04X in %s", c, out)
                    .isFalse();
            assertThat(UrduNormalizer.DIACRITICS.contains(c)).as("U+%04X", c).isFalse();
            assertThat("يىكهة\u0640".indexOf(c)).as("U+%04X", c).isNegative();
        });
    }

    @Property(tries = 1000)
    void offsetMapIsMonotonicAndMapsSpansBack(@ForAll("noisyUrdu") String s) {
        NormalizedText t = NORMALIZER.normalize(s);
        int n = t.length();
        for (int j = 0; j < n; j++) {
            assertThat(t.originalStart(j)).isLessThanOrEqualTo(t.originalStart(j + 1));
            assertThat(t.originalEnd(j)).isLessThanOrEqualTo(t.originalEnd(j + 1));
            assertThat(t.originalStart(j)).isLessThanOrEqualTo(t.originalEnd(j + 1));
        }
        // every word maps back to original chars that normalise to the same word (punctuation such as , → ، depends
        // on the context before it, so only words are compared)
        for (Token token : new Tokenizer().tokenize(t.text())) {
            if (token.kind() != TokenKind.WORD) {
                continue;
            }
            String back = t.originalSubstring(token.start(), token.end());
            String backKey = MatchKeys.of(NORMALIZER.normalize(back).text());
            if (back.chars().anyMatch(c -> UrduNormalizer.KIND[c] == UrduNormalizer.K_MULTI)) {
                // a word ligature such as ﷺ expands to several words; each maps back to the whole ligature
                assertThat(backKey).as("token %s from %s", token.text(), back).contains(MatchKeys.of(token.text()));
            } else {
                assertThat(backKey).as("token %s from %s", token.text(), back).isEqualTo(MatchKeys.of(token.text()));
            }
        }
    }

    @Property(tries = 1000)
    void textWithoutUrduIsUnchangedApartFromWhitespace(@ForAll("nonUrdu") String s) {
        String out = NORMALIZER.normalize(s).text();
        assertThat(stripWhitespace(out))
                .isEqualTo(stripWhitespace(Normalizer2.getNFCInstance().normalize(s)));
    }

    private static String stripWhitespace(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().filter(c -> !Character.isWhitespace(c) && c != '\u00A0').forEach(c -> sb.append((char) c));
        return sb.toString();
    }
}
