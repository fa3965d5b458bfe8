package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.OutsideText;
import java.net.URI;

/** Fetches article pages politely (robots.txt first) and extracts them with {@link PageExtractor}. */
public final class ArticlePages {

    private final HttpFetcher http;

    public ArticlePages(HttpFetcher http) {
        this.http = http;
    }

    /**
     * Fetches and extracts one page.
     *
     * @throws Rejection {@code robots-disallowed}, {@code fetch-failed}, {@code too-large}, {@code no-text} or
     *                   {@code unparseable}, with a message naming the URL's problem
     */
    public PageExtractor.Page fetch(String url) throws Rejection {
        String given = url == null ? "" : url.strip();
        io.khabar.model.ArticleRules.Violation bad = io.khabar.model.ArticleRules.checkUrl(given);
        if (bad != null) {
            throw new Rejection(
                    bad.reason(), "not a web address: " + OutsideText.escape(given, 200) + " (" + bad.message() + ")");
        }
        URI uri = URI.create(given);
        HttpFetcher.Response r;
        try {
            if (!http.allowedByRobots(uri)) {
                throw new Rejection(
                        DeadLetterReasons.ROBOTS_DISALLOWED,
                        "robots.txt of " + OutsideText.escape(uri.getHost()) + " forbids fetching "
                                + OutsideText.escape(uri.getRawPath()));
            }
            r = http.get(uri, false);
        } catch (HttpFetcher.FetchException e) {
            throw new Rejection(e.reason(), e.getMessage());
        }
        try {
            return confined(
                    PageExtractor.extract(r.body(), PageExtractor.charsetOf(r.contentType()), r.uri()), r.uri());
        } catch (Rejection e) {
            throw new Rejection(e.reason(), e.getMessage(), r.body());
        }
    }

    /**
     * The page's own canonical URL when it is an http(s) URL of the same site as the page that was fetched, else
     * the fetched URL: a page cannot claim another site's address (its id, and so its place in deduplication).
     */
    static PageExtractor.Page confined(PageExtractor.Page p, URI fetched) {
        String canonical = p.canonicalUrl();
        if (canonical != null
                && io.khabar.model.ArticleRules.isAcceptableUrl(canonical)
                && sameSite(URI.create(canonical).getHost(), fetched.getHost())) {
            return p;
        }
        return new PageExtractor.Page(
                p.title(), p.body(), fetched.toString(), p.publishedAt(), p.language(), p.extra());
    }

    static boolean sameSite(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = bare(a);
        String y = bare(b);
        return x.equals(y) || x.endsWith("." + y) || y.endsWith("." + x);
    }

    private static String bare(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        for (String prefix : new String[] {"www.", "m.", "amp."}) {
            if (h.startsWith(prefix) && h.length() > prefix.length()) {
                return h.substring(prefix.length());
            }
        }
        return h;
    }
}
