package io.khabar.ingest;

import io.khabar.model.ArticleRules;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.OutsideText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Polite HTTP GETs for feeds and pages: a connect and a whole-request time-out, a size limit, a minimum delay
 * between two requests to the same host, conditional GETs ({@code If-None-Match} / {@code If-Modified-Since} from
 * the last answer's {@code ETag} / {@code Last-Modified}) and robots.txt rules cached per site.
 *
 * <p>Safe by default: only {@code http} and {@code https} URLs are fetched ({@code invalid-url} otherwise), and
 * every target, the first one and each redirect (followed here, at most {@value #MAX_REDIRECTS}, never by the
 * HTTP client), is resolved and refused ({@code blocked-address}) when any of its addresses is not public (see
 * {@link AddressPolicy}), unless private addresses are allowed. The JVM's DNS cache (30 s by default) makes the
 * client connect to the address that was checked.
 */
public final class HttpFetcher {

    /** The User-Agent sent, and the name looked up in robots.txt. */
    public static final String USER_AGENT = "khabar-ingest/0.1 (+https://github.com/khabar)";
    /** The robots.txt product token. */
    public static final String ROBOTS_AGENT = "khabar";

    /** An answer: status, body (empty for 304), content type, and the final URI after redirects. */
    public record Response(int status, byte[] body, String contentType, URI uri) {
        /** True for 304 Not Modified. */
        public boolean notModified() {
            return status == 304;
        }
    }

    /** A fetch that failed, with the rejection reason to report. */
    public static final class FetchException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        FetchException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** The {@link Rejection} reason. */
        public String reason() {
            return reason;
        }
    }

    /** Redirects followed before a fetch fails. */
    public static final int MAX_REDIRECTS = 5;

    /** Threads that read response bodies, so a stalled body can be abandoned at the time-out. */
    private static final java.util.concurrent.ExecutorService BODY_READERS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "khabar-http-body");
                t.setDaemon(true);
                return t;
            });

    private record Validators(String etag, String lastModified) {}

    private record Answer(int status, byte[] body, String contentType, String location) {}

    private final HttpClient client;
    private final boolean allowPrivateAddresses;
    private final java.util.function.Function<InetAddress, String> addressPolicy;
    private final Duration requestTimeout;
    private final Duration politeness;
    private final long maxBytes;
    private final Map<String, Long> nextRequestAt = new ConcurrentHashMap<>();
    private final Map<URI, Validators> validators = new ConcurrentHashMap<>();
    private final Map<String, RobotsTxt> robots = new ConcurrentHashMap<>();

    /**
     * @param connectTimeout time to connect
     * @param requestTimeout time for the whole request, body included
     * @param politeness     minimum time between two requests to the same host
     * @param maxBytes       largest body accepted
     */
    public HttpFetcher(Duration connectTimeout, Duration requestTimeout, Duration politeness, long maxBytes) {
        this(connectTimeout, requestTimeout, politeness, maxBytes, false);
    }

    /**
     * Like {@link #HttpFetcher(Duration, Duration, Duration, long)}; {@code allowPrivateAddresses} lets it fetch
     * from loopback, private, link-local and metadata addresses (intranets, tests; see docs/security.md).
     */
    public HttpFetcher(
            Duration connectTimeout,
            Duration requestTimeout,
            Duration politeness,
            long maxBytes,
            boolean allowPrivateAddresses) {
        this(connectTimeout, requestTimeout, politeness, maxBytes, allowPrivateAddresses, AddressPolicy::blockedReason);
    }

    /** For tests: another address policy (e.g. one that lets the test server's own address through). */
    HttpFetcher(
            Duration connectTimeout,
            Duration requestTimeout,
            Duration politeness,
            long maxBytes,
            boolean allowPrivateAddresses,
            java.util.function.Function<InetAddress, String> addressPolicy) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.addressPolicy = addressPolicy;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
        this.politeness = politeness;
        this.maxBytes = maxBytes;
    }

    /** Defaults: 5 s to connect, 20 s per request, 1 s between requests to one host. */
    public static HttpFetcher withDefaults(long maxBytes) {
        return new HttpFetcher(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(1), maxBytes);
    }

    /**
     * GETs a URI. With {@code conditional}, sends the validators of the last 200 answer for this URI, so an
     * unchanged resource answers 304. Any status other than 200 and 304 is a {@link FetchException}.
     */
    public Response get(URI uri, boolean conditional) throws FetchException {
        return get(uri, conditional, maxBytes);
    }

    /** Like {@link #get(URI, boolean)} with another size limit (feeds are larger than one article). */
    public Response get(URI uri, boolean conditional, long limit) throws FetchException {
        Response r = fetch(uri, conditional, limit);
        if (r.status() != 200 && r.status() != 304) {
            throw new FetchException(
                    DeadLetterReasons.FETCH_FAILED,
                    "HTTP " + r.status() + " from " + show(r.uri())
                            + (r.uri().equals(uri) ? "" : " (redirected from " + show(uri) + ")"));
        }
        return r;
    }

    /** GETs a URI, following redirects after checking each target; any final status is returned. */
    private Response fetch(URI uri, boolean conditional, long limit) throws FetchException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            checkTarget(current);
            HttpRequest request;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(current)
                        .timeout(requestTimeout)
                        .GET()
                        .header("User-Agent", USER_AGENT)
                        .header("Accept-Encoding", "identity");
                Validators v = conditional ? validators.get(current) : null;
                if (v != null) {
                    if (v.etag() != null) {
                        b.header("If-None-Match", v.etag());
                    }
                    if (v.lastModified() != null) {
                        b.header("If-Modified-Since", v.lastModified());
                    }
                }
                request = b.build();
            } catch (IllegalArgumentException e) {
                throw new FetchException(
                        DeadLetterReasons.INVALID_URL, "cannot fetch " + show(current) + ": " + e.getMessage());
            }
            Answer a = send(current, request, limit);
            boolean redirect = a.status() == 301
                    || a.status() == 302
                    || a.status() == 303
                    || a.status() == 307
                    || a.status() == 308;
            if (!redirect) {
                return new Response(a.status(), a.body(), a.contentType(), current);
            }
            if (a.location() == null) {
                throw new FetchException(
                        DeadLetterReasons.FETCH_FAILED,
                        "HTTP " + a.status() + " without a Location from " + show(current));
            }
            if (hop >= MAX_REDIRECTS) {
                throw new FetchException(
                        DeadLetterReasons.FETCH_FAILED, "more than " + MAX_REDIRECTS + " redirects from " + show(uri));
            }
            try {
                current = current.resolve(new URI(a.location().strip()));
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw new FetchException(
                        DeadLetterReasons.INVALID_URL,
                        show(current) + " redirects to an invalid URL: " + OutsideText.escape(a.location(), 200));
            }
        }
    }

    /**
     * Refuses a fetch target that is not an http(s) URL, or (unless private addresses are allowed) whose host
     * resolves to any address that is not public.
     */
    public void checkTarget(URI uri) throws FetchException {
        ArticleRules.Violation v = ArticleRules.checkUrl(uri.toString());
        if (v != null) {
            throw new FetchException(v.reason(), "not fetched: " + show(uri) + ": " + v.message());
        }
        if (allowPrivateAddresses) {
            return;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new FetchException(
                    DeadLetterReasons.FETCH_FAILED,
                    "unknown host " + OutsideText.escape(host, 200) + " in " + show(uri));
        } catch (RuntimeException e) {
            throw new FetchException(
                    DeadLetterReasons.INVALID_URL, "cannot resolve the host of " + show(uri) + ": " + e);
        }
        for (InetAddress a : addresses) {
            String why = addressPolicy.apply(a);
            if (why != null) {
                throw new FetchException(
                        DeadLetterReasons.BLOCKED_ADDRESS,
                        "not fetched: " + show(uri) + ": "
                                + OutsideText.escape(host, 200) + " is " + a.getHostAddress() + ", " + why
                                + " (--allow-private-addresses fetches from such addresses)");
            }
        }
    }

    private static String show(URI uri) {
        return OutsideText.escape(String.valueOf(uri), 300);
    }

    /**
     * True when the site's robots.txt lets khabar fetch this URI. The rules are fetched once per site and cached;
     * a missing robots.txt (4xx) allows everything. A robots.txt that cannot be had (time-out, refused connection,
     * 5xx) is a {@link FetchException}: RFC 9309 says to crawl nothing then; it is asked again next time.
     */
    public boolean allowedByRobots(URI uri) throws FetchException {
        checkTarget(uri);
        String site = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
        RobotsTxt rules = robots.get(site);
        if (rules == null) {
            URI robotsUri;
            try {
                robotsUri = new URI(site + "/robots.txt");
            } catch (java.net.URISyntaxException e) {
                throw new FetchException(DeadLetterReasons.INVALID_URL, "not a web address: " + show(uri));
            }
            Response r;
            try {
                r = fetch(robotsUri, false, maxBytes);
            } catch (FetchException e) {
                if (!e.reason().equals(DeadLetterReasons.FETCH_FAILED)
                        && !e.reason().equals(DeadLetterReasons.TOO_LARGE)) {
                    throw e; // its redirect went somewhere not allowed
                }
                throw new FetchException(
                        DeadLetterReasons.FETCH_FAILED,
                        "robots.txt unreachable, so nothing is fetched from " + OutsideText.escape(site, 200) + ": "
                                + e.getMessage());
            }
            if (r.status() >= 500) {
                throw new FetchException(
                        DeadLetterReasons.FETCH_FAILED,
                        "robots.txt answered HTTP " + r.status() + ", so nothing is fetched from "
                                + OutsideText.escape(site, 200) + " for now");
            }
            rules = r.status() >= 200 && r.status() < 300
                    ? RobotsTxt.parse(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), ROBOTS_AGENT)
                    : RobotsTxt.ALLOW_ALL;
            robots.put(site, rules);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return rules.allows(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    private Answer send(URI uri, HttpRequest request, long limit) throws FetchException {
        waitForTurn(uri);
        CompletableFuture<HttpResponse<InputStream>> future;
        try {
            future = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (RuntimeException e) {
            throw new FetchException(
                    DeadLetterReasons.INVALID_URL, "cannot fetch " + show(uri) + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        HttpResponse<InputStream> resp = null;
        try {
            resp = future.get(requestTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            HttpResponse<InputStream> finalResp = resp;
            int status = resp.statusCode();
            String location = resp.headers().firstValue("Location").orElse(null);
            boolean redirect = status >= 300 && status < 400 && location != null;
            String encoding = resp.headers().firstValue("Content-Encoding").orElse("identity");
            if (!redirect && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
                // asked for identity: a compressed body is never expanded (a gzip "bomb" of 1 MB holds 1 GB), and
                // is not handed to the parsers as if it were the page
                closeQuietly(resp);
                throw new FetchException(
                        DeadLetterReasons.FETCH_FAILED,
                        "refused: " + show(uri) + " answered with Content-Encoding "
                                + OutsideText.escape(encoding, 100)
                                + " though khabar asks for identity; compressed bodies are not expanded");
            }
            byte[] bytes;
            if (redirect) {
                closeQuietly(resp);
                bytes = new byte[0];
            } else {
                CompletableFuture<byte[]> body =
                        CompletableFuture.supplyAsync(() -> readLimited(finalResp.body(), uri, limit), BODY_READERS);
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                bytes = body.get(left, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            if (status == 200) {
                Optional<String> etag = resp.headers().firstValue("ETag");
                Optional<String> lm = resp.headers().firstValue("Last-Modified");
                if (etag.isPresent() || lm.isPresent()) {
                    validators.put(uri, new Validators(etag.orElse(null), lm.orElse(null)));
                }
            }
            return new Answer(
                    status, bytes, resp.headers().firstValue("Content-Type").orElse(null), location);
        } catch (TimeoutException e) {
            future.cancel(true);
            closeQuietly(resp);
            throw new FetchException(
                    DeadLetterReasons.FETCH_FAILED,
                    "timed out after " + requestTimeout.toMillis() + " ms: " + show(uri));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(resp);
            throw new FetchException(DeadLetterReasons.FETCH_FAILED, "interrupted: " + show(uri));
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null
                    ? ce.getCause()
                    : e.getCause();
            if (c instanceof FetchException f) {
                throw f;
            }
            if (c instanceof java.io.UncheckedIOException u && u.getCause() instanceof FetchException f) {
                throw f;
            }
            throw new FetchException(
                    DeadLetterReasons.FETCH_FAILED,
                    "cannot fetch " + show(uri) + ": " + OutsideText.escape(String.valueOf(c), 300));
        } catch (RuntimeException e) {
            closeQuietly(resp);
            throw new FetchException(
                    DeadLetterReasons.FETCH_FAILED,
                    "cannot fetch " + show(uri) + ": " + OutsideText.escape(e.toString(), 300));
        } finally {
            nextRequestAt.put(hostOf(uri), System.nanoTime() + politeness.toNanos());
        }
    }

    private static byte[] readLimited(InputStream in, URI uri, long maxBytes) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw new java.io.UncheckedIOException(new FetchException(
                            DeadLetterReasons.TOO_LARGE,
                            "too large: more than " + maxBytes + " bytes (--max-bytes) from " + show(uri)));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void closeQuietly(HttpResponse<InputStream> resp) {
        if (resp != null) {
            try {
                resp.body().close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private void waitForTurn(URI uri) throws FetchException {
        Long at = nextRequestAt.get(hostOf(uri));
        if (at == null) {
            return;
        }
        long wait = at - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(DeadLetterReasons.FETCH_FAILED, "interrupted: " + uri);
            }
        }
    }

    private static String hostOf(URI uri) {
        return String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
    }
}
