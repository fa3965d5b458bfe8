package io.khabar.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerAndSentenceTest {
    private final Tokenizer tokenizer = new Tokenizer();
    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> texts(String s) {
        return tokenizer.tokenize(s).stream().map(Token::text).toList();
    }

    @Test
    void shouldKeepUrduWordsWholeIncludingMarksAndZwnj() {
        assertThat(texts("وزیر اعظم عمران خان نے کہا۔"))
                .containsExactly("وزیر", "اعظم", "عمران", "خان", "نے", "کہا", "۔");
        assertThat(texts("اسلام\u200Cآباد کِتاب")).containsExactly("اسلام\u200Cآباد", "کِتاب");
    }

    @Test
    void shouldTellNumbersWordsPunctuationAndSymbolsApart() {
        List<Token> tokens = tokenizer.tokenize("قیمت 3,000 روپے (9.5%) 2021ء 20فیصد G7 don't");
        assertThat(tokens.stream().map(Token::text).toList())
                .containsExactly("قیمت", "3,000", "روپے", "(", "9.5", "%", ")", "2021ء", "20", "فیصد", "G7", "don't");
        assertThat(tokens.stream().map(Token::kind).toList())
                .containsExactly(
                        TokenKind.WORD,
                        TokenKind.NUMBER,
                        TokenKind.WORD,
                        TokenKind.PUNCTUATION,
                        TokenKind.NUMBER,
                        TokenKind.PUNCTUATION,
                        TokenKind.PUNCTUATION,
                        TokenKind.WORD,
                        TokenKind.NUMBER,
                        TokenKind.WORD,
                        TokenKind.WORD,
                        TokenKind.WORD);
        assertThat(tokenizer.tokenize("+ ₨").stream().map(Token::kind).toList())
                .containsExactly(TokenKind.SYMBOL, TokenKind.SYMBOL);
    }

    @Test
    void shouldGiveOffsetsIntoTheText() {
        String s = "روس کے پیوٹن";
        for (Token t : tokenizer.tokenize(s)) {
            assertThat(s.substring(t.start(), t.end())).isEqualTo(t.text());
        }
    }

    @Test
    void shouldScanTheSameTokensAsOffsetsAndKinds() {
        String s = "وزیر اعظم نے 3,000 روپے (9.5%) دیے۔ 𝐀 G7 +";
        TokenSequence seq = tokenizer.scan(s);
        List<Token> records = tokenizer.tokenize(s);
        assertThat(seq.size()).isEqualTo(records.size()).isEqualTo(14);
        assertThat(seq.asList()).containsExactlyElementsOf(records);
        for (int i = 0; i < seq.size(); i++) {
            assertThat(s.substring(seq.start(i), seq.end(i)))
                    .isEqualTo(seq.text(i))
                    .isEqualTo(records.get(i).text());
            assertThat(seq.kind(i)).isEqualTo(records.get(i).kind());
        }
        assertThat(seq.count(TokenKind.WORD)).isEqualTo(7);
        assertThat(seq.count(TokenKind.NUMBER)).isEqualTo(2);
        assertThat(seq.count(TokenKind.PUNCTUATION)).isEqualTo(4);
        assertThat(seq.count(TokenKind.SYMBOL)).isEqualTo(1);
        assertThat(seq.text()).isSameAs(s);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> seq.start(14))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldGrowPastTheInitialCapacity() {
        String s = "ا ".repeat(5000);
        assertThat(tokenizer.scan(s).size()).isEqualTo(5000);
        assertThat(tokenizer.scan("").size()).isZero();
    }

    @Test
    void shouldSplitSentencesOnUrduTerminatorsAndLineBreaks() {
        String s = "انہوں نے کہا۔ کیا یہ درست ہے؟ ہاں! بالکل\nنئی سطر";
        assertThat(splitter.split(s).stream().map(sp -> sp.of(s)).toList())
                .containsExactly("انہوں نے کہا۔", "کیا یہ درست ہے؟", "ہاں!", "بالکل", "نئی سطر");
    }

    @Test
    void shouldKeepClosingQuoteWithItsSentence() {
        String s = "کہا کہ “افغان عوام کو نہیں چھوڑنا چاہیے۔” انہوں نے کہا";
        assertThat(splitter.split(s).stream().map(sp -> sp.of(s)).toList())
                .containsExactly("کہا کہ “افغان عوام کو نہیں چھوڑنا چاہیے۔”", "انہوں نے کہا");
    }

    @Test
    void shouldNotSplitOnDecimalsAbbreviationsOrAbbreviationChains() {
        String s = "ڈاکٹر. عمران نے 9.5 فیصد کہا اور پی۔ٹی۔آئی آئی۔ Dr. Smith left. Then";
        assertThat(splitter.split(s).stream().map(sp -> sp.of(s)).toList())
                .containsExactly("ڈاکٹر. عمران نے 9.5 فیصد کہا اور پی۔ٹی۔آئی آئی۔", "Dr. Smith left.", "Then");
    }
}
