package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One duration grammar for every command, and the --config file read once. */
class DurationConverterTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryUnitAndIso8601() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("36H")).isEqualTo(Duration.ofHours(36));
        assertThat(DurationConverter.parse(" 7d ")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationConverter.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("p2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationConverter.parse("0")).isZero();
    }

    @Test
    void shouldRefuseANumberWithoutAUnitAndSayWhatIsAccepted() {
        assertThatThrownBy(() -> DurationConverter.parse("5"))
                .hasMessageContaining("'5' has no unit")
                .hasMessageContaining("500ms, 30s, 5m, 36h, 7d");
        assertThatThrownBy(() -> DurationConverter.parse("soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("5w")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("-5s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("PT-5S")).hasMessageContaining("negative");
        assertThatThrownBy(() -> DurationConverter.parse("99999999999999999999d"))
                .hasMessageContaining("not a duration");
    }

    @Test
    void shouldAcceptTheSameGrammarInEveryCommand() {
        for (Object[] c : new Object[][] {
            {new EnrichCommand(), "--dedup-retention"}, {new SinkCommand(), "--flush-interval"},
            {new IngestCommand(), "--poll-interval"}, {new RunCommand(), "--timeout"}
        }) {
            assertThat(errorOf(c[0], (String) c[1], "7d")).as("%s 7d", c[1]).doesNotContain("Invalid value");
            assertThat(errorOf(c[0], (String) c[1], "5"))
                    .as("%s 5", c[1])
                    .contains("Invalid value for option '" + c[1] + "'")
                    .contains("'5' has no unit");
        }
    }

    private static String errorOf(Object command, String option, String value) {
        CommandLine cl = new CommandLine(command);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        try {
            cl.parseArgs(option, value);
            return "";
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    @Test
    void shouldReadTheConfigFileOnceForBootstrapAndClientProperties() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nsasl.mechanism=PLAIN\n");
        KafkaOptions options = new KafkaOptions();
        new CommandLine(options).parseArgs("--config", file.toString());
        assertThat(options.bootstrapServersOrNull(Map.of())).isEqualTo("file:9092");
        Files.delete(file); // a second read would fail now
        assertThat(options.clientProperties(Map.of()))
                .containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("bootstrap.servers");
        assertThat(options.bootstrapServersOrNull(Map.of("KHABAR_KAFKA_BOOTSTRAP_SERVERS", "env:9092")))
                .isEqualTo("env:9092");
    }
}
