package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.ingest.IngestSummary;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exit status of {@code khabar run}: 0 only when every input reached the sink. */
class RunReportTest {

    private static PipelineRun.Result result(IngestSummary ingest, List<PipelineRun.Refusal> refused) {
        return new PipelineRun.Result(ingest, 3, 0, Map.of(), refused.size(), 3 - refused.size(), refused, 1.0);
    }

    private static int[] exitAndCapture(PipelineRun.Result r, StringBuilder err) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return new int[] {RunCommand.report(r)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            err.append(e.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldExitZeroOnlyWhenEverythingWasDelivered() {
        StringBuilder err = new StringBuilder();
        assertThat(exitAndCapture(result(new IngestSummary(3, 0, 0, List.of()), List.of()), err)[0])
                .isZero();
    }

    @Test
    void shouldExitTwoNamingAnInputEnrichOrTheSinkRefused() {
        StringBuilder err = new StringBuilder();
        List<PipelineRun.Refusal> refused = List.of(
                new PipelineRun.Refusal(
                        "file:/in/a\u001b[2J.txt", Stage.ENRICH, DeadLetterReasons.OUTPUT_TOO_LARGE, "too big"),
                new PipelineRun.Refusal("file:/in/b.txt", Stage.SINK, DeadLetterReasons.CONSTRAINT_VIOLATION, "NUL"));

        int code = exitAndCapture(result(new IngestSummary(3, 0, 0, List.of()), refused), err)[0];

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("refused by enrich (output-too-large): too big")
                .contains("file:/in/b.txt: refused by sink (constraint-violation): NUL")
                .doesNotContain("\u001b")
                .contains("2 article(s) refused after ingest");
    }

    @Test
    void shouldExitOneWhenIngestCouldNotPublish() {
        StringBuilder err = new StringBuilder();
        assertThat(exitAndCapture(result(new IngestSummary(2, 0, 1, List.of("x: not published")), List.of()), err)[0])
                .isEqualTo(1);
    }

    @Test
    void shouldShowRateAndEtaOnceTheTotalIsKnown() {
        PipelineRun.Status s = new PipelineRun.Status() {
            public long published() {
                return 100;
            }

            public long enriched() {
                return 60;
            }

            public long written() {
                return 50;
            }

            public long expected() {
                return 100;
            }
        };
        assertThat(RunProgress.line(s, 10)).isEqualTo("100 published, 60 enriched, 50 written, 5/s, ETA 10 s");
    }
}
