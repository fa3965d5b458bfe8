package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.RawArticle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest rate of 10,000 seed-format files of about 5 KB: parsing alone, then published to the embedded broker.
 * Prints the figures; asserts only that everything was published. Runs only with {@code -Dkhabar.bench=true}:
 * {@code mvn -pl ingest verify -Dkhabar.bench=true -Dit.test=IngestBenchIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class IngestBenchIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = SharedBroker.KAFKA;

    private static final int FILES = 10_000;

    @TempDir
    Path dir;

    @Test
    void ingestTenThousandSeedFiles() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("khabar.bench"), "a benchmark: run with -Dkhabar.bench=true");
        String paragraph = "وزیر اعظم نے اسلام آباد میں وفاقی کابینہ کے اجلاس کی صدارت کی جس میں ملک کی معاشی صورتحال،"
                + " مہنگائی اور توانائی کے بحران پر تفصیلی غور کیا گیا۔";
        StringBuilder body = new StringBuilder();
        while (body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 5000) {
            body.append(paragraph).append("\n\n");
        }
        long bytes = 0;
        for (int i = 0; i < FILES; i++) {
            Path f = dir.resolve(String.format("%02d/%05d.txt", i % 100, i));
            Files.createDirectories(f.getParent());
            String text = "خبر نمبر " + i + "\n\n" + body;
            Files.writeString(f, text);
            bytes += Files.size(f);
        }
        System.out.printf("bench: %,d files, %,d bytes (%.1f KB each)%n", FILES, bytes, bytes / 1024.0 / FILES);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] parsed = {0};
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        new FileTreeSource(List.of(dir), 1 << 20, Clock.systemUTC()).readAll(new SourceListener() {
            @Override
            public void onArticle(RawArticle article) {
                parsed[0]++;
            }

            @Override
            public void onRejected(String location, String reason, String message, byte[] content) {}
        });
        double parseSeconds = (System.nanoTime() - t0) / 1e9;
        double parseCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf(
                "bench: read and parse only (cold): %,.0f articles/s wall (%.2f s), %,.0f articles per CPU-second%n",
                parsed[0] / parseSeconds, parseSeconds, parsed[0] / parseCpu);

        SharedBroker.client();
        for (int run = 1; run <= 3; run++) {
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            IngestSummary s = Ingest.run(
                    List.of(new FileTreeSource(List.of(dir), 1 << 20, Clock.systemUTC())), SharedBroker.client());
            double seconds = (System.nanoTime() - t1) / 1e9;
            double ingestCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;
            assertThat(s.published()).isEqualTo(FILES);
            System.out.printf(
                    "bench: run %d: published %,d articles in %.2f s: %,.0f articles/s, %.1f MB/s;"
                            + " the ingest thread used %.2f CPU-s (%,.0f articles per CPU-second)%n",
                    run,
                    s.published(),
                    seconds,
                    s.published() / seconds,
                    bytes / seconds / 1e6,
                    ingestCpu,
                    s.published() / ingestCpu);
        }
    }
}
