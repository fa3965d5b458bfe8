package io.khabar.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.config.ConfigTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SinkConfigDocsTest {

    @Test
    void shouldHaveTheGeneratedSettingsTableInTheDocs() throws Exception {
        Path doc = ConfigTables.findUp("docs/sink.md");
        assertThat(ConfigTables.check(doc, "sink-settings", SinkConfig.markdownTable()))
                .isEmpty();
    }

    @Test
    void shouldBuildFromAMapOfKeys() {
        SinkConfig c = SinkConfig.from(Map.of(
                SinkConfig.BOOTSTRAP_SERVERS,
                "localhost:9092",
                SinkConfig.JSONL_DIR,
                "/tmp/x",
                SinkConfig.BATCH_SIZE,
                "20",
                SinkConfig.FLUSH_INTERVAL_MS,
                "250",
                SinkConfig.DEAD_LETTER_TOPIC,
                "dlq"));
        assertThat(c.batchSize()).isEqualTo(20);
        assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.deadLetterTopic()).isEqualTo("dlq");
        assertThat(c.groupId()).isEqualTo(SinkConfig.GROUP_ID_DEFAULT);
        assertThat(c.targetDescription()).isEqualTo("jsonl:/tmp/x");
    }

    @Test
    void shouldRefuseAPoolOfOneConnectionInsteadOfRaisingIt() {
        assertThatThrownBy(() -> SinkConfig.builder()
                        .bootstrapServers("b:1")
                        .jdbcPoolSize(1)
                        .jdbc("jdbc:postgresql://h/db", "u", "p")
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.JDBC_POOL_SIZE)
                .hasMessageContaining("at least 2");
    }

    @Test
    void shouldNameTheKeyOfAMissingOrInvalidSetting() {
        assertThatThrownBy(() -> SinkConfig.from(Map.of(SinkConfig.JSONL_DIR, "/tmp/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.BOOTSTRAP_SERVERS);
        assertThatThrownBy(() -> SinkConfig.from(Map.of(
                        SinkConfig.BOOTSTRAP_SERVERS,
                        "b:1",
                        SinkConfig.JSONL_DIR,
                        "/tmp/x",
                        SinkConfig.BATCH_SIZE,
                        "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.BATCH_SIZE);
        assertThatThrownBy(() -> SinkConfig.from(Map.of(SinkConfig.BOOTSTRAP_SERVERS, "b:1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no target");
        assertThatThrownBy(() -> SinkConfig.from(Map.of(
                        SinkConfig.BOOTSTRAP_SERVERS,
                        "b:1",
                        SinkConfig.JSONL_DIR,
                        "/tmp/x",
                        SinkConfig.JDBC_URL,
                        "jdbc:postgresql://h/db")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("more than one target");
        assertThatThrownBy(() -> SinkConfig.builder().set("flush.interval", "1s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a sink setting");
    }

    @Test
    void shouldNeverPrintThePassword() {
        SinkConfig c = SinkConfig.builder()
                .bootstrapServers("b:1")
                .jdbc("jdbc:postgresql://h/db?password=s3cret", "u", "s3cret")
                .build();
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThat(c.values().get(SinkConfig.JDBC_PASSWORD).toString()).doesNotContain("s3cret");
    }
}
