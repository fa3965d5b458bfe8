package io.khabar.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HighlighterTest {

    private static ArticleView.Entity entity(String key, String type, String canonical, ArticleView.Mention... m) {
        return new ArticleView.Entity(key, type, m.length == 0 ? key : m[0].text(), canonical, null, null, List.of(m));
    }

    private static String render(String text, List<Highlighter.Span> spans) {
        StringBuilder b = new StringBuilder();
        Highlighter.render(b, text, "body", Highlighter.place(text, spans));
        return b.toString();
    }

    @Test
    void shouldPlaceHighlightsAtTheRecordOffsetsAndKeepTheTextUnchanged() {
        String body = "وزیر اعظم عمران خان نے پیوٹن سے بات کی۔";
        int s = body.indexOf("عمران خان");
        var imran = entity(
                "Q193625",
                "PERSON",
                "Imran Khan",
                new ArticleView.Mention("body", s, s + "عمران خان".length(), "عمران خان"));
        String html = render(body, List.of(new Highlighter.Span(s, s + 9, imran)));
        Document doc = Jsoup.parseBodyFragment("<div id=b>" + html + "</div>");
        Element div = doc.getElementById("b");
        assertThat(div.wholeText()).isEqualTo(body);
        Element a = div.selectFirst("a.ent");
        assertThat(a.text()).isEqualTo("عمران خان");
        assertThat(a.hasClass("t-person")).isTrue();
        assertThat(a.attr("title")).isEqualTo("Imran Khan · person");
        assertThat(a.attr("href")).isEqualTo("/entity?key=Q193625");
        assertThat(a.attr("data-start")).isEqualTo(String.valueOf(s));
    }

    @Test
    void shouldNeverCutALetterFromItsDiacriticsOrAJoiningMark() {
        // مُحَمَّد with its harakat: a start between م and its damma, an end between the fatha and the shadda
        String text = "جناب مُحَمَّد آئے";
        int start = text.indexOf("مُ") + 1;
        int end = text.indexOf("د") - 1;
        List<Highlighter.Span> placed = Highlighter.place(text, List.of(new Highlighter.Span(start, end, null)));
        assertThat(placed).hasSize(1);
        Highlighter.Span p = placed.get(0);
        assertThat(p.start()).isEqualTo(text.indexOf("مُ"));
        assertThat(p.end()).isEqualTo(text.indexOf("د"));
        assertThat(Character.getType(text.charAt(p.start()))).isNotEqualTo((int) Character.NON_SPACING_MARK);
    }

    @Test
    void shouldNeverCutASurrogatePairOrLeaveAZwnjWithoutItsLetter() {
        String text = "ab😀cd";
        List<Highlighter.Span> placed = Highlighter.place(text, List.of(new Highlighter.Span(3, 5, null)));
        assertThat(placed.get(0).start()).isEqualTo(2);
        String zwnj = "اسلام\u200cآباد";
        int afterZwnj = zwnj.indexOf('\u200c') + 1;
        List<Highlighter.Span> z = Highlighter.place(zwnj, List.of(new Highlighter.Span(0, afterZwnj - 1, null)));
        assertThat(z.get(0).end()).isEqualTo(afterZwnj);
    }

    @Test
    void shouldDropOverlapsAndSpansOutsideTheText() {
        String text = "لاہور اور کراچی";
        var e = entity("k", "LOCATION", null);
        List<Highlighter.Span> placed = Highlighter.place(
                text,
                List.of(
                        new Highlighter.Span(0, 5, e),
                        new Highlighter.Span(2, 8, e),
                        new Highlighter.Span(10, 99, e),
                        new Highlighter.Span(-3, -1, e)));
        assertThat(placed).extracting(Highlighter.Span::start).containsExactly(0, 10);
        assertThat(placed.get(1).end()).isEqualTo(text.length());
    }

    @Test
    void shouldIsolateLatinNamesAndNumbersInRightToLeftText() {
        String text = "صدر Joe Biden نے 25 اگست کو 2021 میں";
        String html = render(text, List.of());
        assertThat(html)
                .contains("<bdi>Joe Biden</bdi>")
                .contains("<bdi>25</bdi>")
                .contains("<bdi>2021</bdi>");
        assertThat(Jsoup.parseBodyFragment(html).body().wholeText()).isEqualTo(text);
    }

    @Test
    void shouldEscapeMarkupInTheTextAndInNames() {
        String text = "<img src=x onerror=alert(1)> عمران";
        var e = new ArticleView.Entity(
                "k\"><script>", "PERSON\"", "عمران", "\"><script>alert(1)</script>", null, null, List.of());
        String html = render(text, List.of(new Highlighter.Span(text.indexOf("عمران"), text.length(), e)));
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("img, script")).isEmpty();
        assertThat(doc.body().wholeText()).isEqualTo(text);
        assertThat(doc.selectFirst("a").attr("title")).startsWith("\"><script>");
        assertThat(doc.selectFirst("a").className()).isEqualTo("ent t-other");
    }

    @Test
    void shouldRenderAPageWithNoInlineScriptStyleOrHandler() {
        String title = "<script>alert(1)</script>";
        var view = new ArticleView(
                "id\"1",
                "bbc.com",
                "javascript:alert(1)",
                Instant.parse("2021-09-14T10:00:00Z"),
                title,
                "<img src=x onerror=alert(1)>",
                "ur",
                List.of(),
                null,
                null);
        Document doc = Jsoup.parse(Pages.article(view));
        assertThat(doc.select("script:not([src]), style, [style], img")).isEmpty();
        assertThat(doc.select("script[src]")).extracting(s -> s.attr("src")).containsExactly("/static/khabar.js");
        assertThat(doc.getAllElements())
                .allSatisfy(el -> assertThat(el.attributes().asList())
                        .noneMatch(at -> at.getKey().startsWith("on")));
        assertThat(doc.getElementById("title").text()).isEqualTo(title);
        assertThat(doc.select("a[href^=javascript]")).isEmpty();
        assertThat(doc.selectFirst("article").attr("dir")).isEqualTo("rtl");
        assertThat(doc.selectFirst("article").attr("lang")).isEqualTo("ur");
    }
}
