package io.khabar.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU of a phase goes, by component: a JDK Flight Recorder recording of execution samples (every 20 ms per
 * running Java thread) taken over the phase. Each sample is counted for the first frame from the top that is not
 * the JDK's own (so {@code String.<init>} called by Jackson counts as JSON) and for its thread's role; the
 * samples' shares within a role split that role's measured CPU time ({@link ThreadCpu}). JIT and GC threads are not
 * sampled; they are the remainder that {@link ThreadCpu} reports.
 */
final class CpuProfile implements AutoCloseable {

    /** Package or class prefixes and the component they belong to, first match wins. */
    private static final List<String[]> COMPONENTS = List.of(
            new String[] {"io.khabar.ner.identity.", "entity keys and romanisation (enrich/ner, ICU)"},
            new String[] {"com.ibm.icu.", "entity keys and romanisation (enrich/ner, ICU)"},
            new String[] {"io.khabar.ner.", "entity tagger (enrich/ner)"},
            new String[] {"io.khabar.text.LanguageIdentifier", "language id (enrich/text)"},
            new String[] {"io.khabar.text.", "normalise, split, tokenise (enrich/text)"},
            new String[] {"com.fasterxml.jackson.", "JSON (Jackson)"},
            new String[] {"io.khabar.model.", "model: records, validation, serdes"},
            new String[] {"io.khabar.enrich.", "enrich processors"},
            new String[] {"io.khabar.sink.", "sink"},
            new String[] {"io.khabar.", "other khabar code"},
            new String[] {"net.jpountz.", "compression (lz4, zstd)"},
            new String[] {"com.github.luben.zstd", "compression (lz4, zstd)"},
            new String[] {"org.apache.kafka.common.compress.", "compression (lz4, zstd)"},
            new String[] {"org.rocksdb.", "RocksDB state stores"},
            new String[] {"org.apache.kafka.streams.state.", "Streams state stores"},
            new String[] {"org.apache.kafka.streams.", "Streams runtime"},
            new String[] {"org.apache.kafka.common.record.", "record batches (build, validate, CRC)"},
            new String[] {"org.apache.kafka.common.utils.Crc32C", "record batches (build, validate, CRC)"},
            new String[] {"org.apache.kafka.clients.producer.", "Kafka clients (producer, consumer, network)"},
            new String[] {"org.apache.kafka.clients.", "Kafka clients (producer, consumer, network)"},
            new String[] {"org.apache.kafka.common.network.", "Kafka clients (producer, consumer, network)"},
            new String[] {"kafka.", "broker (log, replica, requests)"},
            new String[] {"org.apache.kafka.storage.", "broker (log, replica, requests)"},
            new String[] {"org.apache.kafka.server.", "broker (log, replica, requests)"},
            new String[] {"org.apache.kafka.coordinator.", "broker (log, replica, requests)"},
            new String[] {"org.apache.kafka.", "Kafka common (protocol, metrics, utils)"},
            new String[] {"scala.", "broker (log, replica, requests)"}, // only the broker is written in Scala
            new String[] {"com.yammer.metrics.", "broker (log, replica, requests)"}, // the broker's metrics
            new String[] {"io.micrometer.", "metrics (Micrometer)"},
            new String[] {"ch.qos.logback.", "logging"},
            new String[] {"org.slf4j.", "logging"});

    private final Recording recording = new Recording();
    private final Path file;
    private final boolean keep;

    private CpuProfile(Path file, boolean keep) {
        this.file = file;
        this.keep = keep;
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
        recording.setToDisk(true);
        recording.start();
    }

    /**
     * Starts and stops an empty recording, so that the JVM's one-time flight-recorder set-up happens now: it
     * deoptimises the code compiled before it (JDK-8324241, see {@code PipelineBench#run}).
     */
    static void initialiseRecorder() {
        try (Recording r = new Recording()) {
            r.start();
            r.stop();
        }
    }

    /** Starts recording; the recording is written to {@code file} when stopped, and kept after close if asked. */
    static CpuProfile start(Path file, boolean keep) {
        return new CpuProfile(file, keep);
    }

    /**
     * Stops and returns, for each (role, component), the CPU seconds attributed to it: a role's CPU time from
     * {@code cpuByRole} split by its samples' components. Roles without samples keep their whole time.
     */
    Map<String, Map<String, Double>> stop(Map<String, Double> cpuByRole) throws IOException {
        recording.stop();
        recording.dump(file);
        Map<String, Map<String, Integer>> samples = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            RecordedThread t = e.getThread("sampledThread");
            String role = ThreadCpu.role(t == null || t.getJavaName() == null ? "?" : t.getJavaName());
            samples.computeIfAbsent(role, r -> new HashMap<>())
                    .merge(component(e.getStackTrace().getFrames()), 1, Integer::sum);
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        cpuByRole.forEach((role, seconds) -> {
            Map<String, Integer> byComponent = samples.get(role);
            Map<String, Double> split = new LinkedHashMap<>();
            if (byComponent == null || byComponent.isEmpty()) {
                split.put("(not sampled)", seconds);
            } else {
                double n = byComponent.values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
                byComponent.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .forEach(c -> split.put(c.getKey(), seconds * c.getValue() / n));
            }
            out.put(role, split);
        });
        return out;
    }

    static String component(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod() == null || f.getMethod().getType() == null) {
                continue;
            }
            String cls = f.getMethod().getType().getName();
            for (String[] c : COMPONENTS) {
                if (cls.startsWith(c[0])) {
                    return c[1];
                }
            }
            if (!(cls.startsWith("java.")
                    || cls.startsWith("jdk.")
                    || cls.startsWith("sun.")
                    || cls.startsWith("com.sun."))) {
                return "other libraries";
            }
        }
        return "JDK only (threads parked, I/O, ...)";
    }

    @Override
    public void close() throws IOException {
        recording.close();
        if (!keep) {
            Files.deleteIfExists(file);
        }
    }
}
