package io.khabar.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads over one phase, by role (Streams thread, broker, producers' I/O, sink, ...), read
 * from {@link ThreadMXBean} at the start and the end. What the process used beyond its Java threads is the JVM's
 * own work: JIT compilers and the garbage collector. Threads that ended during the phase count from their last
 * reading, so the remainder is an upper bound of the JVM's share.
 */
final class ThreadCpu {

    /** The role of the JIT compiler threads (C1, C2), read from {@code /proc/self/task}. */
    static final String JIT_ROLE = "JVM: JIT compiler threads";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();
    private final Map<String, Double> vmStart = vmThreadSeconds();

    private ThreadCpu() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        for (long id : threads.getAllThreadIds()) {
            startNanos.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
    }

    static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** CPU seconds by role since the start, plus "JVM: JIT compilers, GC, other" for the rest of {@code processCpuSeconds}. */
    Map<String, Double> secondsByRole(double processCpuSeconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        double javaThreads = 0;
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (now < 0 || info == null) {
                continue;
            }
            double s = (now - startNanos.getOrDefault(id, 0L)) / 1e9;
            out.merge(role(info.getThreadName()), s, Double::sum);
            javaThreads += s;
        }
        Map<String, Double> vm = vmThreadSeconds();
        double vmTotal = 0;
        for (Map.Entry<String, Double> e : vm.entrySet()) {
            double s = e.getValue() - vmStart.getOrDefault(e.getKey(), 0.0);
            out.merge(e.getKey(), s, Double::sum);
            vmTotal += s;
        }
        out.put(
                vm.isEmpty() ? "JVM: JIT compilers, GC, other" : "JVM: other (threads that ended, rounding)",
                Math.max(0, processCpuSeconds - javaThreads - vmTotal));
        return sorted(out);
    }

    /**
     * CPU seconds of the JVM's own threads (JIT compilers, garbage collector, VM thread) by kind, from Linux's
     * {@code /proc/self/task}; empty elsewhere. These threads are invisible to {@link ThreadMXBean}.
     */
    static Map<String, Double> vmThreadSeconds() {
        Map<String, Double> out = new HashMap<>();
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return out;
        }
        try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.list(tasks)) {
            all.forEach(task -> {
                try {
                    String comm =
                            java.nio.file.Files.readString(task.resolve("comm")).strip();
                    String kind = comm.contains("CompilerThre")
                            ? JIT_ROLE
                            : comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                                    ? "JVM: garbage collector threads"
                                    : comm.startsWith("VM ") ? "JVM: VM thread" : null;
                    if (kind == null) {
                        return;
                    }
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields after the name: state is field 3, utime 14 and stime 15 (man 5 proc)
                    double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.merge(kind, ticks / 100.0, Double::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (java.io.IOException e) {
            return new HashMap<>();
        }
        return out;
    }

    /** The role of a thread, from its name. */
    static String role(String name) {
        if (name.contains("StreamThread") && name.contains("-producer")) {
            return "enrich: Streams producer I/O thread";
        }
        if (name.contains("StreamThread")) {
            return "enrich: Streams thread (processing, commits)";
        }
        if (name.contains("GlobalStreamThread")) {
            return "enrich: global thread";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "bench: ingest producer I/O thread";
        }
        if (name.startsWith("khabar-sink-writer")) {
            return "sink: writer thread";
        }
        if (name.startsWith("khabar-sink")) {
            return "sink: consumer thread (fetch, decode)";
        }
        if (name.startsWith("data-plane-kafka-request-handler")) {
            return "broker: request handlers";
        }
        if (name.startsWith("data-plane-kafka-network-thread")) {
            return "broker: network threads";
        }
        if (name.startsWith("log-closing") || name.startsWith("kafka-log") || name.startsWith("kafka-scheduler")) {
            return "broker: log flush, close, scheduler";
        }
        if (name.contains("coordinator") || name.startsWith("TxnMarker") || name.startsWith("AddPartitionsToTxn")) {
            return "broker: group and transaction coordinators";
        }
        if (name.startsWith("kafka-")
                || name.startsWith("quorum-controller")
                || name.startsWith("executor-")
                || name.startsWith("ExpirationReaper")
                || name.contains("raft")) {
            return "broker: other";
        }
        if (name.equals("main")) {
            return "bench: main (reads the corpus, sends)";
        }
        if (name.startsWith("kafka-admin-client") || name.startsWith("bench-")) {
            return "bench: admin and limit clients";
        }
        return "other threads";
    }

    private static Map<String, Double> sorted(Map<String, Double> in) {
        Map<String, Double> out = new LinkedHashMap<>();
        in.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
