package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code khabar ingest --watch}: a file dropped into the folder is published while running, once across restarts. */
class WatchIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = SharedBroker.KAFKA;

    @TempDir
    Path dir;

    @TempDir
    Path stateDir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private WatchSource newWatch() {
        return new WatchSource(
                dir,
                stateDir.resolve("state"),
                1 << 20,
                Duration.ofMillis(300),
                Duration.ofMillis(100),
                Clock.systemUTC());
    }

    private Future<IngestSummary> start(WatchSource watch) {
        return pool.submit(() -> Ingest.run(List.of(watch), SharedBroker.client()));
    }

    @Test
    void shouldPublishADroppedFileExactlyOnceAcrossARestartAndItsNewVersionOnce() throws Exception {
        Map<TopicPartition, Long> raw = SharedBroker.mark(Topics.RAW);
        Files.writeString(dir.resolve("before.txt"), "پہلے سے موجود\n\nیہ فائل شروع سے پہلے تھی۔");

        WatchSource first = newWatch();
        Future<IngestSummary> running = start(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> SharedBroker.countSince(raw) == 1);
        Files.createDirectories(dir.resolve("sub"));
        Path tmp = dir.resolve("sub/dropped.txt.part");
        Files.writeString(tmp, "گری ہوئی فائل\n\nچلتے ہوئے فولڈر میں ڈالی گئی۔");
        Files.move(tmp, dir.resolve("sub/dropped.txt"));
        await().atMost(Duration.ofSeconds(30)).until(() -> SharedBroker.countSince(raw) == 2);
        first.stop();
        IngestSummary firstRun = running.get(30, TimeUnit.SECONDS);
        assertThat(firstRun.published()).isEqualTo(2);
        assertThat(Files.readString(stateDir.resolve("state")))
                .contains("sub/dropped.txt")
                .contains("before.txt");

        Files.writeString(dir.resolve("while-stopped.txt"), "رکے ہوئے وقت\n\nجب ingest بند تھا۔");
        WatchSource second = newWatch();
        running = start(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> SharedBroker.countSince(raw) == 3);
        Files.writeString(dir.resolve("before.txt"), "پہلے سے موجود\n\nیہ فائل بدل گئی۔");
        await().atMost(Duration.ofSeconds(30)).until(() -> SharedBroker.countSince(raw) == 4);
        long scans = second.scansCompleted();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.scansCompleted() >= scans + 2);
        second.stop();
        assertThat(running.get(30, TimeUnit.SECONDS).published()).isEqualTo(2);

        assertThat(SharedBroker.readSince(raw, 4))
                .extracting(r -> JsonSerde.rawArticle().fromBytes(r.value()))
                .extracting(RawArticle::title, RawArticle::body)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("پہلے سے موجود", "یہ فائل شروع سے پہلے تھی۔"),
                        org.assertj.core.groups.Tuple.tuple("گری ہوئی فائل", "چلتے ہوئے فولڈر میں ڈالی گئی۔"),
                        org.assertj.core.groups.Tuple.tuple("رکے ہوئے وقت", "جب ingest بند تھا۔"),
                        org.assertj.core.groups.Tuple.tuple("پہلے سے موجود", "یہ فائل بدل گئی۔"));
    }
}
