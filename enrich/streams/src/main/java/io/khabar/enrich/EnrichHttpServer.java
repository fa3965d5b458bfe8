package io.khabar.enrich;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * HTTP endpoints of one enrich instance: {@code /health/live} (200 unless Streams failed or stopped),
 * {@code /health/ready} (200 only while RUNNING and the broker answers) and {@code /metrics} (Prometheus text
 * format: the app's counters and the Kafka Streams metrics). Other states answer 503 with the state in the body.
 *
 * <p>Served by Jetty's non-blocking connector, so a client cannot hold a thread: idle connections and ones that
 * send their request slowly (slowloris) cost a socket only, are closed after {@link #IDLE_TIMEOUT} without a byte
 * and after {@link #MAX_CONNECTION_AGE} in any case, and at most {@link #MAX_CONNECTIONS} are open at once.
 * Only {@code GET} and {@code HEAD} are answered (405 otherwise); unknown paths answer 404.
 */
public final class EnrichHttpServer implements AutoCloseable {

    /** A connection that sends nothing for this long is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** Every connection is closed this long after it opened, however busy (a scrape takes milliseconds). */
    public static final Duration MAX_CONNECTION_AGE = Duration.ofSeconds(15);
    /** Connections open at once; more wait in the accept queue. */
    public static final int MAX_CONNECTIONS = 512;

    private final Server server;
    private final ServerConnector connector;

    private EnrichHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts serving on the address (port 0 picks a free one). */
    public static EnrichHttpServer start(InetSocketAddress address, EnrichApp app) throws IOException {
        Supplier<String> metrics = null;
        if (app.metrics().registry() instanceof PrometheusMeterRegistry prometheus) {
            metrics = prometheus::scrape;
        }
        return start(
                address,
                app::isLive,
                app::isReady,
                () -> app.state() + (app.brokerReachable() ? "" : ", broker unreachable"),
                metrics);
    }

    /**
     * Starts serving the given checks (for tests and other stages).
     *
     * @param metrics the Prometheus text, or null to answer 404 on {@code /metrics}
     */
    public static EnrichHttpServer start(
            InetSocketAddress address,
            BooleanSupplier live,
            BooleanSupplier ready,
            Supplier<String> state,
            Supplier<String> metrics)
            throws IOException {
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("khabar-enrich-http");
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(8 * 1024);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(128);
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                Scheduler scheduler = connector.getScheduler();
                scheduler.schedule(
                        () -> connection.getEndPoint().close(), MAX_CONNECTION_AGE.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String method = request.getMethod();
                if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    return respond(
                            request, response, callback, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
                }
                String path = request.getHttpURI().getPath();
                if ("/health/live".equals(path)) {
                    return health(request, response, callback, live.getAsBoolean(), state.get());
                }
                if ("/health/ready".equals(path)) {
                    return health(request, response, callback, ready.getAsBoolean(), state.get());
                }
                if ("/metrics".equals(path)) {
                    return metrics == null
                            ? respond(
                                    request,
                                    response,
                                    callback,
                                    404,
                                    "text/plain; charset=utf-8",
                                    "metrics are not kept in a Prometheus registry\n")
                            : respond(
                                    request,
                                    response,
                                    callback,
                                    200,
                                    "text/plain; version=0.0.4; charset=utf-8",
                                    metrics.get());
                }
                return respond(
                        request,
                        response,
                        callback,
                        404,
                        "text/plain; charset=utf-8",
                        "not found; try /health/live, /health/ready or /metrics\n");
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException bind) {
                    java.net.BindException taken = new java.net.BindException(address + ": " + bind.getMessage());
                    taken.initCause(e);
                    throw taken; // callers tell a taken port from other failures
                }
            }
            if (e instanceof IOException io) {
                throw io;
            }
            stopQuietly(server);
            throw new IOException("cannot serve HTTP on " + address + ": " + e.getMessage(), e);
        }
        return new EnrichHttpServer(server, connector);
    }

    /** The port served. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.setStopTimeout(1000);
            server.stop();
        } catch (Exception e) {
            // stopping: nothing more to do
        }
    }

    private static boolean health(Request request, Response response, Callback callback, boolean ok, String state) {
        String body = "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"state\":\"" + state + "\"}\n";
        return respond(request, response, callback, ok ? 200 : 503, "application/json", body);
    }

    private static boolean respond(
            Request request, Response response, Callback callback, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, String.valueOf(bytes.length));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if ("HEAD".equals(request.getMethod())) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
        return true;
    }
}
