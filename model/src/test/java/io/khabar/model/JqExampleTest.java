package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The documented jq filter (docs/examples/entities-by-key.jq) prints a record's entities by key. */
class JqExampleTest {

    private static final Path FILTER = Path.of("../docs/examples/entities-by-key.jq");

    @Test
    void shouldPrintEachArticlesEntitiesByKey() throws Exception {
        assumeTrue(jqRuns(), "skipped: jq is not installed (apt-get install -y jq)");
        RawArticle raw = RawArticle.of("file:a.txt", null, "سرخی", "متن", "ur", null, Instant.EPOCH, null);
        EnrichedArticle a = new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                "عمران خان کا دورہ",
                "وزیر اعظم عمران خان نے کہا۔ عمران نے لاہور میں کہا۔ احمد رضا آئے اور رضا نے کہا۔",
                "ur",
                0.9,
                3,
                20,
                ArticleEntities.group(ArticleEntitiesTest.mentions(), ArticleEntities.FALLBACK_KEYS),
                "0.1.0",
                Instant.EPOCH);
        Process jq = new ProcessBuilder("jq", "-r", "-f", FILTER.toString())
                .redirectErrorStream(true)
                .start();
        jq.getOutputStream().write(JsonSerde.enrichedArticle().toBytes(a));
        jq.getOutputStream().close();
        String out = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jq.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(jq.exitValue()).as(out).isZero();
        assertThat(out.strip())
                .isEqualTo(
                        raw.id() + ": Q193625 PERSON Imran Khan x3; designation:prime_minister "
                                + "DESIGNATION Prime Minister x1; Q11739 LOCATION Lahore x1; person:احمد_رضا PERSON احمد رضا x2");
    }

    private static boolean jqRuns() {
        try {
            return Files.isRegularFile(FILTER)
                    && new ProcessBuilder("jq", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
