package io.khabar.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupPolicyTest {

    private static WarmupPolicy.Round round(int articles, double seconds, double compileMs) {
        return new WarmupPolicy.Round(articles, seconds, seconds, compileMs, compileMs / 1000);
    }

    @Test
    void shouldKeepWarmingUpBelowTheMinimumEvenWhenTheJitIsQuiet() {
        WarmupPolicy policy = new WarmupPolicy(10_000, 180, 0.02);

        assertThat(policy.after(List.of(round(5_000, 3, 0)))).isEqualTo(WarmupPolicy.Verdict.CONTINUE);
    }

    @Test
    void shouldStopOnceARoundAddsNoMoreCompilationPerArticleThanTheThreshold() {
        WarmupPolicy policy = new WarmupPolicy(10_000, 180, 0.02);
        List<WarmupPolicy.Round> busy = List.of(round(5_000, 3, 2_000), round(5_000, 3, 500));
        List<WarmupPolicy.Round> settled = List.of(round(5_000, 3, 2_000), round(5_000, 3, 500), round(5_000, 3, 100));

        assertThat(policy.after(busy)).isEqualTo(WarmupPolicy.Verdict.CONTINUE);
        assertThat(policy.after(settled)).isEqualTo(WarmupPolicy.Verdict.SETTLED);
        assertThat(policy.describe(WarmupPolicy.Verdict.SETTLED, settled))
                .startsWith("JIT settled: 15000 articles in 9.0 s, 3 rounds; last round 0.020 ms of JIT per article");
    }

    @Test
    void shouldStopAtTheCapAndSayTheJitHasNotSettled() {
        WarmupPolicy policy = new WarmupPolicy(10_000, 10, 0.02);
        List<WarmupPolicy.Round> rounds = List.of(round(5_000, 6, 2_000), round(5_000, 6, 1_000));

        assertThat(policy.after(rounds)).isEqualTo(WarmupPolicy.Verdict.CAPPED);
        assertThat(policy.describe(WarmupPolicy.Verdict.CAPPED, rounds))
                .contains("cap of 10 s reached, JIT NOT settled")
                .contains("last round 0.200 ms");
    }

    @Test
    void shouldStopAtTheCapEvenBeforeTheMinimum() {
        WarmupPolicy policy = new WarmupPolicy(100_000, 10, 0.02);

        assertThat(policy.after(List.of(round(5_000, 11, 0)))).isEqualTo(WarmupPolicy.Verdict.CAPPED);
    }

    @Test
    void shouldRunOnlyTheMinimumWithoutCapTimeOrWithoutJitFigures() {
        WarmupPolicy noTime = new WarmupPolicy(5_000, 0, 0.02);
        WarmupPolicy blind = new WarmupPolicy(5_000, 180, 0.02);

        assertThat(noTime.after(List.of(round(5_000, 3, 5_000)))).isEqualTo(WarmupPolicy.Verdict.MINIMUM_ONLY);
        assertThat(blind.after(List.of(new WarmupPolicy.Round(5_000, 3, 3, -1, -1))))
                .isEqualTo(WarmupPolicy.Verdict.MINIMUM_ONLY);
    }

    @Test
    void shouldUseTheCompilationTimeWhenTheCompilerThreadsCpuIsUnknown() {
        WarmupPolicy policy = new WarmupPolicy(5_000, 180, 0.02);

        assertThat(policy.after(List.of(new WarmupPolicy.Round(5_000, 3, 3, 50, -1))))
                .isEqualTo(WarmupPolicy.Verdict.SETTLED);
        assertThat(policy.after(List.of(new WarmupPolicy.Round(5_000, 3, 3, 500, -1))))
                .isEqualTo(WarmupPolicy.Verdict.CONTINUE);
    }

    @Test
    void shouldJudgeByTheCompilerThreadsCpuWhenKnownNotByTheLoadInflatedCompilationTime() {
        WarmupPolicy policy = new WarmupPolicy(5_000, 180, 0.02);

        // 1,000 ms of compilation time (elapsed, on a loaded machine) but 0.05 s of compiler-thread CPU
        assertThat(policy.after(List.of(new WarmupPolicy.Round(5_000, 3, 3, 1_000, 0.05))))
                .isEqualTo(WarmupPolicy.Verdict.SETTLED);
    }

    @Test
    void shouldRefuseNegativeLimits() {
        assertThatThrownBy(() -> new WarmupPolicy(-1, 10, 0.02)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarmupPolicy(1, 10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
