package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Extracts an article from a news page's HTML: headline ({@code og:title}, else the first {@code h1}, else
 * {@code <title>}), body paragraphs (the {@code <p>}s of the main text block: {@code [itemprop=articleBody]},
 * {@code <article>}, {@code <main>}, else the element holding the most paragraph text), published time
 * ({@code article:published_time}, {@code datePublished}, a {@code <time datetime>}), canonical URL
 * ({@code <link rel=canonical>}, else {@code og:url}, else the fetched URL), language ({@code <html lang>}, else
 * {@code og:locale}), and a few more {@code og:}/{@code article:} tags kept in {@code extra}.
 */
public final class PageExtractor {

    /** What a page holds. */
    public record Page(
            String title,
            String body,
            String canonicalUrl,
            Instant publishedAt,
            String language,
            Map<String, Object> extra) {}

    private static final String BLOCK_CANDIDATES = "[itemprop=articleBody], article, main, [role=main]";
    private static final String NOISE = "script, style, noscript, nav, aside, footer, form, iframe, template, svg";

    private PageExtractor() {}

    /**
     * Parses the page. {@code charset} is the one the server named, or null to let the page's own meta tag (or
     * UTF-8) decide.
     *
     * @throws Rejection {@code no-text} when no paragraph text can be found, {@code unparseable} when unreadable
     */
    public static Page extract(byte[] html, String charset, URI url) throws Rejection {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(html), charset, url.toString());
        } catch (IOException | RuntimeException e) {
            throw new Rejection(
                    DeadLetterReasons.UNPARSEABLE,
                    "cannot parse the HTML: "
                            + io.khabar.model.OutsideText.escape(String.valueOf(e.getMessage()), 200));
        }
        String title = firstNonBlank(meta(doc, "og:title"), text(doc.selectFirst("h1")), doc.title());
        String canonical = firstNonBlank(
                absAttr(doc.selectFirst("link[rel=canonical][href]"), "href"), meta(doc, "og:url"), url.toString());
        Instant published = null;
        for (String candidate : new String[] {
            meta(doc, "article:published_time"),
            itemprop(doc, "datePublished"),
            meta(doc, "pubdate"),
            meta(doc, "date"),
            attr(doc.selectFirst("time[datetime]"), "datetime")
        }) {
            if (candidate != null && published == null) {
                published = JsonArticles.parseTime(candidate);
                if (published != null && io.khabar.model.ArticleRules.checkTime("publishedAt", published) != null) {
                    published = null; // out of range (years 1..9999): the page's time is not used
                }
            }
        }
        String lang = firstNonBlank(
                doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang"), meta(doc, "og:locale"));
        if (lang != null) {
            lang = lang.strip().replace('_', '-');
            if (!io.khabar.model.ArticleRules.isLanguageTag(lang)) {
                lang = null; // not a language tag: no hint rather than a wrong one
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        putIf(extra, "description", firstNonBlank(meta(doc, "og:description"), meta(doc, "description")));
        putIf(extra, "author", firstNonBlank(meta(doc, "author"), meta(doc, "article:author")));
        putIf(extra, "section", meta(doc, "article:section"));
        putIf(extra, "siteName", meta(doc, "og:site_name"));
        List<String> tags = doc.select("meta[property=article:tag]").eachAttr("content");
        if (!tags.isEmpty()) {
            extra.put("tags", tags);
        }

        doc.select(NOISE).remove();
        String body = paragraphs(mainBlock(doc));
        if (body.isBlank()) {
            throw new Rejection(
                    DeadLetterReasons.NO_TEXT, "no text found in the page: no paragraphs in its main block");
        }
        return new Page(title == null ? "" : title.strip(), body, canonical, published, lang, extra);
    }

    /** The paragraphs of an HTML fragment (a feed item's content), or its text when it has no {@code <p>}. */
    public static String htmlToText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select(NOISE).remove();
        return paragraphs(doc.body());
    }

    private static Element mainBlock(Document doc) {
        for (Element e : doc.select(BLOCK_CANDIDATES)) {
            if (textLength(e.select("p")) > 0) {
                return e;
            }
        }
        Element best = doc.body();
        int bestLength = 0;
        for (Element p : doc.select("p")) {
            Element parent = p.parent();
            if (parent == null) {
                continue;
            }
            int len = textLength(parent.select("> p"));
            if (len > bestLength) {
                bestLength = len;
                best = parent;
            }
        }
        return best;
    }

    private static String paragraphs(Element block) {
        if (block == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        Elements ps = block.select("p");
        if (ps.isEmpty()) {
            String t = block.text().strip();
            return t;
        }
        for (Element p : ps) {
            String t = p.text().strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return String.join("\n\n", out);
    }

    private static int textLength(Elements ps) {
        int n = 0;
        for (Element p : ps) {
            n += p.text().strip().length();
        }
        return n;
    }

    private static String meta(Document doc, String name) {
        Element e = doc.selectFirst("meta[property=" + name + "][content], meta[name=" + name + "][content]");
        return e == null || e.attr("content").isBlank()
                ? null
                : e.attr("content").strip();
    }

    private static String itemprop(Document doc, String name) {
        Element e = doc.selectFirst("[itemprop=" + name + "]");
        if (e == null) {
            return null;
        }
        String v = firstNonBlank(e.attr("content"), e.attr("datetime"), e.text());
        return v == null ? null : v.strip();
    }

    private static String attr(Element e, String a) {
        return e == null || e.attr(a).isBlank() ? null : e.attr(a).strip();
    }

    private static String absAttr(Element e, String a) {
        return e == null || e.absUrl(a).isBlank() ? null : e.absUrl(a);
    }

    private static String text(Element e) {
        return e == null ? null : e.text();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static void putIf(Map<String, Object> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                return p.substring(8).replace("\"", "").strip();
            }
        }
        return null;
    }
}
