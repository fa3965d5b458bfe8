package io.khabar.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.khabar.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web view's HTTP server (the JDK's {@code com.sun.net.httpserver}): pages, {@code /api/latest} for live
 * updates, the stylesheet and script, and health. Every response carries a restrictive Content-Security-Policy,
 * {@code nosniff}, no referrer and no framing. Requests for an article or entity that another instance holds are
 * redirected to it (see {@link Locator}). Only GET and HEAD are answered.
 */
public final class ServeHttpServer implements AutoCloseable {

    /** The Content-Security-Policy of every response. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** Trending periods offered, label → length. */
    static final Map<String, Duration> PERIODS = periods();

    private static final Logger log = LoggerFactory.getLogger(ServeHttpServer.class);

    static {
        // Time-outs of the JDK server (read once, when its first server is made): a slow or stuck client cannot
        // hold a worker thread. Set on the command line to change them.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "30"));
        System.setProperty(
                "sun.net.httpserver.idleInterval", System.getProperty("sun.net.httpserver.idleInterval", "30"));
        System.setProperty(
                "sun.net.httpserver.maxReqHeaders", System.getProperty("sun.net.httpserver.maxReqHeaders", "100"));
        // Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm holds the body until the
        // client's delayed ACK, about 40 ms on Linux, on every keep-alive response.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    }

    /** Finds the instance that holds a key, when it is not this one. */
    public interface Locator {
        /** The base URL ({@code http://host:port}) of the other instance holding the key, or empty when it is this one. */
        Optional<String> elsewhere(String store, String key);

        /** A locator for a single instance: everything is here. */
        static Locator local() {
            return (store, key) -> Optional.empty();
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ViewQueries queries;
    private final ClusterQueries cluster;
    private final Locator locator;
    private final long pollMillis;
    private final Map<String, byte[]> statics = new HashMap<>();
    private final Map<String, Cached> trending = new java.util.concurrent.ConcurrentHashMap<>();

    /** How long a trending page is reused. */
    static final Duration TRENDING_CACHE = Duration.ofSeconds(5);

    private ServeHttpServer(
            HttpServer server,
            ThreadPoolExecutor executor,
            ViewQueries queries,
            Locator locator,
            ClusterQueries.Peers peers,
            long pollMillis) {
        this.server = server;
        this.executor = executor;
        this.queries = queries;
        this.cluster = new ClusterQueries(queries, peers);
        this.locator = locator;
        this.pollMillis = pollMillis;
        statics.put("/static/khabar.css", resource("static/khabar.css"));
        statics.put("/static/khabar.js", resource("static/khabar.js"));
    }

    /**
     * Binds the address (port 0 picks a free one) and starts serving with {@code threads} worker threads.
     *
     * @param pollMillis how often the latest-articles page asks for new articles
     */
    public static ServeHttpServer start(
            InetSocketAddress address,
            ViewQueries queries,
            Locator locator,
            ClusterQueries.Peers peers,
            int threads,
            long pollMillis)
            throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger n = new AtomicInteger();
        // Bounded: when every worker is busy and 256 requests wait, the dispatcher thread serves the next one itself,
        // which slows accepting new connections instead of queueing without limit.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256),
                r -> {
                    Thread t = new Thread(r, "khabar-serve-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        ServeHttpServer s = new ServeHttpServer(server, executor, queries, locator, peers, pollMillis);
        server.createContext("/", s::handle);
        server.start();
        return s;
    }

    /** The address served. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
                return;
            }
            URI uri = ex.getRequestURI();
            String path = uri.getRawPath();
            Map<String, String> q = query(uri.getRawQuery());
            try {
                route(ex, path, q);
            } catch (InvalidStateStoreException e) {
                ex.getResponseHeaders().set("Retry-After", "2");
                send(
                        ex,
                        503,
                        "text/html; charset=utf-8",
                        Pages.message(
                                "Loading",
                                "The view is being built or moved between instances; try again in a moment."));
            } catch (RuntimeException e) {
                log.error("{} {} failed", method, path, e);
                send(
                        ex,
                        500,
                        "text/html; charset=utf-8",
                        Pages.message("Error", "Something went wrong; it is logged."));
            }
        }
    }

    private void route(HttpExchange ex, String path, Map<String, String> q) throws IOException {
        switch (path) {
            case "/" -> {
                ClusterQueries.Latest latest = cluster.latest(50);
                html(ex, 200, Pages.latest(latest.articles(), latest.total(), pollMillis));
            }
            case "/api/latest" -> json(ex, cluster.latest(clamp(q.get("limit"), 50, 1, 200)));
            // this instance's part of the lists that span all partitions, asked by the other instances
            case "/api/local/latest" -> json(ex, cluster.localLatest(clamp(q.get("limit"), 50, 1, 200)));
            case "/api/local/search" ->
                json(ex, cluster.localSearch(q.getOrDefault("q", ""), clamp(q.get("limit"), 50, 1, 200)));
            case "/api/local/trending" ->
                json(
                        ex,
                        cluster.localTrending(
                                Duration.ofSeconds(clamp(q.get("seconds"), 86_400, 3600, 400 * 86_400)),
                                Instant.ofEpochMilli(parseLong(q.get("until"), System.currentTimeMillis())),
                                clamp(q.get("perType"), 10, 1, 100)));
            case "/article" -> {
                String id = q.getOrDefault("id", "");
                if (redirected(ex, ServeTopology.ARTICLES, id)) {
                    return;
                }
                Optional<ArticleView> a = queries.article(id);
                if (a.isPresent()) {
                    html(ex, 200, Pages.article(a.get()));
                } else {
                    html(ex, 404, Pages.message("No such article", "No article has the id " + id + "."));
                }
            }
            case "/entity" -> {
                String key = q.getOrDefault("key", "");
                if (redirected(ex, ServeTopology.ENTITIES, key)) {
                    return;
                }
                Optional<EntityInfo> e = queries.entity(key);
                if (e.isEmpty()) {
                    html(ex, 404, Pages.message("No such entity", "No entity has the key " + key + "."));
                    return;
                }
                int page = clamp(q.get("page"), 0, 0, 100_000);
                ViewQueries.Page<ArticleSummary> articles = queries.entityArticles(key, page, Pages.ENTITY_PAGE);
                LocalDate to = articles.items().isEmpty() || page > 0
                        ? newestDay(queries.entityArticles(key, 0, 1).items())
                        : newestDay(articles.items());
                html(ex, 200, Pages.entity(e.get(), articles, queries.mentionsPerDay(key, to.minusDays(29), to)));
            }
            case "/story" -> {
                String id = q.getOrDefault("id", "");
                if (redirected(ex, ServeTopology.STORY_ARTICLES, id.isEmpty() ? "" : ServeTopology.storyKey(id))) {
                    return;
                }
                ViewQueries.Page<ArticleSummary> articles =
                        queries.storyArticles(id, clamp(q.get("page"), 0, 0, 100_000), Pages.ENTITY_PAGE);
                if (articles.items().isEmpty()) {
                    html(ex, 404, Pages.message("No such story", "No story has the id " + id + "."));
                } else {
                    html(ex, 200, Pages.story(id, articles));
                }
            }
            case "/trending" -> {
                String label = PERIODS.containsKey(q.get("period")) ? q.get("period") : "24 hours";
                html(ex, 200, trendingPage(label));
            }
            case "/search" -> {
                String query = q.getOrDefault("q", "").strip();
                if (query.length() > 200) {
                    query = query.substring(0, 200);
                }
                html(ex, 200, Pages.search(query, query.isEmpty() ? List.of() : cluster.search(query, 50)));
            }
            case "/health/live", "/health/ready" -> send(ex, 200, "application/json", "{\"status\":\"UP\"}\n");
            default -> {
                byte[] file = statics.get(path);
                if (file != null) {
                    ex.getResponseHeaders().set("Cache-Control", "max-age=300");
                    send(
                            ex,
                            200,
                            path.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
                            file);
                } else {
                    html(ex, 404, Pages.message("Not found", "There is no page at this address."));
                }
            }
        }
    }

    /** Trending sums many windows: each period's page is computed at most once every {@link #TRENDING_CACHE}. */
    private String trendingPage(String label) {
        long now = System.nanoTime();
        Cached c = trending.get(label);
        if (c != null && now - c.madeAt < TRENDING_CACHE.toNanos()) {
            return c.page;
        }
        Instant wall = Instant.now();
        Instant newest = cluster.newest();
        Instant until = newest == null || newest.isAfter(wall) ? wall : newest;
        String page = Pages.trending(
                cluster.trending(PERIODS.get(label), until, 10),
                PERIODS.get(label),
                until,
                List.copyOf(PERIODS.keySet()),
                label);
        trending.put(label, new Cached(now, page));
        return page;
    }

    private record Cached(long madeAt, String page) {}

    private static LocalDate newestDay(List<ArticleSummary> items) {
        Instant t = items.isEmpty() || items.get(0).time() == null
                ? Instant.now()
                : items.get(0).time();
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private boolean redirected(HttpExchange ex, String store, String key) throws IOException {
        if (key.isEmpty()) {
            return false;
        }
        Optional<String> other = locator.elsewhere(store, key);
        if (other.isEmpty()) {
            return false;
        }
        ex.getResponseHeaders()
                .set(
                        "Location",
                        other.get() + ex.getRequestURI().getRawPath() + "?"
                                + Objects.requireNonNullElse(ex.getRequestURI().getRawQuery(), ""));
        send(ex, 307, "text/plain; charset=utf-8", "held by " + other.get() + "\n");
        return true;
    }

    private static void json(HttpExchange ex, Object value) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, "application/json", Json.mapper().writeValueAsBytes(value));
    }

    private static long parseLong(String s, long dflt) {
        try {
            return s == null ? dflt : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static void html(HttpExchange ex, int status, String page) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, status, "text/html; charset=utf-8", page);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** The query string's parameters (the first of each name), percent-decoded as UTF-8; bad encodings give no value. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: ignore that parameter
            }
        }
        return out;
    }

    private static int clamp(String s, int dflt, int min, int max) {
        try {
            return s == null ? dflt : Math.max(min, Math.min(max, Integer.parseInt(s)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ServeHttpServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Duration> periods() {
        Map<String, Duration> p = new LinkedHashMap<>();
        p.put("6 hours", Duration.ofHours(6));
        p.put("24 hours", Duration.ofHours(24));
        p.put("7 days", Duration.ofDays(7));
        p.put("30 days", Duration.ofDays(30));
        return p;
    }
}
