package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.JsonSerde;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The story state's binary form: round trips, the JSON written before it, and broken bytes. */
class StoryStateSerdeTest {

    private final StoryStateSerde serde = new StoryStateSerde();
    private static final JsonSerde<StoryState> JSON = JsonSerde.of(StoryState.class);
    private static final String ID = "u-0123456789abcdef0123456789abcdef";

    private static final StoryState WAITING =
            StoryState.waiting(1_764_000_000_123L, ID, "0123456789abcdef", 1_700_000_000_000L, 24);
    private static final StoryState FOUND = new StoryState(
            1_764_000_000_123L,
            "0123456789abcdef",
            1_700_000_000_000L,
            24,
            0xFF_FFFFL,
            "c-fedcba9876543210fedcba9876543210",
            1_600_000_000_000L,
            0.4166666666666667,
            true);

    private StoryState roundTrip(StoryState s) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", s));
    }

    @Test
    void shouldReadBackTheStateInTheBinaryForm() {
        StoryState extremes =
                new StoryState(Long.MIN_VALUE, "", Long.MAX_VALUE, 64, -1L, "id-اردو", Long.MIN_VALUE, -0.0, false);
        StoryState upper = new StoryState(0L, "0123456789ABCDEF", 0L, 1, 1L, "U-ABCDEF0123456789ABCDEF", 0L, 1.0, true);
        for (StoryState s : List.of(
                WAITING, FOUND, extremes, upper, WAITING.withReplies(0b1011L).withEmitted())) {
            byte[] bytes = serde.serializer().serialize("t", s);
            assertThat(bytes[0]).as("binary: " + s).isEqualTo((byte) 7);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(s);
        }
        assertThat(Double.doubleToRawLongBits(roundTrip(new StoryState(0L, "v", 0L, 1, 0L, "x", 0L, -0.0, false))
                        .similarity()))
                .as("-0.0 is not 1.0")
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void shouldBeAFractionOfTheJson() {
        // form, flags, slot 6, version 10, order 6, expected 1, mask 1; story id 20 (hex packed), story order 1
        // (the article's own), no similarity (1.0)
        assertThat(serde.serializer().serialize("t", WAITING)).hasSize(2 + 6 + 10 + 6 + 1 + 1 + 20 + 1);
        // mask 4, an earlier story's order as its difference 6, similarity 8
        assertThat(serde.serializer().serialize("t", FOUND)).hasSize(2 + 6 + 10 + 6 + 1 + 4 + 20 + 6 + 8);
        assertThat(JSON.toBytes(FOUND).length)
                .isGreaterThan(3 * serde.serializer().serialize("t", FOUND).length);
    }

    @Test
    void shouldReadTheJsonThatThePreviousVersionsWrote() {
        for (StoryState s : List.of(WAITING, FOUND)) {
            byte[] json = JSON.toBytes(s);
            assertThat(json[0]).isEqualTo((byte) '{');
            assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(s);
        }
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldKeepAnIdThatUtf8WouldChange() {
        StoryState lone = new StoryState(1L, "v", 2L, 24, 0L, "c-\uD800", 1L, 0.5, false);
        byte[] bytes = serde.serializer().serialize("t", lone);
        assertThat(bytes[0]).isEqualTo((byte) '{');
        assertThat(roundTrip(lone).storyId()).isEqualTo("c-\uD800");
    }

    @Test
    void shouldRefuseCutOffAndBrokenBytesSayingWhatTheyWereToBe() {
        for (StoryState s : List.of(WAITING, FOUND)) {
            BinaryOrJsonSerdeTest.assertEveryCutIsRefused(
                    serde, serde.serializer().serialize("t", s), "story state");
        }
        byte[] reply = new StoryReplySerde().serializer().serialize("t", StoryReplySerdeTest.reply(List.of()));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", reply))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("story state of unknown form (first byte 5)");
        assertThatThrownBy(() -> serde.deserializer()
                        .deserialize("t", "{\"at\":".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
