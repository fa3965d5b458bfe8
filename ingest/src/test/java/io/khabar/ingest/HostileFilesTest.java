package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.model.RawArticle;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile-input suite, files and folders (issue #13): links out of the input root, special files (FIFOs, devices,
 * sockets, /proc), stalled opens, hostile file names. Each bad input is refused with its reason and the good
 * files around it still arrive; nothing blocks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFilesTest {

    private static final String GOOD = "سرخی\n\nپہلا پیراگراف۔\n";

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private final CollectingListener listener = new CollectingListener();

    @BeforeEach
    void goodFiles() throws IOException {
        Files.writeString(dir.resolve("a-good.txt"), GOOD);
        Files.writeString(dir.resolve("z-good.jsonl"), "{\"title\": \"سرخی\", \"body\": \"متن۔\"}\n");
    }

    private void read(InputFiles.Options options, Path... paths) throws IOException {
        new FileTreeSource(List.of(paths), 1 << 20, Clock.systemUTC(), options).readAll(listener);
    }

    private void assertGoodOnesArrived() {
        assertThat(listener.articles)
                .extracting(RawArticle::source)
                .contains("file:" + dir.resolve("a-good.txt"), "file:" + dir.resolve("z-good.jsonl"));
    }

    private static void mkfifo(Path p) throws Exception {
        Process pr = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(pr.waitFor()).isZero();
    }

    @Test
    void shouldRefuseLinksLeavingTheFolder() throws Exception {
        Files.createSymbolicLink(dir.resolve("passwd.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dir.resolve("environ.jsonl"), Path.of("/proc/self/environ"));
        Files.writeString(outside.resolve("secret.txt"), "راز\n\nخفیہ متن۔\n");
        Files.createSymbolicLink(dir.resolve("secret.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("elsewhere"), outside);
        Files.createSymbolicLink(dir.resolve("inside.txt"), dir.resolve("a-good.txt"));

        read(InputFiles.Options.DEFAULTS, dir);

        assertThat(listener.rejections)
                .containsExactlyInAnyOrder(
                        dir.resolve("elsewhere") + ":link-outside-root",
                                dir.resolve("environ.jsonl") + ":link-outside-root",
                        dir.resolve("passwd.txt") + ":link-outside-root",
                                dir.resolve("secret.txt") + ":link-outside-root");
        assertThat(listener.messages).allSatisfy(m -> assertThat(m).contains("--follow-links"));
        assertThat(listener.articles)
                .extracting(RawArticle::body)
                .noneMatch(b -> b.contains("root:") || b.contains("خفیہ"));
        assertThat(listener.articles).extracting(RawArticle::source).contains("file:" + dir.resolve("inside.txt"));
        assertGoodOnesArrived();
    }

    @Test
    void shouldRefuseALinkNamedOnTheCommandLineThatLeavesItsFolder() throws Exception {
        Files.createSymbolicLink(dir.resolve("passwd.txt"), Path.of("/etc/passwd"));

        read(
                InputFiles.Options.DEFAULTS,
                dir.resolve("passwd.txt"),
                dir.resolve("a-good.txt"),
                dir.resolve("z-good.jsonl"));

        assertThat(listener.rejections).containsExactly(dir.resolve("passwd.txt") + ":link-outside-root");
        assertGoodOnesArrived();
    }

    @Test
    void shouldFollowLinksOnlyWhenAskedAndSurviveLinkLoops() throws Exception {
        Files.writeString(outside.resolve("other.txt"), "دوسری\n\nدوسرا متن۔\n");
        Files.createSymbolicLink(dir.resolve("other.txt"), outside.resolve("other.txt"));
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("nothing-here"));

        read(new InputFiles.Options(true, false, Duration.ofSeconds(5)), dir);

        assertThat(listener.articles).extracting(RawArticle::title).contains("دوسری");
        assertThat(listener.rejections).contains(dir.resolve("dangling.txt") + ":unreadable");
        assertGoodOnesArrived();
    }

    @Test
    void shouldRefuseSpecialFilesWithoutBlocking() throws Exception {
        mkfifo(dir.resolve("pipe.jsonl"));
        mkfifo(dir.resolve("pipe.txt"));
        Files.createSymbolicLink(dir.resolve("zero.txt"), Path.of("/dev/zero"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(dir.resolve("sock.json")));

            read(
                    InputFiles.Options.DEFAULTS,
                    dir,
                    dir.resolve("pipe.txt"),
                    Path.of("/dev/zero"),
                    Path.of("/proc/self/environ"),
                    Path.of("/proc/self/status"));
        }

        assertThat(listener.rejections)
                .containsExactlyInAnyOrder(
                        dir.resolve("pipe.jsonl") + ":special-file",
                        dir.resolve("pipe.txt") + ":special-file",
                        dir.resolve("sock.json") + ":special-file",
                        dir.resolve("zero.txt") + ":link-outside-root",
                        dir.resolve("pipe.txt") + ":special-file",
                        "/dev/zero:special-file",
                        "/proc/self/environ:special-file",
                        "/proc/self/status:special-file");
        assertThat(String.join("\n", listener.messages))
                .contains("named pipe (FIFO)", "character device", "socket", "proc pseudo file system");
        assertGoodOnesArrived();
    }

    @Test
    void shouldGiveUpOnAPipeThatNeverOpensWhenSpecialFilesAreAllowed() throws Exception {
        mkfifo(dir.resolve("stalled.jsonl"));

        read(new InputFiles.Options(false, true, Duration.ofMillis(300)), dir);

        assertThat(listener.rejections).containsExactly(dir.resolve("stalled.jsonl") + ":read-timeout");
        assertThat(listener.messages.get(0)).contains("stalled", "--read-timeout");
        assertGoodOnesArrived();
    }

    @Test
    void shouldBoundAnEndlessDeviceWhenSpecialFilesAreAllowed() throws Exception {
        read(new InputFiles.Options(false, true, Duration.ofSeconds(5)), Path.of("/dev/zero"), dir);

        assertThat(listener.rejections).containsExactly("/dev/zero:too-large");
        assertGoodOnesArrived();
    }

    @Test
    void shouldEscapeControlCharactersInFileNamesItPrints() throws Exception {
        Path evil = dir.resolve("evil\u001B[2J\u202Egnp.txt");
        Files.createSymbolicLink(evil, Path.of("/etc/passwd"));

        read(InputFiles.Options.DEFAULTS, dir);

        assertThat(listener.messages)
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .contains("evil\\u001B[2J\\u202Egnp.txt")
                        .doesNotContain("\u001B")
                        .doesNotContain("\u202E"));
        assertGoodOnesArrived();
    }

    @Test
    void watchedFolderShouldRefuseLinksAndSpecialFilesAndKeepWatching() throws Exception {
        Path state = outside.resolve("state");
        WatchSource w = new WatchSource(dir, state, 1 << 20, Duration.ofMillis(200), Duration.ZERO, Clock.systemUTC());
        Thread t = new Thread(() -> {
            try {
                w.readAll(listener);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.articles.size() >= 2);
            Files.createSymbolicLink(dir.resolve("passwd.txt"), Path.of("/etc/passwd"));
            mkfifo(dir.resolve("pipe.jsonl"));
            Files.writeString(
                    dir.resolve("late.jsonl"),
                    "{\"title\": \"بعد\", \"body\": \"بعد کا متن۔\", \"publishedAt\": 1e999999999}\n"
                            + "{\"title\": \"بعد\", \"body\": \"بعد کا متن۔\"}\n");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(listener.rejections)
                            .contains(
                                    dir.resolve("passwd.txt") + ":link-outside-root",
                                    dir.resolve("pipe.jsonl") + ":special-file",
                                    dir.resolve("late.jsonl") + ":1:invalid-field"));
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.articles.size() >= 3);
            assertThat(t.isAlive()).isTrue();
        } finally {
            w.stop();
            t.join(10_000);
        }
        assertThat(listener.articles).extracting(RawArticle::body).noneMatch(b -> b.contains("root:"));
    }

    @Test
    void aStateFileReplacedByAPipeOrALinkIsRefusedInsteadOfBlocking() throws Exception {
        Path state = dir.resolve(".khabar-published");
        mkfifo(state);
        WatchSource w = new WatchSource(dir, state, 1 << 20, Duration.ofMillis(200), Duration.ZERO, Clock.systemUTC());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.readAll(listener))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("state file")
                .hasMessageContaining("named pipe");
        Files.delete(state);
        Files.createSymbolicLink(state, Path.of("/dev/zero"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.readAll(listener))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void aContinuousReaderThatDiesFailsTheRunAndStopsTheOthers() throws Exception {
        WatchSource w = new WatchSource(
                dir, outside.resolve("state"), 1 << 20, Duration.ofMillis(200), Duration.ZERO, Clock.systemUTC());
        ArticleSource broken = new ArticleSource() {
            @Override
            public String describe() {
                return "a broken reader";
            }

            @Override
            public void readAll(SourceListener l) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("boom");
            }
        };
        java.util.Properties client = new java.util.Properties();
        client.put("bootstrap.servers", "127.0.0.1:1"); // nothing is sent: the good files are published before
        client.put("max.block.ms", "1000");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Ingest.run(List.of(), List.of(w, broken), client, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a broken reader stopped")
                .hasMessageContaining("boom");
    }
}
