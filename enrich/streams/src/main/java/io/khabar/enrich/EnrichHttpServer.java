package io.khabar.enrich;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP endpoints of one enrich instance: {@code /health/live} (200 unless Streams failed or stopped),
 * {@code /health/ready} (200 only while RUNNING) and {@code /metrics} (Prometheus text format: the app's counters
 * and the Kafka Streams metrics). Other states answer 503 with the state in the body.
 */
public final class EnrichHttpServer implements AutoCloseable {

    private final HttpServer server;

    private EnrichHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on the address (port 0 picks a free one). */
    public static EnrichHttpServer start(InetSocketAddress address, EnrichApp app) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "khabar-enrich-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health/live", ex -> health(ex, app.isLive(), app));
        server.createContext("/health/ready", ex -> health(ex, app.isReady(), app));
        server.createContext("/metrics", ex -> {
            if (app.metrics().registry() instanceof PrometheusMeterRegistry prometheus) {
                respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape());
            } else {
                respond(ex, 404, "text/plain; charset=utf-8", "metrics are not kept in a Prometheus registry\n");
            }
        });
        server.start();
        return new EnrichHttpServer(server);
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static void health(HttpExchange ex, boolean ok, EnrichApp app) throws IOException {
        String body = "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"state\":\"" + app.state() + "\"}\n";
        respond(ex, ok ? 200 : 503, "application/json", body);
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
