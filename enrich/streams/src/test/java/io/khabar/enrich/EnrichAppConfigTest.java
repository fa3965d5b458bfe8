package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The Streams settings {@link EnrichApp#streamsConfig} chooses, and that the user's settings still win. */
class EnrichAppConfigTest {

    @Test
    void shouldCommitExactlyOnceEvery25msAndPollNoLongerThanThat() {
        StreamsConfig config = new StreamsConfig(EnrichApp.streamsConfig("127.0.0.1:9092", new Properties()));

        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        // Streams would use 100 ms under exactly-once if the key were not set
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(EnrichApp.COMMIT_INTERVAL_MS_DEFAULT)
                .isEqualTo(25L);
        assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG))
                .isLessThanOrEqualTo(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    }

    @Test
    void shouldLetTheUserChooseAnotherCommitInterval() {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        overrides.put(StreamsConfig.POLL_MS_CONFIG, "100");

        StreamsConfig config = new StreamsConfig(EnrichApp.streamsConfig("127.0.0.1:9092", overrides));

        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
        assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(100L);
    }
}
