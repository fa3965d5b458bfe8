package io.khabar.serve;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Server-rendered HTML of the web view. Each method returns a whole page. Every value from a record goes through
 * {@link Html#escape}; the pages carry no inline script, no inline style and no event-handler attribute, so the
 * Content-Security-Policy set by {@link ServeHttpServer} can forbid them all.
 */
public final class Pages {

    /** Languages written right to left among those enrich detects. */
    private static final Set<String> RTL = Set.of("ur", "ar", "fa", "pnb");

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern WIKIDATA = Pattern.compile("Q[1-9][0-9]{0,12}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Entity types in legend order; unknown types are shown after them. */
    static final List<String> TYPES = List.of("PERSON", "LOCATION", "ORGANIZATION", "DATE", "DESIGNATION");

    private Pages() {}

    /** The latest-articles page; its list is kept current by khabar.js polling {@code /api/latest}. */
    public static String latest(List<ArticleSummary> articles, long total, long pollMillis) {
        StringBuilder b = head("Latest articles", "latest");
        b.append("<h1>Latest articles</h1>\n<p class=\"meta\"><span id=\"count\">")
                .append(total)
                .append("</span> articles. <span id=\"live\" class=\"live\"></span></p>\n");
        b.append("<ol id=\"latest\" class=\"articles\" data-live=\"/api/latest\" data-every=\"")
                .append(pollMillis)
                .append("\">\n");
        for (ArticleSummary a : articles) {
            articleItem(b, a, "entities");
        }
        b.append("</ol>\n");
        if (articles.isEmpty()) {
            b.append("<p class=\"empty\">No articles yet: the view fills as the enriched topic is read.</p>\n");
        }
        return foot(b);
    }

    /** An article with its entities highlighted. */
    public static String article(ArticleView a) {
        StringBuilder b = head(a.title().isEmpty() ? a.id() : a.title(), "article");
        String lang = lang(a.language());
        b.append("<article").append(lang).append(">\n<h1 id=\"title\" class=\"text\">");
        Highlighter.render(b, a.title(), "title", Highlighter.spans(a, "title"));
        b.append("</h1>\n<p class=\"meta\" dir=\"ltr\" lang=\"en\">");
        meta(b, a.outlet(), a.time());
        if (a.url() != null && (a.url().startsWith("https://") || a.url().startsWith("http://"))) {
            b.append(" · <a rel=\"noopener noreferrer nofollow\" href=\"")
                    .append(Html.escape(a.url()))
                    .append("\">source</a>");
        }
        if (a.storyId() != null) {
            b.append(" · <a href=\"/story?id=")
                    .append(Html.escape(Html.param(a.storyId())))
                    .append("\">story</a>");
            if (a.storySimilarity() != null) {
                b.append(String.format(Locale.ROOT, " (similarity %.2f)", a.storySimilarity()));
            }
        }
        b.append("</p>\n");
        legend(b);
        b.append("<div id=\"body\" class=\"text body\">");
        Highlighter.render(b, a.body(), "body", Highlighter.spans(a, "body"));
        b.append("</div>\n</article>\n");
        if (!a.entities().isEmpty()) {
            b.append("<section class=\"entities\" lang=\"en\" dir=\"ltr\"><h2>Entities</h2>\n<ul>\n");
            for (ArticleView.Entity e : a.entities()) {
                b.append("<li><a class=\"ent t-")
                        .append(Highlighter.typeClass(e.type()))
                        .append("\" href=\"/entity?key=")
                        .append(Html.escape(Html.param(e.key())))
                        .append("\"><span lang=\"ur\" dir=\"rtl\">")
                        .append(Html.escape(e.name()))
                        .append("</span></a>");
                if (e.hoverName() != null) {
                    b.append(" <bdi>").append(Html.escape(e.hoverName())).append("</bdi>");
                }
                b.append(" <span class=\"type\">")
                        .append(Html.escape(Highlighter.typeLabel(e.type())))
                        .append("</span> ×")
                        .append(e.mentions().size())
                        .append("</li>\n");
            }
            b.append("</ul></section>\n");
        }
        return foot(b);
    }

    /** An entity: names, type, Wikidata, a chart of mentions per day and its articles, newest first. */
    public static String entity(EntityInfo e, ViewQueries.Page<ArticleSummary> articles, Map<LocalDate, Long> perDay) {
        StringBuilder b = head(e.name(), "entity");
        b.append("<h1><span lang=\"ur\" dir=\"rtl\" class=\"t-")
                .append(Highlighter.typeClass(e.type()))
                .append("\">")
                .append(Html.escape(e.name()))
                .append("</span>");
        if (e.canonicalName() != null) {
            b.append(" <bdi class=\"canonical\">")
                    .append(Html.escape(e.canonicalName()))
                    .append("</bdi>");
        }
        b.append("</h1>\n<dl class=\"facts\">\n<dt>type</dt><dd class=\"type\">")
                .append(Html.escape(Highlighter.typeLabel(e.type())))
                .append("</dd>\n");
        if (e.romanized() != null) {
            b.append("<dt>romanised</dt><dd><bdi>")
                    .append(Html.escape(e.romanized()))
                    .append("</bdi></dd>\n");
        }
        if (e.wikidataId() != null && WIKIDATA.matcher(e.wikidataId()).matches()) {
            b.append("<dt>Wikidata</dt><dd><a rel=\"noopener noreferrer\" href=\"https://www.wikidata.org/wiki/")
                    .append(e.wikidataId())
                    .append("\">")
                    .append(e.wikidataId())
                    .append("</a></dd>\n");
        }
        b.append("<dt>key</dt><dd><code>").append(Html.escape(e.key())).append("</code></dd>\n");
        b.append("<dt>articles</dt><dd>")
                .append(e.articles())
                .append("</dd><dt>mentions</dt><dd>")
                .append(e.mentions())
                .append("</dd>\n<dt>names</dt><dd><ul class=\"variants\" lang=\"ur\" dir=\"rtl\">");
        e.variants().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(v -> b.append("<li>")
                        .append(Html.escape(v.getKey()))
                        .append(" <bdi>×")
                        .append(v.getValue())
                        .append("</bdi></li>"));
        b.append("</ul></dd>\n</dl>\n");
        b.append("<h2>Mentions per day (UTC)</h2>\n");
        MentionChart.svg(b, perDay);
        b.append("<h2>Articles</h2>\n<ol id=\"entity-articles\" class=\"articles\" start=\"")
                .append(articles.page() * ENTITY_PAGE + 1)
                .append("\">\n");
        for (ArticleSummary a : articles.items()) {
            articleItem(b, a, "mentions");
        }
        b.append("</ol>\n");
        pager(b, "/entity?key=" + Html.param(e.key()) + "&page=", articles);
        return foot(b);
    }

    /** The articles of a story (near-duplicates across outlets), newest first. */
    public static String story(String storyId, ViewQueries.Page<ArticleSummary> articles) {
        StringBuilder b = head("Story", "story");
        b.append(
                        "<h1>Story</h1>\n<p class=\"meta\">Articles reporting the same story (near-duplicates of its first article, ")
                .append("<a href=\"/article?id=")
                .append(Html.escape(Html.param(storyId)))
                .append("\">")
                .append("<code>")
                .append(Html.escape(storyId))
                .append("</code></a>), newest first.</p>\n")
                .append("<ol id=\"story-articles\" class=\"articles\" start=\"")
                .append(articles.page() * ENTITY_PAGE + 1)
                .append("\">\n");
        for (ArticleSummary a : articles.items()) {
            articleItem(b, a, "entities");
        }
        b.append("</ol>\n");
        pager(b, "/story?id=" + Html.param(storyId) + "&page=", articles);
        return foot(b);
    }

    private static void pager(StringBuilder b, String base, ViewQueries.Page<ArticleSummary> articles) {
        b.append("<nav class=\"pages\">");
        if (articles.page() > 0) {
            b.append("<a rel=\"prev\" href=\"")
                    .append(Html.escape(base + (articles.page() - 1)))
                    .append("\">newer</a> ");
        }
        if (articles.hasMore()) {
            b.append("<a rel=\"next\" href=\"")
                    .append(Html.escape(base + (articles.page() + 1)))
                    .append("\">older</a>");
        }
        b.append("</nav>\n");
    }

    /** Articles per page on an entity's page. */
    public static final int ENTITY_PAGE = 20;

    /** The most mentioned entities of each type in a period. */
    public static String trending(
            Map<String, List<ViewQueries.Trend>> byType,
            Duration period,
            Instant until,
            List<String> periods,
            String chosen) {
        StringBuilder b = head("Trending", "trending");
        b.append("<h1>Trending</h1>\n<p class=\"meta\">Most mentioned in the ")
                .append(Html.escape(chosen))
                .append(" up to <time datetime=\"")
                .append(until)
                .append("\">")
                .append(TIME.format(until))
                .append(
                        "</time> (the newest article's time, or now if that is later than now).</p>\n<nav class=\"periods\">");
        for (String p : periods) {
            b.append(
                    p.equals(chosen)
                            ? "<strong>" + Html.escape(p) + "</strong> "
                            : "<a href=\"/trending?period=" + Html.escape(Html.param(p)) + "\">" + Html.escape(p)
                                    + "</a> ");
        }
        b.append("</nav>\n");
        if (byType.isEmpty()) {
            b.append("<p class=\"empty\">No mentions in this period.</p>\n");
        }
        b.append("<div class=\"trends\">\n");
        for (String type : ordered(byType.keySet())) {
            b.append("<section><h2 class=\"t-")
                    .append(Highlighter.typeClass(type))
                    .append("\">")
                    .append(Html.escape(Highlighter.typeLabel(type)))
                    .append("</h2>\n<ol>\n");
            for (ViewQueries.Trend t : byType.get(type)) {
                entityItem(b, t.entity(), t.mentions());
            }
            b.append("</ol></section>\n");
        }
        b.append("</div>\n");
        return foot(b);
    }

    /** Search results. */
    public static String search(String query, List<EntityInfo> results) {
        StringBuilder b = head("Search", "search");
        b.append("<h1>Search</h1>\n<form action=\"/search\" method=\"get\" role=\"search\" class=\"big\">")
                .append("<input name=\"q\" type=\"search\" dir=\"auto\" lang=\"ur\" value=\"")
                .append(Html.escape(query))
                .append(
                        "\" placeholder=\"a name in Urdu or Latin letters\"> <button type=\"submit\">Search</button></form>\n");
        if (!query.isBlank()) {
            b.append("<p class=\"meta\">")
                    .append(results.size())
                    .append(" entities with a name starting with <q dir=\"auto\">")
                    .append(Html.escape(query))
                    .append("</q>.</p>\n<ol id=\"results\">\n");
            for (EntityInfo e : results) {
                entityItem(b, e, e.mentions());
            }
            b.append("</ol>\n");
        }
        return foot(b);
    }

    /** An error or notice page. */
    public static String message(String title, String text) {
        StringBuilder b = head(title, "message");
        b.append("<h1>")
                .append(Html.escape(title))
                .append("</h1>\n<p>")
                .append(Html.escape(text))
                .append("</p>\n");
        return foot(b);
    }

    private static void articleItem(StringBuilder b, ArticleSummary a, String countLabel) {
        b.append("<li data-id=\"")
                .append(Html.escape(a.id()))
                .append("\"><span class=\"meta\" dir=\"ltr\" lang=\"en\">");
        meta(b, a.outlet(), a.time());
        b.append("</span> <a class=\"headline\" lang=\"ur\" dir=\"auto\" href=\"/article?id=")
                .append(Html.escape(Html.param(a.id())))
                .append("\">")
                .append(Html.escape(a.title().isBlank() ? a.id() : a.title()))
                .append("</a> <span class=\"count\">")
                .append(a.mentions())
                .append(' ')
                .append(countLabel)
                .append("</span>");
        if (a.storyId() != null && !a.storyId().equals(a.id())) {
            b.append(" <a class=\"story\" href=\"/story?id=")
                    .append(Html.escape(Html.param(a.storyId())))
                    .append("\">story</a>");
            if (a.storySimilarity() != null) {
                b.append(String.format(Locale.ROOT, " <span class=\"count\">%.2f</span>", a.storySimilarity()));
            }
        }
        b.append("</li>\n");
    }

    private static void entityItem(StringBuilder b, EntityInfo e, long mentions) {
        b.append("<li><a class=\"ent t-")
                .append(Highlighter.typeClass(e.type()))
                .append("\" href=\"/entity?key=")
                .append(Html.escape(Html.param(e.key())))
                .append("\"><span lang=\"ur\" dir=\"rtl\">")
                .append(Html.escape(e.name()))
                .append("</span></a>");
        if (e.canonicalName() != null) {
            b.append(" <bdi>").append(Html.escape(e.canonicalName())).append("</bdi>");
        } else if (e.romanized() != null) {
            b.append(" <bdi>").append(Html.escape(e.romanized())).append("</bdi>");
        }
        b.append(" <span class=\"type\">")
                .append(Html.escape(Highlighter.typeLabel(e.type())))
                .append("</span> <span class=\"count\">")
                .append(mentions)
                .append(" mentions</span></li>\n");
    }

    private static void meta(StringBuilder b, String outlet, Instant time) {
        b.append("<bdi class=\"outlet\">")
                .append(Html.escape(outlet == null ? "unknown outlet" : outlet))
                .append("</bdi>");
        if (time != null) {
            b.append(" · <time datetime=\"")
                    .append(time)
                    .append("\">")
                    .append(TIME.format(time))
                    .append("</time>");
        }
    }

    private static void legend(StringBuilder b) {
        b.append("<ul class=\"legend\" lang=\"en\" dir=\"ltr\">");
        for (String t : TYPES) {
            b.append("<li class=\"ent t-")
                    .append(Highlighter.typeClass(t))
                    .append("\">")
                    .append(Highlighter.typeLabel(t))
                    .append("</li>");
        }
        b.append("</ul>\n");
    }

    private static List<String> ordered(Set<String> types) {
        return types.stream()
                .sorted((x, y) -> {
                    int i = TYPES.indexOf(x);
                    int j = TYPES.indexOf(y);
                    return Integer.compare(i < 0 ? 99 : i, j < 0 ? 99 : j) != 0
                            ? Integer.compare(i < 0 ? 99 : i, j < 0 ? 99 : j)
                            : x.compareTo(y);
                })
                .toList();
    }

    /** {@code lang} and {@code dir} attributes for text in this language (Urdu when unknown). */
    static String lang(String language) {
        String l = language == null || !LANGUAGE.matcher(language).matches() ? "ur" : language;
        if ("mixed".equals(language) || "und".equals(language)) {
            l = "ur";
        }
        return " lang=\"" + l + "\" dir=\"" + (RTL.contains(l) ? "rtl" : "ltr") + "\"";
    }

    private static StringBuilder head(String title, String page) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.escape(title))
                .append(" · khabar</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/static/khabar.css\">\n")
                .append("<script src=\"/static/khabar.js\" defer></script>\n</head>\n<body class=\"page-")
                .append(page)
                .append("\">\n<header><nav><a class=\"brand\" href=\"/\">khabar</a> <a href=\"/\">Latest</a> ")
                .append("<a href=\"/trending\">Trending</a> <form action=\"/search\" method=\"get\" role=\"search\">")
                .append("<input name=\"q\" type=\"search\" dir=\"auto\" lang=\"ur\" placeholder=\"search a name\" ")
                .append(
                        "aria-label=\"search a name\"> <button type=\"submit\">Search</button></form></nav></header>\n<main>\n");
        return b;
    }

    private static String foot(StringBuilder b) {
        return b.append("</main>\n</body>\n</html>\n").toString();
    }
}
