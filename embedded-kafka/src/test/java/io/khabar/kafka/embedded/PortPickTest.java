package io.khabar.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.PrimitiveIterator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The broker's two listeners never get one port: Kafka refuses to start with two listeners on the same port. */
class PortPickTest {
    @Test
    void shouldPickAgainWhenTheFreePortIsTheBrokersOwn() {
        PrimitiveIterator.OfInt picks = IntStream.of(34459, 34459, 40001).iterator();
        assertThat(EmbeddedKafkaBroker.Builder.portOtherThan(34459, picks::nextInt))
                .isEqualTo(40001);
    }

    @Test
    void shouldTakeTheFirstPickWhenItDiffers() {
        assertThat(EmbeddedKafkaBroker.Builder.portOtherThan(34459, () -> 40002))
                .isEqualTo(40002);
    }

    @Test
    void shouldGiveUpWhenEveryPickIsTheTakenPort() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.Builder.portOtherThan(34459, () -> 34459))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("other than 34459");
    }
}
