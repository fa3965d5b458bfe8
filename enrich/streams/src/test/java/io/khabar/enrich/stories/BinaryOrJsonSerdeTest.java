package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The pieces the binary forms share: strings with their hex digits packed, and varints. */
class BinaryOrJsonSerdeTest {

    private static String textRoundTrip(String s, int expectedBytes) {
        ByteBuffer b = ByteBuffer.allocate(BinaryOrJsonSerde.textBound(s));
        BinaryOrJsonSerde.putText(b, s);
        byte[] bytes = BinaryOrJsonSerde.written(b);
        if (expectedBytes >= 0) {
            assertThat(bytes).as("bytes of " + s).hasSize(expectedBytes);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String back = BinaryOrJsonSerde.text(in);
        assertThat(in.hasRemaining()).isFalse();
        return back;
    }

    /**
     * Every cut of {@code good} (from none of its bytes to all but one) and {@code good} with a byte more throw a
     * {@link SerializationException} that names {@code what}: no prefix of a form is read as another value.
     */
    static <T> void assertEveryCutIsRefused(BinaryOrJsonSerde<T> serde, byte[] good, String what) {
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut))
                    .as("cut to " + n + " bytes")
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(what);
        }
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
    }

    @Test
    void shouldPackTheHexDigitsOfIdsAndVersionsAndKeepEveryStringExactly() {
        String hex32 = "0123456789abcdef0123456789abcdef";
        assertThat(textRoundTrip("u-" + hex32, 1 + 2 + 1 + 16)).isEqualTo("u-" + hex32);
        assertThat(textRoundTrip("0123456789abcdef", 1 + 1 + 8)).isEqualTo("0123456789abcdef");
        // an odd number of digits: the first stays in the prefix
        assertThat(textRoundTrip("x" + hex32.substring(1), 1 + 2 + 1 + 15)).isEqualTo("x" + hex32.substring(1));
        assertThat(textRoundTrip(hex32.substring(1), 1 + 1 + 1 + 15)).isEqualTo(hex32.substring(1));
        // too few digits, upper case, not hex: as UTF-8
        assertThat(textRoundTrip("0123456789abcde", 1 + 15)).isEqualTo("0123456789abcde");
        assertThat(textRoundTrip("0123456789ABCDEF", 1 + 16)).isEqualTo("0123456789ABCDEF");
        for (String s : new String[] {"", "اردو-خبر", "id-\uD83D\uDE00", "cafe" + hex32 + "-x", "a-" + hex32 + hex32}) {
            assertThat(textRoundTrip(s, -1)).isEqualTo(s);
        }
        assertThat(textRoundTrip(null, 1)).isNull();
    }

    @Test
    void shouldWriteVarintsOfAnyLong() {
        for (long v : new long[] {0, 1, -1, 63, -64, 64, 1L << 41, Long.MAX_VALUE, Long.MIN_VALUE}) {
            ByteBuffer b = ByteBuffer.allocate(10);
            BinaryOrJsonSerde.putVarlong(b, v);
            byte[] bytes = BinaryOrJsonSerde.written(b);
            assertThat(BinaryOrJsonSerde.varlong(ByteBuffer.wrap(bytes))).isEqualTo(v);
            assertThat(bytes.length).isEqualTo(v >= -64 && v <= 63 ? 1 : bytes.length);
        }
        ByteBuffer b = ByteBuffer.allocate(10);
        BinaryOrJsonSerde.putUnsigned(b, -1L);
        assertThat(Arrays.copyOf(b.array(), b.position())).hasSize(10);
    }
}
