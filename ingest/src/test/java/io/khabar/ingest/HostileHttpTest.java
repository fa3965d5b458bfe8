package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.DeadLetterReasons;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile HTTP servers, answered byte by byte from a raw socket (so that they can lie as a real server can):
 * redirect loops and long chains, compressed bodies that expand hugely, bodies that drip past the time-out,
 * headers that never end, and Content-Length lies. Each fetch fails alone, with a reason and a message naming
 * the URL, within the request time-out and without holding more than the size limit.
 */
class HostileHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final long LIMIT = 64 * 1024;

    /** Writes the whole answer to a request for a path. */
    interface Script {
        void answer(String path, OutputStream out) throws IOException, InterruptedException;
    }

    private ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                pool.submit(() -> serve(s));
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        pool.shutdownNow();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                head.write(b);
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            }
            String requestLine = head.toString(StandardCharsets.ISO_8859_1)
                    .lines()
                    .findFirst()
                    .orElse("");
            String path = requestLine.split(" ").length > 1 ? requestLine.split(" ")[1] : "/";
            requests.incrementAndGet();
            Script script = scripts.getOrDefault(
                    path,
                    (p, out) -> out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1)));
            OutputStream out = s.getOutputStream();
            script.answer(path, out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test ended
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private static HttpFetcher fetcher() {
        // the test server is on loopback; politeness 0 so that redirect chains are not slowed down on purpose
        return new HttpFetcher(Duration.ofSeconds(2), TIMEOUT, Duration.ZERO, LIMIT, true);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void redirect(OutputStream out, String location) throws IOException {
        out.write(ascii("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n"));
    }

    private HttpFetcher.FetchException fails(String path) {
        long start = System.nanoTime();
        HttpFetcher.FetchException e = (HttpFetcher.FetchException)
                org.assertj.core.api.Assertions.catchThrowable(() -> fetcher().get(URI.create(url(path)), false));
        assertThat(e).as("fetching " + path).isNotNull();
        // not a timed assertion on speed: a hostile server must not hold a fetch past its own time-out for long
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
        return e;
    }

    @Test
    void shouldStopARedirectLoopAndALongChain() {
        scripts.put("/a", (p, out) -> redirect(out, "/b"));
        scripts.put("/b", (p, out) -> redirect(out, url("/a")));
        for (int i = 0; i < 50; i++) {
            int next = i + 1;
            scripts.put("/chain/" + i, (p, out) -> redirect(out, "/chain/" + next));
        }

        HttpFetcher.FetchException loop = fails("/a");
        assertThat(loop.reason()).isEqualTo(DeadLetterReasons.FETCH_FAILED);
        assertThat(loop.getMessage()).contains("more than " + HttpFetcher.MAX_REDIRECTS + " redirects", url("/a"));
        int afterLoop = requests.get();
        assertThat(afterLoop).isEqualTo(HttpFetcher.MAX_REDIRECTS + 1);

        HttpFetcher.FetchException chain = fails("/chain/0");
        assertThat(chain.getMessage()).contains("more than " + HttpFetcher.MAX_REDIRECTS + " redirects");
        assertThat(requests.get() - afterLoop).isEqualTo(HttpFetcher.MAX_REDIRECTS + 1);
    }

    @Test
    void shouldRefuseACompressedBodyItDidNotAskForInsteadOfExpandingIt() throws IOException {
        // 1 GB of zeros would gzip to ~1 MB; 64 MB → ~64 KB is enough to show that nothing is expanded
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        byte[] bomb = zipped.toByteArray();
        for (String encoding : new String[] {"gzip", "deflate", "br", "x-gzip, gzip"}) {
            scripts.put("/bomb-" + encoding.charAt(0) + encoding.length(), (p, out) -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: " + encoding
                        + "\r\nContent-Length: " + bomb.length + "\r\n\r\n"));
                out.write(bomb);
            });
        }
        for (String path : scripts.keySet()) {
            HttpFetcher.FetchException e = fails(path);
            assertThat(e.reason()).as(path).isIn(DeadLetterReasons.FETCH_FAILED, DeadLetterReasons.TOO_LARGE);
            assertThat(e.getMessage())
                    .as(path + ": says what it refused, not 'not an RSS feed'")
                    .contains("Content-Encoding", url(path));
        }
    }

    @Test
    void shouldGiveUpOnABodyThatDripsPastTheTimeOut() {
        scripts.put("/drip", (p, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"));
            out.flush();
            for (int i = 0; i < 1000; i++) {
                out.write('<');
                out.flush();
                Thread.sleep(100); // always something within any idle time-out, never the whole body
            }
        });
        HttpFetcher.FetchException e = fails("/drip");
        assertThat(e.reason()).isEqualTo(DeadLetterReasons.FETCH_FAILED);
        assertThat(e.getMessage()).contains("timed out", url("/drip"));
    }

    @Test
    void shouldGiveUpOnHeadersThatNeverEnd() {
        scripts.put("/headers", (p, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"));
            byte[] line = ascii("X-Padding: " + "a".repeat(1000) + "\r\n");
            for (int i = 0; i < 1_000_000; i++) { // 1 GB of headers if nobody stops reading
                out.write(line);
            }
        });
        scripts.put("/slow-headers", (p, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\n"));
            for (int i = 0; i < 1000; i++) {
                out.write(ascii("X-" + i + ": a\r\n"));
                out.flush();
                Thread.sleep(100);
            }
        });
        HttpFetcher.FetchException huge = fails("/headers");
        assertThat(huge.reason()).isEqualTo(DeadLetterReasons.FETCH_FAILED);
        assertThat(huge.getMessage()).contains(url("/headers"));
        HttpFetcher.FetchException slow = fails("/slow-headers");
        assertThat(slow.reason()).isEqualTo(DeadLetterReasons.FETCH_FAILED);
        assertThat(slow.getMessage()).contains("timed out", url("/slow-headers"));
    }

    @Test
    void shouldNotBelieveContentLength() throws Exception {
        // claims more than it sends, then closes: the body is cut, which is a failed fetch, not a short article
        scripts.put("/short", (p, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"));
            out.write(ascii("<html><body><p>kat"));
        });
        // claims little, sends a lot: only what it claimed is read
        scripts.put("/long", (p, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n"));
            out.write(ascii("hello" + "x".repeat(200_000)));
        });
        // claims 10 GB: refused at the limit, without reading (or allocating) 10 GB
        scripts.put("/huge", (p, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000000000\r\n\r\n"));
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
        });
        // chunked without end
        scripts.put("/endless", (p, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (int i = 0; i < 10_000; i++) {
                out.write(ascii("1000\r\n" + "y".repeat(4096) + "\r\n"));
            }
        });

        assertThat(fails("/short").reason()).isEqualTo(DeadLetterReasons.FETCH_FAILED);
        HttpFetcher.Response r = fetcher().get(URI.create(url("/long")), false);
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        HttpFetcher.FetchException huge = fails("/huge");
        assertThat(huge.reason()).isEqualTo(DeadLetterReasons.TOO_LARGE);
        assertThat(huge.getMessage()).contains("more than " + LIMIT + " bytes");
        assertThat(fails("/endless").reason()).isEqualTo(DeadLetterReasons.TOO_LARGE);
        assertThatThrownBy(() -> fetcher().get(URI.create(url("/nothing-here")), false))
                .hasMessageContaining("HTTP 404");
    }
}
