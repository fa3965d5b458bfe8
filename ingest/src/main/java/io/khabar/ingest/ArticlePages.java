package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
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
        URI uri;
        try {
            uri = URI.create(url.strip());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new Rejection(DeadLetterReasons.UNPARSEABLE, "not a web address: " + url + " (" + e.getMessage() + ")");
        }
        HttpFetcher.Response r;
        try {
            if (!http.allowedByRobots(uri)) {
                throw new Rejection(DeadLetterReasons.ROBOTS_DISALLOWED, "robots.txt of " + uri.getHost() + " forbids fetching "
                        + uri.getRawPath());
            }
            r = http.get(uri, false);
        } catch (HttpFetcher.FetchException e) {
            throw new Rejection(e.reason(), e.getMessage());
        }
        try {
            return PageExtractor.extract(r.body(), PageExtractor.charsetOf(r.contentType()), r.uri());
        } catch (Rejection e) {
            throw new Rejection(e.reason(), e.getMessage(), r.body());
        }
    }
}
