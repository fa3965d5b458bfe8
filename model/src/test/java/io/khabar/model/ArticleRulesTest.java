package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared definition of a valid article (issue #13). */
class ArticleRulesTest {

    @Test
    void shouldRefuseATitleOnlyArticle() {
        assertThat(ArticleRules.checkText("سرخی", "", 1000).reason()).isEqualTo(ArticleRules.EMPTY_BODY);
        assertThat(ArticleRules.checkText("سرخی", "  \n ", 1000).reason()).isEqualTo(ArticleRules.EMPTY_BODY);
        assertThat(ArticleRules.checkText(null, null, 1000).reason()).isEqualTo(ArticleRules.EMPTY_BODY);
    }

    @Test
    void shouldAcceptAnArticleWithBodyAndNoTitle() {
        assertThat(ArticleRules.checkText("", "وزیر اعظم نے کہا", 1000)).isNull();
    }

    @Test
    void shouldRefuseTooLargeNulSurrogatesAndNonText() {
        assertThat(ArticleRules.checkText("ab", "cdef", 5).reason()).isEqualTo(ArticleRules.TOO_LARGE);
        assertThat(ArticleRules.checkText("a\u0000b", "متن", 100).reason()).isEqualTo(ArticleRules.NOT_TEXT);
        assertThat(ArticleRules.checkText("a", "متن\uD800", 100).reason()).isEqualTo(ArticleRules.NOT_TEXT);
        assertThat(ArticleRules.checkText("a", "12345 678", 100).reason()).isEqualTo(ArticleRules.NOT_TEXT);
        assertThat(ArticleRules.checkText("a", "\uE000\uE001\uE002 ab", 100).reason())
                .isEqualTo(ArticleRules.NOT_TEXT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "data:text/html,<b>x</b>",
                "httpx://example.org/a",
                "ftp://example.org/",
                "file:///etc/passwd",
                "//example.org/a",
                "/relative/path",
                "http://",
                "http://user:pw@example.org/a",
                "https://exa mple.org/",
                "vbscript:x",
                "HTTP:/example.org",
                " "
            })
    void shouldRefuseUrlsThatAreNotHttp(String url) {
        assertThat(ArticleRules.checkUrl(url)).as(url).isNotNull();
        assertThat(ArticleRules.checkUrl(url).reason()).isEqualTo(ArticleRules.INVALID_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org/a", "HTTPS://Example.org/%D8%A7?x=1#f", "https://[2001:db8::1]:8443/x"})
    void shouldAcceptHttpUrls(String url) {
        assertThat(ArticleRules.checkUrl(url)).as(url).isNull();
    }

    @Test
    void shouldRefuseTimesOutsideYearsOneToNineThousand() {
        assertThat(ArticleRules.checkTime("publishedAt", Instant.parse("2021-09-21T10:00:00Z")))
                .isNull();
        assertThat(ArticleRules.checkTime("publishedAt", Instant.MAX).reason()).isEqualTo(ArticleRules.INVALID_FIELD);
        assertThat(ArticleRules.epochSecondsOrNull(Long.MAX_VALUE)).isNull();
        assertThat(ArticleRules.epochSecondsOrNull(1632218400000L)).isNull(); // milliseconds, year 53693
        assertThat(ArticleRules.epochSecondsOrNull(1632218400L)).isEqualTo(Instant.parse("2021-09-21T10:00:00Z"));
    }

    @Test
    void shouldKnowLanguageTags() {
        assertThat(ArticleRules.isLanguageTag("ur")).isTrue();
        assertThat(ArticleRules.isLanguageTag("ur-PK")).isTrue();
        assertThat(ArticleRules.isLanguageTag("ur PK")).isFalse();
        assertThat(ArticleRules.isLanguageTag("x".repeat(100))).isFalse();
    }
}
