package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void shouldCountArticlesAndRejectionsAndDrawABarWhenTheTotalIsKnown() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CollectingListener inner = new CollectingListener();
        Progress progress =
                new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, Duration.ofHours(1)).expect(4);
        SourceListener l = progress.wrap(inner);

        l.onArticle(io.khabar.model.RawArticle.of("x", null, "سرخی", "متن", null, null, java.time.Instant.EPOCH, null));
        l.onRejected("b.txt", "empty", "empty", null);
        progress.close();

        assertThat(inner.articles).hasSize(1);
        assertThat(inner.rejections).containsExactly("b.txt:empty");
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown)
                .contains("[###############               ] 2/4  50%")
                .contains("1 rejected")
                .endsWith(System.lineSeparator());
    }

    @Test
    void shouldPrintPlainLinesWhenNotATerminal() {
        Progress progress = new Progress(System.err, false, Duration.ofHours(1));
        assertThat(progress.line()).startsWith("0 read, 0 rejected");
        progress.close();
    }
}
