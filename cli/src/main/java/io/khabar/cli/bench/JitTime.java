package io.khabar.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** How much the JIT compilers have worked so far in this JVM. */
final class JitTime {

    private JitTime() {}

    /**
     * Accumulated time spent in JIT compilation ({@link CompilationMXBean#getTotalCompilationTime()}), ms; -1 when
     * the JVM does not report it.
     */
    static double compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit == null || !jit.isCompilationTimeMonitoringSupported() ? -1 : jit.getTotalCompilationTime();
    }

    /** CPU seconds of the JIT compiler threads so far (Linux {@code /proc/self/task}); -1 when unknown. */
    static double compilerThreadSeconds() {
        Double s = ThreadCpu.vmThreadSeconds().get(ThreadCpu.JIT_ROLE);
        return s == null ? -1 : s;
    }
}
