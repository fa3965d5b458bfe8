package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.BrokerWatch;
import io.khabar.model.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A stage whose broker goes away says so: a real broker is stopped under a running watch (and under a running enrich
 * app with its health server), then started again on the same port and log directory. While it is down there is one
 * WARN naming the broker, repeated at the repeat interval (not on every check), {@code /health/ready} answers 503;
 * when it is back there is one INFO line and readiness is 200 again.
 */
class BrokerWatchIT {

    @TempDir
    Path logDir;

    @TempDir
    Path stateDir;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger watchLog = (Logger) LoggerFactory.getLogger(BrokerWatch.class);
    private int port;
    private EmbeddedKafkaBroker broker;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        broker = startBroker();
        lines.start();
        watchLog.addAppender(lines);
    }

    @AfterEach
    void stop() {
        watchLog.detachAppender(lines);
        if (broker != null) {
            broker.close();
        }
    }

    private EmbeddedKafkaBroker startBroker() {
        return EmbeddedKafkaBroker.builder().port(port).logDir(logDir).start();
    }

    /** The lines logged so far, copied under the appender's lock (the watch's thread appends while tests read). */
    private List<ILoggingEvent> logged() {
        synchronized (lines) {
            return List.copyOf(lines.list);
        }
    }

    private List<String> warnings(String stage) {
        return logged().stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith(stage + ": cannot reach the Kafka broker at " + broker.bootstrapServers()))
                .toList();
    }

    private List<String> infos(String stage) {
        return logged().stream()
                .filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith(stage + ": the Kafka broker at "))
                .toList();
    }

    @Test
    void shouldWarnOnceThenAtTheRepeatIntervalWhileTheBrokerIsDownAndSayWhenItIsBack() {
        Properties client = KafkaTestSupport.client(broker.bootstrapServers());
        // checks every 200 ms, so "one WARN, not one per check" is visible: about 15 checks fail per repeat interval
        try (BrokerWatch watch =
                BrokerWatch.start("watch-test", client, Duration.ofMillis(200), Duration.ofSeconds(3))) {
            await().atMost(Duration.ofSeconds(10)).until(watch::reachable);
            assertThat(watch.problem()).isNull();
            assertThat(warnings("watch-test")).isEmpty();

            broker.close();
            await().atMost(Duration.ofSeconds(15)).until(() -> !watch.reachable());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> warnings("watch-test").size() == 1);
            assertThat(watch.problem()).isNotBlank();
            assertThat(warnings("watch-test").get(0)).contains("still retrying", "check bootstrap.servers");

            // repeated at the interval while down, and never once per failed check
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> warnings("watch-test").size() >= 2);
            assertThat(warnings("watch-test").get(1)).containsPattern("for [1-9][0-9]* s");
            assertThat(warnings("watch-test"))
                    .as("at most one WARN per 3 s repeat interval, not one per 200 ms check")
                    .hasSizeLessThanOrEqualTo(4);
            assertThat(infos("watch-test")).isEmpty();

            broker = startBroker();
            await().atMost(Duration.ofSeconds(30)).until(watch::reachable);
            assertThat(watch.problem()).isNull();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> infos("watch-test").size() == 1);
            assertThat(infos("watch-test").get(0)).contains("answers again after");
        }
    }

    @Test
    void shouldTurnEnrichReadinessFalseWhileTheBrokerIsDownAndTrueWhenItIsBack() throws Exception {
        broker.createTopics(Topics.definitions(1, (short) 1));
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "broker-watch-ready");
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.prometheus());
        Properties config = EnrichApp.streamsConfig(broker.bootstrapServers(), overrides);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (EnrichApp app = EnrichApp.start(ArticleEnricher.withDefaults(), config);
                EnrichHttpServer server = EnrichHttpServer.start(new InetSocketAddress("127.0.0.1", 0), app)) {
            URI ready = URI.create("http://127.0.0.1:" + server.port() + "/health/ready");
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(http, ready) == 200);

            broker.close();
            // readiness can also go 503 because Streams leaves RUNNING when its clients lose the broker, and that may
            // come before the watch's next check (every 2 s) sees it: wait for the watch's verdict, not for any 503
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> status(http, ready) == 503 && body(http, ready).contains("broker unreachable"));
            assertThat(warnings("enrich")).hasSize(1);
            assertThat(status(http, URI.create("http://127.0.0.1:" + server.port() + "/health/live")))
                    .as("alive: the clients retry on their own")
                    .isEqualTo(200);

            broker = startBroker();
            await().atMost(Duration.ofSeconds(90)).until(() -> status(http, ready) == 200);
            assertThat(infos("enrich")).hasSize(1);
        }
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(request(uri), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(HttpClient http, URI uri) throws Exception {
        return http.send(request(uri), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    }
}
