package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.enrich.EnrichSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code khabar enrich}: the topology description, settings precedence, and secrets kept out of the output. */
class EnrichCommandTest {

    @TempDir
    Path dir;

    private static String run(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int rc = new CommandLine(new EnrichCommand()).execute(args);
            assertThat(rc).isZero();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldDescribeTheContentDedupTopologyWithoutABroker() {
        String described = run("--describe");
        assertThat(described)
                .contains(
                        "Sub-topology: 1",
                        "content-pending",
                        "khabar.articles.raw",
                        "khabar.articles.enriched",
                        "content-hashes",
                        "article-versions",
                        "content-claims-repartition",
                        "content-verdicts-repartition");
    }

    @Test
    void shouldDescribeOneSubTopologyWithoutContentDedup() throws Exception {
        // stories and trends add their own repartitions; without them the topology is one sub-topology
        String described = run("--no-dedup-content", "--set", "khabar.enrich.stories=false", "--describe");
        assertThat(described)
                .contains("Sub-topology: 0", "article-versions", "khabar.articles.enriched")
                .doesNotContain("Sub-topology: 1", "repartition", "content-hashes");
        assertThat(run("--no-dedup-content", "--set", "khabar.enrich.stories=true", "--describe"))
                .contains("story-by-band-repartition", "trending-by-entity");
        EnrichCommand cmd = new EnrichCommand();
        new CommandLine(cmd).parseArgs("--set", "khabar.enrich.dedup.content=false", "--dedup-content");
        assertThat(EnrichSettings.from(cmd.overrides(Map.of())).dedupContent()).isTrue(); // option over --set
        EnrichCommand plain = new EnrichCommand();
        new CommandLine(plain).parseArgs("--set", "khabar.enrich.dedup.content=false");
        assertThat(EnrichSettings.from(plain.overrides(Map.of())).dedupContent())
                .isFalse();
    }

    @Test
    void shouldApplyFileThenEnvironmentThenSetThenDedicatedOptions() throws Exception {
        Path file = dir.resolve("enrich.properties");
        Files.writeString(file, """
                khabar.enrich.max.input.bytes=100
                khabar.enrich.dedup.retention.ms=60000
                sasl.mechanism=PLAIN
                commit.interval.ms=500
                """);
        EnrichCommand cmd = new EnrichCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--config",
                        file.toString(),
                        "--set",
                        "khabar.enrich.max.input.bytes=300",
                        "--set",
                        "commit.interval.ms=700",
                        "--dedup-retention",
                        "36h");
        Properties p = cmd.overrides(Map.of(
                "KHABAR_KAFKA_KHABAR_ENRICH_MAX_INPUT_BYTES",
                "200",
                "KHABAR_KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512",
                "KHABAR_KAFKA_COMMIT_INTERVAL_MS",
                "600"));

        assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512"); // env over file
        assertThat(p.getProperty("commit.interval.ms")).isEqualTo("700"); // --set over env
        assertThat(p.getProperty(EnrichSettings.MAX_INPUT_BYTES_CONFIG)).isEqualTo("300"); // --set over env over file
        assertThat(EnrichSettings.from(p).dedupRetention()).isEqualTo(Duration.ofHours(36)); // option over file
    }

    @Test
    void shouldNeverPrintSecrets() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";
                ssl.truststore.password=s3cret-store
                """);
        String printed = run(
                "--config", file.toString(), "--set", "ssl.key.password=k3y", "-b", "broker:9092", "--print-config");

        assertThat(printed)
                .contains(
                        "security.protocol=SASL_SSL",
                        "processing.guarantee=exactly_once_v2",
                        "sasl.jaas.config=[hidden]",
                        "ssl.truststore.password=[hidden]",
                        "ssl.key.password=[hidden]");
        assertThat(printed).doesNotContain("hunter2", "s3cret-store", "k3y");
    }
}
