package io.khabar.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionReportTest {

    @TempDir
    Path logDir;

    /** Writes one segment of {@code batches} lz4 batches of Urdu text, as a broker would have it. */
    private void segment(String topicPartition, int batches) throws Exception {
        Path dir = Files.createDirectories(logDir.resolve(topicPartition));
        try (FileChannel ch = FileChannel.open(
                dir.resolve("00000000000000000000.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long offset = 0;
            for (int b = 0; b < batches; b++) {
                MemoryRecordsBuilder builder = MemoryRecords.builder(
                        ByteBuffer.allocate(1 << 16),
                        RecordBatch.CURRENT_MAGIC_VALUE,
                        Compression.lz4().build(),
                        TimestampType.CREATE_TIME,
                        offset);
                for (int r = 0; r < 10; r++, offset++) {
                    String text = "وزیراعظم نے لاہور میں کہا کہ بارش کے بعد شہر میں پانی کھڑا ہے۔ خبر نمبر " + offset;
                    builder.append(
                            1_000L + offset,
                            ("id-" + offset).getBytes(StandardCharsets.UTF_8),
                            text.repeat(5).getBytes(StandardCharsets.UTF_8));
                }
                ByteBuffer buf = builder.build().buffer();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
    }

    @Test
    void rebuildsTheLoggedBatchesWithEveryCodecByKindOfTopic() throws Exception {
        segment("khabar.articles.raw-0", 4);
        segment("khabar.articles.raw-1", 2);
        segment("other-topic-0", 3);

        List<CompressionReport.Figures> figures =
                CompressionReport.measure(logDir, topic -> topic.equals("khabar.articles.raw") ? "raw" : null);

        assertThat(figures).extracting(CompressionReport.Figures::codec).containsExactly("none", "lz4", "zstd");
        for (CompressionReport.Figures f : figures) {
            assertThat(f.kind()).isEqualTo("raw");
            assertThat(f.batches()).isEqualTo(6);
            assertThat(f.records()).isEqualTo(60);
            assertThat(f.storedBytes()).isPositive();
        }
        CompressionReport.Figures none = figures.get(0);
        assertThat(none.bytes()).isEqualTo(none.rawBytes());
        // repeated Urdu text: both codecs shrink it, and the lz4 rebuild matches what was logged
        assertThat(figures.get(1).ratio()).isGreaterThan(2);
        assertThat(figures.get(2).ratio()).isGreaterThan(2);
        assertThat(figures.get(1).bytes()).isEqualTo(figures.get(1).storedBytes());
    }

    @Test
    void namesThreadRoles() {
        assertThat(ThreadCpu.role("khabar-bench-enrich-x-0f3e-StreamThread-1"))
                .isEqualTo("enrich: Streams thread (processing, commits)");
        assertThat(ThreadCpu.role("kafka-producer-network-thread | khabar-enrich-1-StreamThread-1-producer"))
                .isEqualTo("enrich: Streams producer I/O thread");
        assertThat(ThreadCpu.role("data-plane-kafka-request-handler-3")).isEqualTo("broker: request handlers");
        assertThat(ThreadCpu.role("khabar-sink-writer-g")).isEqualTo("sink: writer thread");
        assertThat(ThreadCpu.role("khabar-sink-g")).isEqualTo("sink: consumer thread (fetch, decode)");
        assertThat(ThreadCpu.vmThreadSeconds().keySet()).allMatch(k -> k.startsWith("JVM: "));
    }
}
