package io.khabar.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void shouldEscapeEveryCharacterThatCanEndTextOrAnAttribute() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void shouldKeepUrduAndSurrogatePairsButReplaceControlCharsAndLoneSurrogates() {
        assertThat(Html.escape("عمران خان 😀")).isEqualTo("عمران خان 😀");
        assertThat(Html.escape("a\u0000b\u0007c\ud800d\udc00e\n")).isEqualTo("a\ufffdb\ufffdc\ufffdd\ufffde\n");
    }

    @Test
    void shouldTurnNullIntoEmptyText() {
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void shouldPercentEncodeParametersSoTheyCannotBreakOutOfAUrl() {
        assertThat(Html.param("person:عمران\"&x=<"))
                .doesNotContain("\"", "&", "<", ":")
                .contains("%");
    }
}
