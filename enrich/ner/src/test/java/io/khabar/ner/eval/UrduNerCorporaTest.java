package io.khabar.ner.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khabar.ner.EntityTagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Regression guard for issue 3 on the development corpora in ../shared/urdu-ner (read at test time, never
 * copied): the figures recorded in docs/ner.md must not fall below the issue's goals.
 */
class UrduNerCorporaTest {
    private static final Path DIR = Path.of("../../../shared/urdu-ner");

    private static NerEvaluation.Report evaluate(String file) throws IOException {
        Path p = DIR.resolve(file);
        assumeTrue(Files.isReadable(p), "corpus " + p + " not present: skipping");
        return new NerEvaluation(EntityTagger.withDefaultGazetteers()).evaluate(Corpora.read(p));
    }

    @Test
    void shouldReachTheIssueGoalOnUnerDev() throws IOException {
        NerEvaluation.Counts core = evaluate("uner-dev.txt").overall(NerEvaluation.CORE);
        assertThat(core.f1()).isGreaterThanOrEqualTo(0.75);
        assertThat(core.precision()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void shouldKeepEveryCorpusAboveHalfF1() throws IOException {
        for (String f : new String[] {"jahangir-dev.tsv", "ijcnlp2008-urdu.tsv", "il-ner-urdu-dev.tsv"}) {
            assertThat(evaluate(f).overall(NerEvaluation.CORE).f1()).as(f).isGreaterThanOrEqualTo(0.5);
        }
    }
}
