package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.config.ConfigTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The story settings: defaults (stories on), validation naming the key, and the generated table in docs/enrich.md. */
class StorySettingsDocsTest {

    @Test
    void shouldHaveTheGeneratedSettingsTableInTheDocs() throws Exception {
        Path doc = ConfigTables.findUp("docs/enrich.md");
        assertThat(ConfigTables.check(doc, "story-settings", StorySettings.markdownTable()))
                .isEmpty();
    }

    @Test
    void shouldTurnStoriesOnByDefaultAndReadTheKey() {
        StorySettings d = StorySettings.defaults();
        assertThat(d.enabled()).isTrue();
        assertThat(StorySettings.from(Map.of(StorySettings.ENABLED_CONFIG, " TRUE "))
                        .enabled())
                .isTrue();
        assertThat(d.bands()).isEqualTo(24);
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.threshold()).isEqualTo(StorySettings.THRESHOLD_DEFAULT);
        assertThat(d.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(StorySettings.from(Map.of(StorySettings.ENABLED_CONFIG, " false "))
                        .enabled())
                .isFalse();
        assertThat(StorySettings.from(Map.of(StorySettings.ENABLED_CONFIG, "")).enabled())
                .as("blank means the default")
                .isTrue();
        assertThat(StorySettings.from(Map.of("application.id", "x", StorySettings.BANDS_CONFIG, 12))
                        .bands())
                .isEqualTo(12);
    }

    @Test
    void shouldRefuseValuesOutsideTheirValidatorNamingTheKey() {
        assertThatThrownBy(() -> StorySettings.from(Map.of(StorySettings.BANDS_CONFIG, "65")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StorySettings.BANDS_CONFIG);
        assertThatThrownBy(() -> StorySettings.from(Map.of(StorySettings.ENABLED_CONFIG, "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StorySettings.ENABLED_CONFIG);
        assertThatThrownBy(() -> StorySettings.from(Map.of(StorySettings.THRESHOLD_CONFIG, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StorySettings.THRESHOLD_CONFIG);
        assertThatThrownBy(() -> StorySettings.from(Map.of(StorySettings.RETENTION_MS_CONFIG, "1000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StorySettings.RETENTION_MS_CONFIG);
    }
}
