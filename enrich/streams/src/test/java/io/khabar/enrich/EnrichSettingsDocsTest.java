package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.config.ConfigTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EnrichSettingsDocsTest {

    @Test
    void shouldHaveTheGeneratedSettingsTableInTheDocs() throws Exception {
        Path doc = ConfigTables.findUp("docs/enrich.md");
        assertThat(ConfigTables.check(doc, "enrich-settings", EnrichSettings.markdownTable()))
                .isEmpty();
    }

    @Test
    void shouldListEveryKeyWithItsDefaultAndValidValues() {
        String table = EnrichSettings.markdownTable();
        for (String key : EnrichSettings.CONFIG_DEF.names()) {
            assertThat(table).contains("| `" + key + "` |");
        }
        assertThat(table)
                .contains("`604800000`")
                .contains("[rocksdb, in-memory]")
                .contains("[60000,...]");
    }

    @Test
    void shouldRefuseValuesOutsideTheirValidatorNamingTheKey() {
        assertThatThrownBy(() -> EnrichSettings.from(Map.of(EnrichSettings.DEDUP_RETENTION_MS_CONFIG, "59999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EnrichSettings.DEDUP_RETENTION_MS_CONFIG)
                .hasMessageContaining("59999");
        assertThatThrownBy(() -> EnrichSettings.from(Map.of(EnrichSettings.DEDUP_STORE_CONFIG, "redis")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EnrichSettings.DEDUP_STORE_CONFIG);
        assertThatThrownBy(() -> EnrichSettings.from(Map.of(EnrichSettings.MAX_INPUT_BYTES_CONFIG, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EnrichSettings.MAX_INPUT_BYTES_CONFIG);
        assertThatThrownBy(() -> EnrichSettings.from(Map.of(EnrichSettings.MAX_OUTPUT_BYTES_CONFIG, "1 MiB")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EnrichSettings.MAX_OUTPUT_BYTES_CONFIG);
    }

    @Test
    void shouldIgnoreStreamsKeysAndAcceptUpperCaseStoreNames() {
        EnrichSettings s = EnrichSettings.from(Map.of(
                "application.id",
                "x",
                EnrichSettings.DEDUP_STORE_CONFIG,
                " In-Memory ",
                EnrichSettings.METRICS_CONFIG,
                EnrichMetrics.inMemory()));
        assertThat(s.dedupStore()).isEqualTo(EnrichSettings.DEDUP_STORE_IN_MEMORY);
        assertThat(s.withDedupRetention(Duration.ofMinutes(2)).dedupRetention()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.withDedupRetention(Duration.ofMinutes(2)).dedupStore())
                .isEqualTo(EnrichSettings.DEDUP_STORE_IN_MEMORY);
    }
}
