package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageExtractorTest {

    private static final URI URL = URI.create("https://example.com/news/3?ref=home");

    @Test
    void shouldTakeOgTagsTheArticleBlockAndTheCanonicalUrl() throws Rejection {
        PageExtractor.Page p = PageExtractor.extract(
                WebFixtures.urduPage("https://example.com").getBytes(StandardCharsets.UTF_8), null, URL);

        assertThat(p.title()).isEqualTo("اسلام آباد میں اجلاس");
        assertThat(p.body()).isEqualTo("وفاقی کابینہ کا اجلاس ہوا۔\n\nاجلاس میں اہم فیصلے کیے گئے۔");
        assertThat(p.canonicalUrl()).isEqualTo("https://example.com/news/3");
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2021-09-21T07:00:00Z"));
        assertThat(p.language()).isEqualTo("ur");
        assertThat(p.extra()).containsEntry("description", "اجلاس کا خلاصہ").containsEntry("section", "پاکستان");
    }

    @Test
    void shouldFindTheLargestParagraphBlockWithoutArticleTags() throws Rejection {
        String html = "<html><head><title>سرخی</title></head><body><div><p>مینو</p></div>"
                + "<div class=x><p>پہلا لمبا پیراگراف یہاں ہے۔</p><p>دوسرا پیراگراف۔</p></div>"
                + "<time datetime=\"2021-09-20\">کل</time></body></html>";

        PageExtractor.Page p = PageExtractor.extract(html.getBytes(StandardCharsets.UTF_8), "utf-8", URL);

        assertThat(p.title()).isEqualTo("سرخی");
        assertThat(p.body()).isEqualTo("پہلا لمبا پیراگراف یہاں ہے۔\n\nدوسرا پیراگراف۔");
        assertThat(p.canonicalUrl()).isEqualTo(URL.toString());
        assertThat(p.publishedAt()).isEqualTo(Instant.parse("2021-09-20T00:00:00Z"));
    }

    @Test
    void shouldDecodeTheCharsetThePageNames() throws Rejection {
        String html =
                "<html><head><meta charset=\"windows-1256\"></head><body><article><p>خبر</p></article></body></html>";

        PageExtractor.Page p = PageExtractor.extract(html.getBytes(Charset.forName("windows-1256")), null, URL);

        assertThat(p.body()).isEqualTo("خبر");
    }

    @Test
    void shouldRejectAPageWithNoText() {
        String html = "<html><body><nav><p>صفحہ اول</p></nav><script>var x = 1;</script></body></html>";

        assertThatThrownBy(() -> PageExtractor.extract(html.getBytes(StandardCharsets.UTF_8), null, URL))
                .isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).reason())
                .isEqualTo("no-text");
    }
}
