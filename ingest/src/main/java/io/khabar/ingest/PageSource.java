package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Article pages by URL (e.g. from a {@code --urls} file: one URL per line, blank lines and {@code #} comments
 * skipped): each page is fetched (if robots.txt allows), its article extracted, and published with the page's
 * canonical URL, so its id is the URL's hash. Source: {@code page:} plus the URL as given.
 */
public final class PageSource implements ArticleSource {

    private final List<String> urls;
    private final ArticlePages pages;
    private final Clock clock;

    public PageSource(List<String> urls, ArticlePages pages, Clock clock) {
        this.urls = List.copyOf(urls);
        this.pages = pages;
        this.clock = clock;
    }

    /** Reads a URL list file: one URL per line, blank lines and lines starting with {@code #} skipped. */
    public static List<String> readUrlList(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] bytes;
        try {
            bytes = InputFiles.readBounded(file, InputFiles.rootOfFile(file), InputFiles.Options.DEFAULTS, 64L << 20);
        } catch (Rejection r) {
            throw new IOException(
                    "--urls " + io.khabar.model.OutsideText.escape(file.toString()) + ": " + r.getMessage());
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return urls.size() + " article page(s)";
    }

    @Override
    public void readAll(SourceListener listener) {
        for (String url : urls) {
            try {
                PageExtractor.Page p = pages.fetch(url);
                io.khabar.model.ArticleRules.Violation v =
                        io.khabar.model.ArticleRules.checkText(p.title(), p.body(), Long.MAX_VALUE);
                if (v != null) {
                    throw new Rejection(v.reason(), v.message());
                }
                listener.onArticle(RawArticle.of(
                        "page:" + url,
                        p.canonicalUrl(),
                        p.title(),
                        p.body(),
                        p.language(),
                        p.publishedAt(),
                        clock.instant(),
                        p.extra()));
            } catch (Rejection r) {
                listener.onRejected(url, r.reason(), r.getMessage(), r.content());
            } catch (RuntimeException e) {
                // one page never stops the list
                listener.onRejected(
                        url,
                        DeadLetterReasons.UNPARSEABLE,
                        "cannot read this page: " + io.khabar.model.OutsideText.escape(e.toString(), 300),
                        null);
            }
        }
    }
}
