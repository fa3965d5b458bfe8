package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The raw serde's own UTF-8 check refuses exactly what the JDK's reporting decoder refuses. */
class RawRecordSerdeUtf8Test {

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEdgeCases() {
        byte[][] cases = {
            {},
            "اردو خبر".getBytes(StandardCharsets.UTF_8),
            "😀".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xC0, (byte) 0x80}, // overlong NUL
            {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
            {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, // overlong 4 bytes
            {(byte) 0xD8}, // cut short
            {(byte) 0xE2, (byte) 0x82}, // cut short
            {'a', (byte) 0x80}, // a lone continuation byte
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        };
        for (byte[] b : cases) {
            assertThat(RawRecordSerde.firstMalformedUtf8(b) < 0)
                    .as(java.util.Arrays.toString(b))
                    .isEqualTo(jdkAccepts(b));
        }
        assertThat(RawRecordSerde.firstMalformedUtf8(new byte[] {'{', 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .isEqualTo(2);
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        SplittableRandom r = new SplittableRandom(14);
        String sample = "خبر: وزیراعظم نے کہا 😀 ok";
        byte[] valid = sample.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 100_000; round++) {
            byte[] b;
            if (r.nextBoolean()) {
                b = new byte[r.nextInt(8)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (0x80 | r.nextInt(0x80)); // high bytes only: the interesting part
                }
            } else {
                b = valid.clone();
                b[r.nextInt(b.length)] = (byte) r.nextInt(256); // one byte changed in valid text
            }
            assertThat(RawRecordSerde.firstMalformedUtf8(b) < 0)
                    .as(java.util.Arrays.toString(b))
                    .isEqualTo(jdkAccepts(b));
        }
    }
}
