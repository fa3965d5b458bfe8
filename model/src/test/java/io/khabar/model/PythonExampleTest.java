package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The documented Python reader (docs/examples/read_enriched.py) fills in what a version 3 record leaves out exactly
 * as the Java reader does: entity text (cut by UTF-16 offsets, past an emoji), Wikidata id and original spans.
 */
class PythonExampleTest {

    private static final Path SCRIPT = Path.of("../docs/examples/read_enriched.py");
    private static final String TITLE = "عمران خان کا دورہ";
    private static final String BODY = "😀 وزیر اعظم عمران خان نے کہا۔ احمد رضا آئے اور رضا نے کہا۔";

    @Test
    void shouldReadARecordAsTheJavaReaderDoes() throws Exception {
        assumeTrue(pythonRuns(), "skipped: python3 is not installed");
        int imran = BODY.indexOf("عمران خان");
        int ahmad = BODY.indexOf("احمد رضا");
        int raza = BODY.lastIndexOf("رضا");
        List<Entity> mentions = List.of(
                new Entity(
                        EntityType.PERSON,
                        "عمران خان",
                        Entity.TITLE,
                        0,
                        9,
                        0,
                        9,
                        "Imran Khan",
                        "Q193625",
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.PERSON,
                        "عمران خان",
                        Entity.BODY,
                        imran,
                        imran + 9,
                        imran + 1,
                        imran + 10,
                        "Imran Khan",
                        "Q193625",
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.PERSON,
                        "احمد رضا",
                        Entity.BODY,
                        ahmad,
                        ahmad + 8,
                        ahmad + 2,
                        ahmad + 11,
                        null,
                        null,
                        Entity.Method.RULE),
                new Entity(
                        EntityType.PERSON,
                        "رضا",
                        Entity.BODY,
                        raza,
                        raza + 3,
                        raza,
                        raza + 3,
                        null,
                        null,
                        Entity.Method.COREFERENCE));
        RawArticle raw = RawArticle.of("file:a.txt", null, TITLE, " " + BODY, "ur", null, Instant.EPOCH, null);
        EnrichedArticle a = new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                TITLE,
                BODY,
                "ur",
                0.9,
                2,
                12,
                ArticleEntities.group(mentions, ArticleEntities.FALLBACK_KEYS),
                "0.1.0",
                Instant.EPOCH);
        byte[] json = JsonSerde.enrichedArticle().toBytes(a);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .as("the record leaves out text and Wikidata id")
                .doesNotContain("\"text\"")
                .doesNotContain("\"wikidataId\"");
        List<String> expected = new ArrayList<>();
        for (ArticleEntity e : JsonSerde.enrichedArticle().fromBytes(json).entities()) {
            List<String> spans = new ArrayList<>();
            for (EntityMention m : e.mentions()) {
                spans.add(m.field().charAt(0) + ":" + m.start() + "-" + m.end() + "/" + m.originalStart() + "-"
                        + m.originalEnd());
            }
            expected.add(String.join(
                    "\t",
                    a.id(),
                    e.key(),
                    e.type().name(),
                    e.text(),
                    e.wikidataId() == null ? "-" : e.wikidataId(),
                    String.join(" ", spans)));
        }

        Process python = new ProcessBuilder("python3", SCRIPT.toString())
                .redirectErrorStream(true)
                .start();
        python.getOutputStream().write(json);
        python.getOutputStream().write('\n');
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(python.exitValue()).as(out).isZero();
        assertThat(out.strip().lines()).containsExactlyElementsOf(expected);
        assertThat(expected)
                .as("the Java view the script must match")
                .containsExactly(
                        a.id() + "\tQ193625\tPERSON\tعمران خان\tQ193625\tt:0-9/0-9 b:" + imran + "-" + (imran + 9) + "/"
                                + (imran + 1) + "-" + (imran + 10),
                        a.id() + "\tperson:احمد_رضا\tPERSON\tاحمد رضا\t-\tb:" + ahmad + "-" + (ahmad + 8) + "/"
                                + (ahmad + 2) + "-" + (ahmad + 11) + " b:" + raza + "-" + (raza + 3) + "/" + raza + "-"
                                + (raza + 3));
    }

    private static boolean pythonRuns() {
        try {
            return Files.isRegularFile(SCRIPT)
                    && new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
