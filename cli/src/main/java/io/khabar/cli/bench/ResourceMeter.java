package io.khabar.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** CPU seconds and peak heap of this JVM over one measured phase. */
final class ResourceMeter {

    private final long cpuStartNanos;
    private final long wallStartNanos;

    private ResourceMeter() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        this.cpuStartNanos = processCpuNanos();
        this.wallStartNanos = System.nanoTime();
    }

    static ResourceMeter start() {
        return new ResourceMeter();
    }

    double cpuSeconds() {
        return (processCpuNanos() - cpuStartNanos) / 1e9;
    }

    double wallSeconds() {
        return (System.nanoTime() - wallStartNanos) / 1e9;
    }

    /** Sum of the heap pools' peak usage since the start, in MB (an upper bound of the true peak). */
    static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    /** Heap in use after a full collection, in MB: the live set. */
    static double liveHeapMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
