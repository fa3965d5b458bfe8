package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny {@code khabar bench} run: every phase runs to the end and the figures are written. */
class BenchCommandIT {

    @TempDir
    Path tmp;

    @Test
    void shouldMeasureEveryPhaseAndWriteTheFigures() throws Exception {
        Path json = tmp.resolve("bench.json");
        // stories off: the byte assertions below are about content dedup (no article through its repartitions);
        // the story stage's 48 small records per article would dominate the repartition figure, and are measured
        // by StoryBytesTest (docs/stories.md)
        Run run = runSmallBench(json, "--set", "khabar.enrich.stories=false");
        int code = run.code();
        String table = run.table();

        assertThat(code).as(table).isZero();
        assertThat(table)
                .contains("limit: produce + consume")
                .contains("pipeline: ingest->enrich->jsonl")
                .contains("pipeline / limit ratio")
                .contains("at 50 articles/s")
                .contains("CPU per 1,000 articles, pipeline:")
                .contains("goals (issue 14):")
                .contains("pipeline / limit >= 0.25:")
                .containsPattern("warm-up \\(not measured\\), [1-9][0-9]*00 articles")
                .containsPattern("warm-up (JIT settled|cap of 4 s reached, JIT NOT settled): [1-9][0-9]*00 articles")
                .contains("of which JIT compiler threads:")
                .contains("settings: enrich exactly_once_v2, commit.interval.ms 25, poll.ms 25,")
                .contains("enrich transactions committed:")
                .contains("enrich: Streams thread")
                .contains("entity tagger (enrich/ner)");
        // every codec on every kind of topic, from the batches the run logged
        JsonNode compression = Json.mapper().readTree(json.toFile()).get("compression");
        assertThat(compression).hasSize(5 * 3);
        for (JsonNode f : compression) {
            assertThat(f.get("records").asLong()).as(f.toString()).isPositive();
            if (f.get("codec").asText().equals("none")) {
                assertThat(f.get("bytes").asLong()).isEqualTo(f.get("rawBytes").asLong());
            } else if (f.get("kind").asText().equals("enriched")) {
                // Urdu text compresses; small changelog records in one-record batches may not
                assertThat(f.get("bytes").asLong())
                        .as(f.toString())
                        .isLessThan(f.get("rawBytes").asLong());
            }
        }
        JsonNode report = Json.mapper().readTree(json.toFile());
        assertThat(report.get("phases")).hasSize(2);
        for (JsonNode phase : report.get("phases")) {
            assertThat(phase.get("records").asLong()).isEqualTo(300);
            assertThat(phase.get("seconds").asDouble()).isPositive();
        }
        // The brokers' logs grew: the pipeline writes the raw record, the article once more in the pending store's
        // changelog, only a small claim and verdict through the repartitions, and a larger enriched record.
        JsonNode broker = report.get("brokerKbPerArticle");
        assertThat(table).contains("broker log KB per article");
        assertThat(broker.get("limit").asDouble()).isPositive();
        double raw = broker.get("pipeline raw").asDouble();
        assertThat(raw).isPositive();
        assertThat(broker.get("pipeline repartition").asDouble())
                .as("no article crosses a repartition topic")
                .isPositive()
                .isLessThan(raw / 2);
        assertThat(broker.get("pipeline changelog").asDouble()).isGreaterThan(raw / 2);
        assertThat(broker.get("pipeline enriched").asDouble()).isGreaterThan(raw);
        assertThat(broker.get("pipeline").asDouble())
                .isGreaterThan(broker.get("limit").asDouble() * 2);
        // records the broker appended per article: one raw and at least one enriched record each
        JsonNode records = report.get("brokerRecordsPerArticle");
        assertThat(table).contains("broker records per article: raw ");
        assertThat(records.get("raw").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(records.get("enriched").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(records.get("repartition").asDouble()).isGreaterThanOrEqualTo(2.0); // claim and verdict
        // and by topic: the raw and enriched topics, and the internal ones by their name without the app id
        JsonNode byTopic = report.get("topicKbPerArticle");
        assertThat(table).contains("by topic, per article:");
        assertThat(byTopic.get(io.khabar.model.Topics.RAW).asDouble())
                .isCloseTo(raw, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(byTopic.fieldNames())
                .toIterable()
                .anyMatch(t -> t.endsWith("-changelog") && !t.startsWith("khabar-"));
        assertThat(report.get("topicRecordsPerArticle")
                        .get(io.khabar.model.Topics.RAW)
                        .asDouble())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        // the warm-up ran rounds of 100 until the JIT settled or the cap; the JIT's share is split out, not hidden
        JsonNode rounds = report.get("warmupRounds");
        assertThat(rounds).isNotEmpty();
        for (int i = 0; i < rounds.size(); i++) {
            assertThat(rounds.get(i).get("articlesSoFar").asInt()).isEqualTo(100 * (i + 1));
        }
        assertThat(report.get("warmup").get("records").asInt()).isEqualTo(100 * rounds.size());
        double total = report.get("phases").get(1).get("cpuSeconds").asDouble() * 1000 / 300;
        double jit = report.get("pipelineJitCpuSecondsPer1000").asDouble();
        assertThat(jit).isBetween(0.0, total);
        assertThat(report.get("pipelineCpuSecondsPer1000WithoutJit").asDouble() + jit)
                .isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9));
        JsonNode latency = report.get("latencies").get(0);
        assertThat(latency.get("samples").asLong()).isEqualTo(100);
        assertThat(latency.get("p50").asDouble()).isPositive();
        assertThat(latency.get("p99").asDouble())
                .isGreaterThanOrEqualTo(latency.get("p50").asDouble());
    }

    /**
     * The bench as `khabar bench` runs it by default, stories on (issue 16): on the seed corpus, whose articles share
     * many sentences (many near-duplicates and story corrections), every phase finishes, and each article counts
     * once in the latency (a correction writes it again, later).
     */
    @Test
    void shouldRunEveryPhaseWithStoriesOnByDefault() throws Exception {
        Path json = tmp.resolve("bench-stories.json");
        Run run = runSmallBench(json);
        int code = run.code();
        String table = run.table();

        assertThat(code).as(table).isZero();
        assertThat(table).contains("stories on,").contains("at 50 articles/s");
        JsonNode report = Json.mapper().readTree(json.toFile());
        for (JsonNode phase : report.get("phases")) {
            assertThat(phase.get("records").asLong()).isEqualTo(300);
        }
        assertThat(report.get("latencies").get(0).get("samples").asLong())
                .as("each article once")
                .isEqualTo(100);
    }

    private record Run(int code, String table) {}

    /** `khabar bench` on 300 seed articles at 50 articles/s with a short warm-up, printing into a string. */
    private static Run runSmallBench(Path json, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "bench",
                "--articles",
                "300",
                "--article-bytes",
                "2000",
                "--seeds",
                Path.of("..", "seeds").toString(),
                "--rates",
                "50",
                "--latency-seconds",
                "2",
                "--warmup",
                "100",
                "--warmup-max-seconds",
                "4",
                "--json",
                json.toString()));
        args.addAll(List.of(more));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Khabar.commandLine().execute(args.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
