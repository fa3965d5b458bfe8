package io.khabar.ingest;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.khabar.model.ArticleRules;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.OutsideText;
import io.khabar.model.RawArticle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RSS 2.0 and Atom feeds, by http(s) URL or file, parsed with ROME. Each item becomes an article: title, link
 * (the URL, so the id is its hash), published (else updated) date, body from the item's full content, else its
 * description, as paragraphs; guid, author, categories and the feed's title go to {@code extra}. Items with no
 * text, or all items when {@code fetchPages} is on, get their body from the article page (see {@link ArticlePages}).
 * With a poll interval the feeds are read again and again (conditional GET: an unchanged feed answers 304) until
 * {@link #stop()}; an item already published in this run is not sent again.
 */
public final class FeedSource implements ArticleSource {

    private static final Logger log = LoggerFactory.getLogger(FeedSource.class);
    private static final int SEEN_LIMIT = 100_000;
    private static final java.util.regex.Pattern ATOM_LANG =
            java.util.regex.Pattern.compile("<feed[^>]*?\\sxml:lang=[\"']([A-Za-z0-9-]+)[\"']");

    private final List<String> feeds;
    private final HttpFetcher http;
    private final ArticlePages pages;
    private final Duration pollInterval;
    private final boolean fetchPages;
    private final long maxFeedBytes;
    private final Clock clock;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_LIMIT;
        }
    };
    private final Object pause = new Object();
    private volatile boolean stopped;

    /**
     * @param feeds        feed URLs (http/https) or file paths
     * @param http         the fetcher (time-outs, politeness, size limit)
     * @param pollInterval time between two reads of the feeds; zero reads them once
     * @param fetchPages   fetch every item's page for the full text, not only items without text
     * @param maxFeedBytes size limit of a feed file
     */
    public FeedSource(
            List<String> feeds,
            HttpFetcher http,
            Duration pollInterval,
            boolean fetchPages,
            long maxFeedBytes,
            Clock clock) {
        this.feeds = List.copyOf(feeds);
        this.http = http;
        this.pages = new ArticlePages(http);
        this.pollInterval = pollInterval;
        this.fetchPages = fetchPages;
        this.maxFeedBytes = maxFeedBytes;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "feeds " + feeds + (pollInterval.isZero() ? "" : " every " + pollInterval);
    }

    /** Ends polling after the current round. */
    @Override
    public void stop() {
        synchronized (pause) {
            stopped = true;
            pause.notifyAll();
        }
    }

    @Override
    public void readAll(SourceListener listener) {
        while (!stopped) {
            for (String feed : feeds) {
                if (stopped) {
                    break;
                }
                readFeed(feed, listener);
            }
            listener.awaitDelivered();
            if (pollInterval.isZero()) {
                return;
            }
            long until = System.nanoTime() + pollInterval.toNanos();
            synchronized (pause) {
                for (long left = until - System.nanoTime(); !stopped && left > 0; left = until - System.nanoTime()) {
                    try {
                        pause.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Reads one feed once. */
    void readFeed(String feed, SourceListener listener) {
        byte[] bytes;
        URI base;
        boolean remote = feed.startsWith("http://") || feed.startsWith("https://");
        if (remote) {
            base = URI.create(feed);
            try {
                HttpFetcher.Response r = http.get(base, true, maxFeedBytes);
                if (r.notModified()) {
                    log.debug("{}: not modified", feed);
                    return;
                }
                bytes = r.body();
                base = r.uri();
            } catch (HttpFetcher.FetchException e) {
                listener.onRejected(feed, e.reason(), e.getMessage(), null);
                return;
            }
        } else {
            Path file;
            try {
                file = Path.of(feed.startsWith("file:") ? URI.create(feed).getPath() : feed);
            } catch (RuntimeException e) {
                listener.onRejected(
                        feed,
                        DeadLetterReasons.UNREADABLE,
                        "neither an http(s) URL nor a file: " + OutsideText.escape(feed, 200),
                        null);
                return;
            }
            base = file.toUri();
            try {
                bytes = InputFiles.readBounded(
                        file, InputFiles.rootOfFile(file), InputFiles.Options.DEFAULTS, maxFeedBytes);
            } catch (Rejection r) {
                listener.onRejected(feed, r.reason(), r.getMessage(), null);
                return;
            }
        }
        readFeedBytes(feed, bytes, base, listener);
    }

    /** Parses a feed's bytes and reads its items; never throws. */
    void readFeedBytes(String feed, byte[] bytes, URI base, SourceListener listener) {
        SyndFeed parsed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            input.setPreserveWireFeed(true);
            parsed = input.build(new XmlReader(new ByteArrayInputStream(bytes)));
        } catch (FeedException | IOException | RuntimeException e) {
            listener.onRejected(feed, DeadLetterReasons.UNPARSEABLE, "not an RSS or Atom feed: " + oneLine(e), bytes);
            return;
        }
        String atomLanguage = null;
        if (parsed.originalWireFeed() instanceof com.rometools.rome.feed.atom.Feed) {
            // ROME does not map the feed element's xml:lang; read it from the start of the document
            java.util.regex.Matcher m = ATOM_LANG.matcher(
                    new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1));
            atomLanguage = m.find() ? m.group(1) : null;
        }
        String type = parsed.getFeedType() != null
                        && parsed.getFeedType().toLowerCase(Locale.ROOT).startsWith("atom")
                ? "atom:"
                : "rss:";
        Instant now = clock.instant();
        int index = 0;
        for (SyndEntry entry : parsed.getEntries()) {
            try {
                readEntry(feed, type + feed, base, parsed, atomLanguage, entry, now, listener);
            } catch (RuntimeException e) {
                // one item never stops the feed
                listener.onRejected(
                        feed + " (item " + index + ")",
                        DeadLetterReasons.UNPARSEABLE,
                        "cannot read this item: " + OutsideText.escape(e.toString(), 300),
                        null);
            }
            index++;
        }
    }

    private void readEntry(
            String feed,
            String source,
            URI base,
            SyndFeed parsed,
            String atomLanguage,
            SyndEntry entry,
            Instant now,
            SourceListener listener) {
        String link = resolve(base, entry.getLink());
        if (link != null
                && "file".equalsIgnoreCase(base.getScheme())
                && link.regionMatches(true, 0, "file:", 0, 5)
                && !entry.getLink().strip().regionMatches(true, 0, "file:", 0, 5)) {
            link = null; // a relative link in a feed read from a file has no web address
        }
        String guid = entry.getUri();
        String key = link != null ? link : guid != null ? guid : String.valueOf(entry.getTitle());
        synchronized (seen) {
            if (seen.containsKey(key)) {
                return;
            }
        }
        String location = link != null ? link : feed + " (item " + key + ")";
        if (link != null) {
            ArticleRules.Violation bad = ArticleRules.checkUrl(link);
            if (bad != null) {
                listener.onRejected(
                        location,
                        bad.reason(),
                        "item of " + OutsideText.escape(feed, 200) + ": link " + OutsideText.escape(link, 200) + ": "
                                + bad.message(),
                        null);
                remember(key);
                return;
            }
        }
        String title = entry.getTitle() == null ? "" : PageExtractor.htmlToText(entry.getTitle());
        String content = null;
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content = c.getValue();
                break;
            }
        }
        String summary =
                entry.getDescription() == null ? null : entry.getDescription().getValue();
        String body = PageExtractor.htmlToText(content != null ? content : summary);
        Instant published = entry.getPublishedDate() != null
                ? entry.getPublishedDate().toInstant()
                : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
        if (published != null && ArticleRules.checkTime("publishedAt", published) != null) {
            published = null; // out of range (years 1..9999): the item's date is not used
        }
        String lang = parsed.getLanguage();
        if (lang == null) {
            lang = atomLanguage;
        }
        if (lang != null && !ArticleRules.isLanguageTag(lang.strip())) {
            lang = null;
        }
        String url = link;
        Map<String, Object> extra = new LinkedHashMap<>();
        if (guid != null && !guid.equals(link)) {
            extra.put("guid", guid);
        }
        if (entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            extra.put("author", entry.getAuthor().strip());
        }
        List<String> categories = new ArrayList<>();
        for (SyndCategory c : entry.getCategories()) {
            if (c.getName() != null && !c.getName().isBlank()) {
                categories.add(c.getName().strip());
            }
        }
        if (!categories.isEmpty()) {
            extra.put("categories", categories);
        }
        if (parsed.getTitle() != null && !parsed.getTitle().isBlank()) {
            extra.put("feedTitle", parsed.getTitle().strip());
        }
        if (link != null && (fetchPages || (body.isBlank() && content == null))) {
            try {
                PageExtractor.Page page = pages.fetch(link);
                if (content == null && summary != null && !body.isBlank()) {
                    extra.put("summary", body);
                }
                body = page.body();
                url = page.canonicalUrl();
                if (title.isBlank()) {
                    title = page.title();
                }
                if (published == null) {
                    published = page.publishedAt();
                }
                if (lang == null) {
                    lang = page.language();
                }
            } catch (Rejection r) {
                if (body.isBlank()) {
                    listener.onRejected(
                            location,
                            r.reason(),
                            "item of " + feed + " has no text and its page failed: " + r.getMessage(),
                            r.content());
                    remember(key);
                    return;
                }
                log.warn(
                        "{}: page not used ({}), publishing the feed's text",
                        OutsideText.escape(link),
                        OutsideText.escape(r.getMessage()));
            }
        }
        if (body.isBlank() && title.isBlank()) {
            listener.onRejected(
                    location, DeadLetterReasons.NO_TEXT, "item of " + feed + " has no title and no text", null);
            remember(key);
            return;
        }
        ArticleRules.Violation v = ArticleRules.checkText(title.strip(), body, Long.MAX_VALUE);
        if (v == null && url != null) {
            v = ArticleRules.checkUrl(url);
        }
        if (v != null) {
            listener.onRejected(
                    location, v.reason(), "item of " + OutsideText.escape(feed, 200) + ": " + v.message(), null);
            remember(key);
            return;
        }
        listener.onArticle(RawArticle.of(
                source, url, title.strip(), body, lang == null ? null : lang.strip(), published, now, extra));
        remember(key);
    }

    private void remember(String key) {
        synchronized (seen) {
            seen.put(key, Boolean.TRUE);
        }
    }

    private static String resolve(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            return base.resolve(link.strip()).toString();
        } catch (IllegalArgumentException e) {
            return link.strip();
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replace('\n', ' ');
    }
}
