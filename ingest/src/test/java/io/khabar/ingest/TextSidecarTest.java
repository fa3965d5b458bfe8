package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a text file's sidecar {@code NAME.meta.json}. Precedence (header, then sidecar, then the run's
 * {@code --outlet}/{@code --language}); the sidecar is never an article of its own; hostile sidecars (a link out of
 * the folder, a FIFO, a huge one, another encoding) reject their text file with a reason naming the sidecar; in a
 * watched folder a sidecar written before its text file is applied, one arriving after the text was published is
 * a {@code late-metadata} dead letter, and a text refused for its sidecar is published once the sidecar is fixed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TextSidecarTest {

    private static final String TEXT = "کراچی میں بارش\n\nشہر میں تیز بارش ہوئی۔\n";

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private final CollectingListener listener = new CollectingListener();

    private void read(InputFiles.Options options, FieldMapping mapping) throws IOException {
        new FileTreeSource(List.of(dir), 1 << 20, Clock.systemUTC(), mapping, options).readAll(listener);
    }

    private void read() throws IOException {
        read(InputFiles.Options.DEFAULTS, FieldMapping.DEFAULT);
    }

    private static void mkfifo(Path p) throws Exception {
        Process pr = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(pr.waitFor()).isZero();
    }

    @Test
    void shouldPreferTheHeaderThenTheSidecarThenTheRunsOptions() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "outlet: Geo News Urdu\n---\n" + TEXT);
        Files.writeString(
                dir.resolve("a.meta.json"),
                "{\"outlet\": \"Daily Jang\", \"language\": \"ur\", \"url\": \"https://jang.com.pk/news/1\"}");
        Files.writeString(dir.resolve("b.txt"), TEXT.replace("کراچی", "لاہور"));
        FieldMapping run = FieldMapping.of(List.of(), "Run Outlet", "pa");

        read(InputFiles.Options.DEFAULTS, run);

        assertThat(listener.rejections).isEmpty();
        assertThat(listener.articles).hasSize(2);
        RawArticle a = listener.articles.get(0);
        assertThat(a.outlet()).as("header over sidecar").isEqualTo("Geo News Urdu");
        assertThat(a.languageHint()).as("sidecar over --language").isEqualTo("ur");
        assertThat(a.url()).as("sidecar alone").isEqualTo("https://jang.com.pk/news/1");
        RawArticle b = listener.articles.get(1);
        assertThat(b.outlet()).as("--outlet when the file says nothing").isEqualTo("Run Outlet");
        assertThat(b.languageHint()).isEqualTo("pa");
        assertThat(listener.articles)
                .extracting(RawArticle::source)
                .noneMatch(s -> s.endsWith(TextMetadata.SIDECAR_SUFFIX));
    }

    @Test
    void shouldNeverPublishASidecarNamedOnTheCommandLine() throws IOException {
        Path text = Files.writeString(dir.resolve("00016.txt"), TEXT);
        Path side = Files.writeString(dir.resolve("00016.meta.json"), "{\"outlet\": \"Geo News Urdu\"}");
        Path orphan = Files.writeString(dir.resolve("00017.meta.json"), "{\"outlet\": \"Dawn\"}");

        new FileTreeSource(List.of(text, side, orphan), 1 << 20, Clock.systemUTC()).readAll(listener);

        assertThat(listener.rejections).isEmpty();
        assertThat(listener.articles).singleElement().satisfies(a -> {
            assertThat(a.source()).isEqualTo("file:" + text);
            assertThat(a.outlet()).isEqualTo("Geo News Urdu");
        });
    }

    @Test
    void shouldRefuseASidecarLinkedOutOfTheFolderAndReadItWithFollowLinks() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.json"), "{\"outlet\": \"hunter2\"}");
        Files.writeString(dir.resolve("a.txt"), TEXT);
        Files.createSymbolicLink(dir.resolve("a.meta.json"), secret);

        read();

        assertThat(listener.articles).isEmpty();
        assertThat(listener.rejections)
                .containsExactly(dir.resolve("a.txt") + ":" + DeadLetterReasons.LINK_OUTSIDE_ROOT);
        assertThat(listener.messages.get(0))
                .contains("metadata file " + dir.resolve("a.meta.json"), "--follow-links")
                .doesNotContain("hunter2");

        listener.articles.clear();
        listener.rejections.clear();
        read(new InputFiles.Options(true, false, Duration.ofSeconds(5)), FieldMapping.DEFAULT);
        assertThat(listener.rejections).isEmpty();
        assertThat(listener.articles)
                .singleElement()
                .satisfies(a -> assertThat(a.outlet()).isEqualTo("hunter2"));
    }

    @Test
    void shouldReadASidecarLinkedInsideTheFolder() throws IOException {
        Files.createDirectories(dir.resolve("meta"));
        Path real = Files.writeString(dir.resolve("meta/shared.meta.json"), "{\"outlet\": \"Dawn News\"}");
        Files.writeString(dir.resolve("a.txt"), TEXT);
        Files.createSymbolicLink(dir.resolve("a.meta.json"), real);

        read();

        assertThat(listener.rejections).isEmpty();
        assertThat(listener.articles)
                .singleElement()
                .satisfies(a -> assertThat(a.outlet()).isEqualTo("Dawn News"));
    }

    @Test
    void shouldRefuseASidecarThatIsANamedPipeWithoutOpeningIt() throws Exception {
        Files.writeString(dir.resolve("a.txt"), TEXT);
        mkfifo(dir.resolve("a.meta.json")); // opening it would block until a writer comes
        Files.writeString(dir.resolve("b.txt"), TEXT.replace("کراچی", "لاہور"));

        read();

        assertThat(listener.rejections).containsExactly(dir.resolve("a.txt") + ":" + DeadLetterReasons.SPECIAL_FILE);
        assertThat(listener.messages.get(0)).contains("metadata file", "named pipe");
        assertThat(listener.articles).extracting(RawArticle::source).containsExactly("file:" + dir.resolve("b.txt"));
    }

    @Test
    void shouldRefuseAHugeSidecar() throws IOException {
        Files.writeString(dir.resolve("a.txt"), TEXT);
        Files.writeString(
                dir.resolve("a.meta.json"), "{\"outlet\": \"" + "ج".repeat(TextMetadata.MAX_SIDECAR_BYTES) + "\"}");

        read();

        assertThat(listener.articles).isEmpty();
        assertThat(listener.rejections).containsExactly(dir.resolve("a.txt") + ":" + DeadLetterReasons.TOO_LARGE);
        assertThat(listener.messages.get(0)).contains("metadata file " + dir.resolve("a.meta.json"), "64 KiB");
    }

    @Test
    void shouldRefuseASidecarInAnotherEncodingNamingIt() throws IOException {
        Files.writeString(dir.resolve("a.txt"), TEXT);
        // UTF-16 with a byte order mark, as Windows Notepad saves "Unicode"
        Files.write(dir.resolve("a.meta.json"), "{\"outlet\": \"جنگ\"}".getBytes(StandardCharsets.UTF_16));
        Files.writeString(dir.resolve("b.txt"), TEXT.replace("کراچی", "لاہور"));
        Files.write(dir.resolve("b.meta.json"), "{\"outlet\": \"Dawn\"".getBytes(StandardCharsets.UTF_8));

        read();

        assertThat(listener.rejections)
                .containsExactly(
                        dir.resolve("a.txt") + ":" + DeadLetterReasons.INVALID_UTF8,
                        dir.resolve("b.txt") + ":" + DeadLetterReasons.INVALID_FIELD);
        assertThat(listener.messages.get(0)).contains("metadata file " + dir.resolve("a.meta.json"), "UTF-16");
        assertThat(listener.messages.get(1)).contains("metadata file " + dir.resolve("b.meta.json"), "JSON");
        assertThat(listener.articles).isEmpty();
    }

    @Test
    void watchedFolderShouldPairASidecarWrittenFirstAndDeadLetterOneThatComesLate() throws Exception {
        Path state = outside.resolve("state");
        WatchSource w =
                new WatchSource(dir, state, 1 << 20, Duration.ofMillis(200), Duration.ofMillis(300), Clock.systemUTC());
        Thread t = new Thread(() -> {
            try {
                w.readAll(listener);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // written before its text file: read with it
        Files.writeString(dir.resolve("a.meta.json"), "{\"outlet\": \"Geo News Urdu\"}");
        Files.writeString(dir.resolve("a.txt"), TEXT);
        // a text refused for its sidecar, which is then fixed
        Files.writeString(dir.resolve("c.txt"), TEXT.replace("کراچی", "پشاور"));
        Files.writeString(dir.resolve("c.meta.json"), "{\"outlet\": ");
        // a text refused for itself (a headline alone), which then gets a sidecar: read again, not "late"
        Files.writeString(dir.resolve("d.txt"), "صرف سرخی\n");
        t.start();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> listener.articles.size() >= 1 && listener.rejections.size() >= 2);
            assertThat(listener.articles)
                    .singleElement()
                    .satisfies(a -> assertThat(a.outlet()).isEqualTo("Geo News Urdu"));
            assertThat(listener.rejections)
                    .containsExactly(
                            dir.resolve("c.txt") + ":" + DeadLetterReasons.INVALID_FIELD,
                            dir.resolve("d.txt") + ":" + DeadLetterReasons.EMPTY_BODY);

            // published without metadata, then its sidecar arrives: not applied, and said so
            Files.writeString(dir.resolve("b.txt"), TEXT.replace("کراچی", "لاہور"));
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.articles.size() >= 2);
            Files.writeString(dir.resolve("b.meta.json"), "{\"outlet\": \"Daily Jang\"}");
            Files.writeString(dir.resolve("c.meta.json"), "{\"outlet\": \"Dawn News\"}");
            Files.writeString(dir.resolve("d.meta.json"), "{\"outlet\": \"Dawn News\"}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> listener.rejections.size() >= 4 && listener.articles.size() >= 3);
            long scans = w.scansCompleted();
            await().atMost(Duration.ofSeconds(20)).until(() -> w.scansCompleted() >= scans + 2);
        } finally {
            w.stop();
            t.join(10_000);
        }
        assertThat(listener.rejections)
                .containsExactlyInAnyOrder(
                        dir.resolve("c.txt") + ":" + DeadLetterReasons.INVALID_FIELD,
                        dir.resolve("d.txt") + ":" + DeadLetterReasons.EMPTY_BODY,
                        dir.resolve("b.meta.json") + ":" + DeadLetterReasons.LATE_METADATA,
                        dir.resolve("d.txt") + ":" + DeadLetterReasons.EMPTY_BODY);
        assertThat(listener.messages)
                .filteredOn(m -> m.contains("b.meta.json"))
                .singleElement()
                .asString()
                .contains("after its text file was published", "before its text file");
        assertThat(listener.articles)
                .extracting(RawArticle::source, RawArticle::outlet)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("file:" + dir.resolve("a.txt"), "Geo News Urdu"),
                        org.assertj.core.groups.Tuple.tuple("file:" + dir.resolve("b.txt"), null),
                        org.assertj.core.groups.Tuple.tuple("file:" + dir.resolve("c.txt"), "Dawn News"));

        // a restart publishes nothing again and reports nothing again
        CollectingListener again = new CollectingListener();
        WatchSource second =
                new WatchSource(dir, state, 1 << 20, Duration.ofMillis(200), Duration.ofMillis(300), Clock.systemUTC());
        Thread t2 = new Thread(() -> {
            try {
                second.readAll(again);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t2.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> second.scansCompleted() >= 2);
        } finally {
            second.stop();
            t2.join(10_000);
        }
        assertThat(again.articles).isEmpty();
        assertThat(again.rejections).isEmpty();
    }
}
