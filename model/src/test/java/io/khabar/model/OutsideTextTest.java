package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Escaping of outside text before it is printed (issue #13). */
class OutsideTextTest {

    @Test
    void shouldEscapeControlAndBidiCharacters() {
        assertThat(OutsideText.escape("a\nb\rc\td\u001B[31me\u0000f\u007F\u009B"))
                .isEqualTo("a\\nb\\rc\\td\\u001B[31me\\u0000f\\u007F\\u009B");
        assertThat(OutsideText.escape("file\u202Etxt.exe\u2066\u2069\u200E\u200F\u061C\u2028\uFEFF"))
                .isEqualTo("file\\u202Etxt.exe\\u2066\\u2069\\u200E\\u200F\\u061C\\u2028\\uFEFF");
    }

    @Test
    void shouldLeaveUrduAndEmojiAlone() {
        String urdu = "وزیرِ اعظم نے کہا\u200C کہ 😀";
        assertThat(OutsideText.escape(urdu)).isSameAs(urdu);
    }

    @Test
    void shouldEscapeUnpairedSurrogatesAndCutLongText() {
        assertThat(OutsideText.escape("a\uD800b\uDC00")).isEqualTo("a\\uD800b\\uDC00");
        assertThat(OutsideText.escape("abcdef", 3)).isEqualTo("abc…(6 characters)");
        assertThat(OutsideText.escape(null)).isEqualTo("null");
    }
}
