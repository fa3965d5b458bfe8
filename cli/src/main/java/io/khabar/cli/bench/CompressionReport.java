package io.khabar.cli.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * What each producer compression would cost on the batches the pipeline really wrote: the record batches of each
 * kind of topic are read back from the embedded broker's log segments (so batch sizes are the producers' own), then
 * rebuilt with no compression, lz4 and zstd, measuring the bytes and the thread CPU time to build (compress) and to
 * read back (decompress) each. A record is compressed once, by its producer, and decompressed once by the broker
 * (to validate the batch) and once per consumer.
 */
final class CompressionReport {

    /** The codecs compared. */
    static final List<String> CODECS = List.of("none", "lz4", "zstd");

    /** Figures of one topic kind with one codec. */
    record Figures(
            String kind,
            String codec,
            long batches,
            long records,
            long rawBytes,
            long storedBytes,
            long bytes,
            double compressMicrosPerRecord,
            double decompressMicrosPerRecord) {
        /** Bytes with this codec against the bytes uncompressed (values, keys, headers and batch framing). */
        public double ratio() {
            return (double) rawBytes / bytes;
        }
    }

    private static final long MAX_BYTES_PER_KIND = 48L << 20;

    private CompressionReport() {}

    /**
     * Figures per topic kind and codec, for the partitions under {@code logDir} whose topic {@code kindOf} names
     * (null: skip).
     */
    static List<Figures> measure(Path logDir, Function<String, String> kindOf) throws IOException {
        Map<String, List<List<SimpleRecord>>> byKind = new LinkedHashMap<>();
        Map<String, long[]> stored = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(logDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                int dash = name.lastIndexOf('-');
                String kind = dash < 0 ? null : kindOf.apply(name.substring(0, dash));
                if (kind == null) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path log : files.filter(f -> f.toString().endsWith(".log"))
                            .sorted()
                            .toList()) {
                        read(
                                log.toFile(),
                                byKind.computeIfAbsent(kind, k -> new ArrayList<>()),
                                stored.computeIfAbsent(kind, k -> new long[1]));
                    }
                }
            }
        }
        List<Figures> out = new ArrayList<>();
        for (Map.Entry<String, List<List<SimpleRecord>>> e : byKind.entrySet()) {
            for (String codec : CODECS) {
                out.add(measure(e.getKey(), codec, e.getValue(), stored.get(e.getKey())[0]));
            }
        }
        return out;
    }

    private static void read(File log, List<List<SimpleRecord>> batches, long[] stored) throws IOException {
        long have = batches.stream()
                .flatMap(List::stream)
                .mapToLong(r -> r.value() == null ? 0 : r.value().remaining())
                .sum();
        try (FileRecords records = FileRecords.open(log, false)) {
            for (RecordBatch batch : records.batches()) {
                if (have > MAX_BYTES_PER_KIND) {
                    return;
                }
                if (batch.isControlBatch()) {
                    continue;
                }
                List<SimpleRecord> list = new ArrayList<>();
                for (Record r : batch) {
                    list.add(new SimpleRecord(r.timestamp(), copy(r.key()), copy(r.value()), r.headers()));
                    have += r.valueSize();
                }
                if (!list.isEmpty()) {
                    batches.add(list);
                    stored[0] += batch.sizeInBytes();
                }
            }
        }
    }

    private static byte[] copy(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static Figures measure(String kind, String codec, List<List<SimpleRecord>> batches, long stored) {
        Compression compression = Compression.of(codec).build();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // warm up both directions on a few batches, so the figures are of compiled code
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < Math.min(30, batches.size()); i++) {
                readBack(build(batches.get(i), compression));
            }
        }
        long records = 0;
        long bytes = 0;
        long raw = 0;
        List<MemoryRecords> built = new ArrayList<>(batches.size());
        long t0 = mx.getCurrentThreadCpuTime();
        for (List<SimpleRecord> batch : batches) {
            MemoryRecords m = build(batch, compression);
            built.add(m);
            bytes += m.sizeInBytes();
            records += batch.size();
        }
        long t1 = mx.getCurrentThreadCpuTime();
        for (MemoryRecords m : built) {
            readBack(m);
        }
        long t2 = mx.getCurrentThreadCpuTime();
        if (!codec.equals("none")) {
            Compression none = Compression.NONE;
            for (List<SimpleRecord> batch : batches) {
                raw += build(batch, none).sizeInBytes();
            }
        } else {
            raw = bytes;
        }
        return new Figures(
                kind,
                codec,
                batches.size(),
                records,
                raw,
                stored,
                bytes,
                (t1 - t0) / 1e3 / records,
                (t2 - t1) / 1e3 / records);
    }

    private static MemoryRecords build(List<SimpleRecord> batch, Compression compression) {
        int estimate = 128;
        for (SimpleRecord r : batch) {
            estimate += 64
                    + (r.key() == null ? 0 : r.key().remaining())
                    + (r.value() == null ? 0 : r.value().remaining());
        }
        MemoryRecordsBuilder b = MemoryRecords.builder(
                ByteBuffer.allocate(estimate),
                RecordBatch.CURRENT_MAGIC_VALUE,
                compression,
                TimestampType.CREATE_TIME,
                0L);
        for (SimpleRecord r : batch) {
            b.append(r);
        }
        return b.build();
    }

    private static long readBack(MemoryRecords m) {
        long n = 0;
        for (RecordBatch batch : m.batches()) {
            for (Record r : batch) {
                n += r.valueSize() + r.keySize();
            }
        }
        return n;
    }
}
