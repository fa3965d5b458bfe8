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
    assertThat(texts("وزیر اعظم عمران خان نے کہا۔")).containsExactly("وزیر", "اعظم", "عمران", "خان", "نے", "کہا", "۔");
    assertThat(texts("اسلام\u200Cآباد کِتاب")).containsExactly("اسلام\u200Cآباد", "کِتاب");
  }

  @Test
  void shouldTellNumbersWordsPunctuationAndSymbolsApart() {
    List<Token> tokens = tokenizer.tokenize("قیمت 3,000 روپے (9.5%) 2021ء 20فیصد G7 don't");
    assertThat(tokens.stream().map(Token::text).toList()).containsExactly(
        "قیمت", "3,000", "روپے", "(", "9.5", "%", ")", "2021ء", "20", "فیصد", "G7", "don't");
    assertThat(tokens.stream().map(Token::kind).toList()).containsExactly(
        TokenKind.WORD, TokenKind.NUMBER, TokenKind.WORD, TokenKind.PUNCTUATION, TokenKind.NUMBER,
        TokenKind.PUNCTUATION, TokenKind.PUNCTUATION, TokenKind.WORD, TokenKind.NUMBER, TokenKind.WORD,
        TokenKind.WORD, TokenKind.WORD);
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
