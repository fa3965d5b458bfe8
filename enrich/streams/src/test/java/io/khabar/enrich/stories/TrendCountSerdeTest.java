package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.JsonSerde;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The trending counts' binary form: round trips, counts written as JSON before it, and broken bytes. */
class TrendCountSerdeTest {

    private final TrendCountSerde serde = new TrendCountSerde();

    private TrendCount roundTrip(TrendCount c) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", c));
    }

    @Test
    void shouldKeepTypeNameAndCountsButNotTheKeyWhichIsTheRecordsKey() {
        TrendCount c = new TrendCount("PERSON:imran khan", "PERSON", "عمران خان", 3, 1L << 40);
        assertThat(roundTrip(c)).isEqualTo(new TrendCount(null, "PERSON", "عمران خان", 3, 1L << 40));
        assertThat(roundTrip(new TrendCount("k", null, null, 0, -1)))
                .isEqualTo(new TrendCount(null, null, null, 0, -1));
        assertThat(roundTrip(new TrendCount("k", "", "", Long.MAX_VALUE, Long.MIN_VALUE)))
                .isEqualTo(new TrendCount(null, "", "", Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @Test
    void shouldBeAFractionOfTheJson() {
        TrendCount c = new TrendCount("LOCATION:Q1362", "LOCATION", "Islamabad", 1, 2);
        byte[] binary = serde.serializer().serialize("t", c);
        byte[] json = JsonSerde.of(TrendCount.class).serializer().serialize("t", c);
        // 0x01, 1 + 8 (type), 1 + 9 (name), 1 + 1 (counts)
        assertThat(binary).hasSize(22);
        assertThat(json.length).isGreaterThan(3 * binary.length); // 87 bytes of JSON
    }

    @Test
    void shouldReadCountsWrittenAsJsonBeforeTheBinaryForm() {
        TrendCount c = new TrendCount("PERSON:x", "PERSON", "X", 2, 5);
        byte[] json = JsonSerde.of(TrendCount.class).serializer().serialize("t", c);
        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(c);
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void shouldWriteANameThatUtf8WouldChangeAsJson() {
        TrendCount c = new TrendCount("PERSON:x", "PERSON", "a\uD800b", 1, 1);
        byte[] bytes = serde.serializer().serialize("t", c);
        assertThat(bytes[0]).isEqualTo((byte) '{');
        assertThat(serde.deserializer().deserialize("t", bytes).name()).isEqualTo("a\uD800b");
    }

    @Test
    void shouldRefuseBrokenBytes() {
        byte[] good = serde.serializer().serialize("t", new TrendCount("k", "PERSON", "name", 1, 1));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(SerializationException.class);
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", longer))
                .isInstanceOf(SerializationException.class);
        byte[] other = good.clone();
        other[0] = 0x07;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", other))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0x01, (byte) 0xff}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class);
    }
}
