package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArticleValidatorTest {

    @Test
    void shouldCountUtf8BytesLikeTheEncoder() {
        for (String s :
                new String[] {"", "abc", "وزیر اعظم", "“خبر”\u200C", "😀 emoji", "\uD83D alone", "end \uDE00"}) {
            assertThat(ArticleValidator.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (random.nextBoolean() ? 0x0600 + random.nextInt(0x100) : random.nextInt(0x10000));
            }
            String s = new String(chars);
            assertThat(ArticleValidator.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(ArticleValidator.utf8Length(null)).isZero();
    }

    @Test
    void shouldTellTextFromControlAndPrivateUseNoise() {
        assertThat(ArticleValidator.notTextReason("وزیر اعظم نے کہا۔\n")).isNull();
        assertThat(ArticleValidator.notTextReason("123 456 ...")).startsWith("no letters");
        assertThat(ArticleValidator.notTextReason("خبر" + "\u0001".repeat(10))).contains("10 of 13 characters");
        assertThat(ArticleValidator.notTextReason("خبر" + "\uE000".repeat(3))).contains("3 of 6");
    }
}
