package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file or folder the user named that is missing gets one line naming it, escaped, and status 1, before anything
 * connects to a broker (the broker address here answers nothing: a command that tried it would hang, not return).
 */
@Timeout(60)
class MissingFileMessageTest {

    @TempDir
    Path dir;

    private record Outcome(int status, String err) {}

    private Outcome run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int status = Khabar.commandLine().execute(args);
            return new Outcome(status, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void shouldNameAMissingIngestPathUrlsFileAndWatchFolderBeforeConnecting() throws Exception {
        Path missing = dir.resolve("nope\u001B[2J.txt");
        Outcome path = run("ingest", "-b", "127.0.0.1:1", missing.toString());
        assertThat(path.status()).isEqualTo(1);
        assertThat(path.err().strip())
                .startsWith("khabar ingest: cannot read ")
                .endsWith("(no such file)")
                .doesNotContain("\u001B")
                .doesNotContain("Exception");

        Outcome urls = run(
                "ingest", "-b", "127.0.0.1:1", "--urls", dir.resolve("urls.txt").toString());
        assertThat(urls.status()).isEqualTo(1);
        assertThat(urls.err())
                .contains("khabar ingest: cannot read --urls " + dir.resolve("urls.txt") + " (no such file)");

        Path file = Files.writeString(dir.resolve("a.txt"), "x");
        Outcome watch = run("ingest", "-b", "127.0.0.1:1", "--watch", file.toString());
        assertThat(watch.status()).isEqualTo(1);
        assertThat(watch.err()).contains("cannot read --watch " + file + " (not a folder)");
    }

    @Test
    void shouldNameAMissingGazetteerBeforeEnrichStarts() {
        Path g = dir.resolve("places.tsv");
        Outcome o = run("enrich", "-b", "127.0.0.1:1", "--gazetteer", g.toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err().strip()).isEqualTo("khabar enrich: cannot read --gazetteer " + g + " (no such file)");
    }

    @Test
    void shouldNameAMissingBenchCorpusBeforeStartingABroker() {
        Path jsonl = dir.resolve("articles.jsonl");
        Outcome real = run("bench", "--real-news", jsonl.toString());
        assertThat(real.status()).isEqualTo(1);
        assertThat(real.err().strip()).isEqualTo("khabar bench: cannot read --real-news " + jsonl + " (no such file)");

        Outcome seeds =
                run("bench", "--corpus", "seed", "--seeds", dir.resolve("seeds").toString());
        assertThat(seeds.status()).isEqualTo(1);
        assertThat(seeds.err()).contains("cannot read --seeds " + dir.resolve("seeds") + " (no such folder)");
    }

    @Test
    void shouldTurnAMissingOrDeniedFileDeepInACauseChainIntoOneLine() {
        Exception wrapped = new IllegalStateException(
                "reading failed", new UncheckedIOException(new NoSuchFileException("/data/in\u001B[31m.jsonl")));
        assertThat(Khabar.fileProblem(wrapped)).isEqualTo("cannot read /data/in\\u001B[31m.jsonl (no such file)");
        assertThat(Khabar.fileProblem(new RuntimeException(new AccessDeniedException("/etc/shadow"))))
                .isEqualTo("cannot read /etc/shadow (permission denied)");
        assertThat(Khabar.fileProblem(new IllegalArgumentException("bad value")))
                .isNull();
    }
}
