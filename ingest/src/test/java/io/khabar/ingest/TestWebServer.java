package io.khabar.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A local HTTP server for tests (loopback only): fixed answers per path, and a log of the requests. */
final class TestWebServer implements AutoCloseable {

    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    TestWebServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            requests.add(path + (inm == null ? "" : " If-None-Match=" + inm));
            try {
                Handler h = routes.get(path);
                if (h == null) {
                    send(ex, 404, "text/plain", "not found");
                } else {
                    h.handle(ex);
                }
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    TestWebServer route(String path, Handler h) {
        routes.put(path, h);
        return this;
    }

    TestWebServer text(String path, String contentType, String body) {
        return route(path, ex -> send(ex, 200, contentType, body));
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
