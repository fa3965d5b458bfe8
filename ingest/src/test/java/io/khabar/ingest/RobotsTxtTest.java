package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RobotsTxtTest {

    @Test
    void shouldUseTheGroupNamingKhabarOverTheStarGroup() {
        RobotsTxt r = RobotsTxt.parse("""
                User-agent: *
                Disallow: /

                User-agent: other
                User-agent: Khabar
                Disallow: /private/
                Allow: /private/open$
                Disallow: /*.pdf
                """, "khabar");

        assertThat(r.allows("/news/1")).isTrue();
        assertThat(r.allows("/private/x")).isFalse();
        assertThat(r.allows("/private/open")).isTrue();
        assertThat(r.allows("/private/open/more")).isFalse();
        assertThat(r.allows("/files/a.pdf")).isFalse();
    }

    @Test
    void shouldFallBackToTheStarGroupAndAllowWhenEmpty() {
        assertThat(RobotsTxt.parse("User-agent: *\nDisallow: /private/ # secret\n", "khabar")
                        .allows("/private/a"))
                .isFalse();
        assertThat(RobotsTxt.parse("User-agent: *\nDisallow:\n", "khabar").allows("/a"))
                .isTrue();
        assertThat(RobotsTxt.DISALLOW_ALL.allows("/")).isFalse();
    }
}
