package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health and metrics server under hostile clients: idle and slowloris connections, many requests at once,
 * bad methods, paths, headers and request lines. Liveness must keep answering through all of it.
 */
class HealthServerHostileTest {

    private final AtomicBoolean ready = new AtomicBoolean(true);
    private EnrichHttpServer server;
    private HttpClient client;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = EnrichHttpServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                () -> true,
                ready::get,
                () -> "RUNNING",
                () -> "khabar_enrich_enriched_total 7.0\n");
        // a generous time-out: the old single-threaded server never answered at all behind one idle connection
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("x"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        sockets.add(s);
        return s;
    }

    @Test
    void shouldAnswerLivenessAndMetricsBehindIdleAndSlowlorisConnections() throws Exception {
        for (int i = 0; i < 40; i++) {
            open(); // connected, never sends a byte
        }
        for (int i = 0; i < 40; i++) {
            OutputStream out = open().getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush(); // a request whose headers never end
        }

        HttpResponse<String> live = get("/health/live");
        HttpResponse<String> metrics = get("/metrics");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("khabar_enrich_enriched_total 7.0");
    }

    @Test
    void shouldAnswerManyConcurrentRequests() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String path = i % 3 == 0 ? "/metrics" : i % 3 == 1 ? "/health/live" : "/health/ready";
            futures.add(client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseOtherMethodsAndPathsAndSayWhatExists() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND")) {
            HttpResponse<String> r = send(method, "/health/live");
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
        }
        for (String path : List.of("/", "/health", "/health/live/x", "/metrics.json", "/%2e%2e/etc/passwd", "/admin")) {
            assertThat(get(path).statusCode()).as(path).isIn(400, 404);
        }
        assertThat(get("/health/live?x=" + "a".repeat(100)).statusCode()).isEqualTo(200);
        HttpResponse<String> head = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/live"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void shouldAnswerGarbageAndHugeHeadersWithAClientErrorAndStayLive() throws Exception {
        assertThat(rawStatus("\u0000\u0001\u0002garbage\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(rawStatus("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
        assertThat(rawStatus("GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n")).matches("HTTP/1.1 [45]\\d\\d.*");
        assertThat(rawStatus("GET /health/live\u001b[31m HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReportNotReadyWith503() throws Exception {
        ready.set(false);
        HttpResponse<String> r = get("/health/ready");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"status\":\"DOWN\"");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldThrowBindExceptionForATakenPort() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnrichHttpServer.start(
                        new InetSocketAddress("127.0.0.1", server.port()), () -> true, () -> true, () -> "x", null))
                .isInstanceOf(java.net.BindException.class);
    }

    /** The status line the server answers to these raw bytes. */
    private String rawStatus(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may close while a huge request is still being written; its answer is read below
            }
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
