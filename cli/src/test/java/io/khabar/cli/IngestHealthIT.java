package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code khabar ingest --watch DIR --health-port P} (as the compose file runs it) answers its own health:
 * ready while it watches and the broker answers, 503 with the reason while the broker is gone, and still live
 * then (the producer retries on its own).
 */
class IngestHealthIT {

    @TempDir
    Path tmp;

    @Test
    void shouldBeReadyWhileWatchingAndNotReadyWhileTheBrokerIsGone() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        try (ChildJvm ingest = ChildJvm.start(
                "ingest",
                tmp,
                Map.of(),
                "256m",
                "ingest",
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--watch",
                inbox.toString(),
                "--state-file",
                tmp.resolve("published").toString(),
                "--no-progress",
                "--health-port",
                "0")) {
            // port 0 and the port read from its log: a port picked here and freed could be taken by anything on the
            // machine before the child JVM binds it
            java.util.regex.Pattern said = java.util.regex.Pattern.compile("health on port (\\d+)");
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .failFast(() ->
                            assertThat(ingest.isAlive()).as(ingest.tail(30)).isTrue())
                    .until(() -> said.matcher(ingest.log()).find());
            java.util.regex.Matcher m = said.matcher(ingest.log());
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(port).isPositive();
            URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
            URI live = URI.create("http://127.0.0.1:" + port + "/health/live");
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .failFast(() ->
                            assertThat(ingest.isAlive()).as(ingest.tail(30)).isTrue())
                    .until(() -> status(http, ready) == 200);
            assertThat(status(http, live)).isEqualTo(200);

            broker.close();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> status(http, ready) == 503);
            assertThat(body(http, ready)).contains("broker unreachable");
            assertThat(status(http, live)).as("alive: the producer retries").isEqualTo(200);
            assertThat(ingest.log()).contains("ingest: cannot reach the Kafka broker");
        } finally {
            broker.close();
        }
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(request(uri), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String body(HttpClient http, URI uri) throws Exception {
        return http.send(request(uri), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    }
}
