package io.khabar.enrich.stories;

import io.khabar.model.JsonSerde;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that writes a value in a compact binary form of its own and reads back that form or the JSON that earlier
 * versions wrote ({@link JsonSerde}): a JSON value of the model is an object, so its first byte is {@code '{'}, and
 * no binary form starts with it. A subclass gives its form ({@link #binary}, {@link #fromBinary}); a value the form
 * cannot carry exactly (an id that UTF-8 would change, a kind the form is not for) is written as JSON. Bytes that
 * are neither (cut off, with bytes left over, an unknown first byte) throw {@link SerializationException} saying what
 * they were to be and why, as {@link JsonSerde} does, so that the app's handlers dead-letter the record and go on.
 * Used by the band members ({@link BandMemberSerde}), the story replies ({@link StoryReplySerde}), the story state
 * ({@link StoryStateSerde}) and the trending counts ({@link TrendCountSerde}).
 *
 * @param <T> the value type
 */
abstract class BinaryOrJsonSerde<T> implements Serde<T> {

    private static final HexFormat HEX = HexFormat.of();
    /** Shortest lowercase hex tail that {@link #putText} packs into bytes (shorter ones stay text). */
    private static final int MIN_PACKED_HEX = 16;

    private final String what;
    private final JsonSerde<T> json;

    /** {@code what} names a value in error messages ("band member"). */
    BinaryOrJsonSerde(String what, Class<T> type) {
        this.what = what;
        this.json = JsonSerde.of(type);
    }

    /** The value's binary form, whose first byte is never {@code '{'}; null to write the value as JSON. */
    abstract byte[] binary(T value);

    /**
     * Reads a binary form from {@code b} (at its first byte), all of it. May throw {@link BufferUnderflowException}
     * or {@link IllegalArgumentException} on bytes that are cut off or corrupt; {@link #fromBytes} says so.
     */
    abstract T fromBinary(ByteBuffer b);

    @Override
    public final Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public final Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }

    /** The binary form, or JSON where the form cannot carry the value; null stays null. */
    final byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        byte[] b = binary(value);
        return b != null ? b : json.toBytes(value);
    }

    /** Reads either form; null stays null; throws {@link SerializationException} on anything else. */
    final T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == '{') {
            return json.fromBytes(bytes);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        T value;
        try {
            value = fromBinary(b);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("truncated or corrupt " + what + " of " + bytes.length + " bytes", e);
        }
        if (b.hasRemaining()) {
            throw new SerializationException(
                    what + " of " + bytes.length + " bytes with " + b.remaining() + " bytes left over");
        }
        return value;
    }

    /** Reads the first byte, the form; throws when it is none of {@code forms}. */
    final byte form(ByteBuffer b, byte... forms) {
        byte form = b.get();
        for (byte f : forms) {
            if (f == form) {
                return form;
            }
        }
        throw new SerializationException(what + " of unknown form (first byte " + form + ")");
    }

    /**
     * Whether UTF-8 keeps the string: an unpaired surrogate (possible in an id from outside) would come back as
     * {@code ?}, a different id, so a value holding one is written as JSON, which escapes it.
     */
    static boolean utf8Safe(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes that {@link #putText} may take for {@code s}, at the most. */
    static int textBound(String s) {
        return 20 + (s == null ? 0 : 3 * s.length());
    }

    /**
     * Writes a string ({@link #utf8Safe}, or null): an unsigned varint header, 0 for null, {@code (n + 1) << 1} for
     * {@code n} UTF-8 bytes that follow; or, when the string ends in at least {@value #MIN_PACKED_HEX} lowercase hex
     * digits (an even number: article ids {@code u-}/{@code c-} and 32 digits, story versions of 16),
     * {@code (p << 1) | 1} for a UTF-8 prefix of {@code p} bytes, the prefix, a varint count of bytes and the digits
     * packed two to a byte.
     */
    static void putText(ByteBuffer b, String s) {
        if (s == null) {
            putUnsigned(b, 0);
            return;
        }
        int hex = 0;
        while (hex < s.length() && isLowerHex(s.charAt(s.length() - 1 - hex))) {
            hex++;
        }
        hex &= ~1;
        if (hex >= MIN_PACKED_HEX) {
            byte[] prefix = s.substring(0, s.length() - hex).getBytes(StandardCharsets.UTF_8);
            putUnsigned(b, ((long) prefix.length << 1) | 1);
            b.put(prefix);
            putUnsigned(b, hex / 2);
            b.put(HEX.parseHex(s, s.length() - hex, s.length()));
        } else {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            putUnsigned(b, ((long) u.length + 1) << 1);
            b.put(u);
        }
    }

    /** Reads a string written by {@link #putText}. */
    static String text(ByteBuffer b) {
        long h = unsigned(b);
        if (h == 0) {
            return null;
        }
        if ((h & 1) == 0) {
            return utf8(b, length(b, (h >>> 1) - 1));
        }
        String prefix = utf8(b, length(b, h >>> 1));
        byte[] packed = new byte[length(b, unsigned(b))];
        b.get(packed);
        return prefix + HEX.formatHex(packed);
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static int length(ByteBuffer b, long n) {
        if (n < 0 || n > b.remaining()) {
            throw new BufferUnderflowException();
        }
        return (int) n;
    }

    private static String utf8(ByteBuffer b, int n) {
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    /** An int written as a varlong; out of range is corrupt. */
    static int int32(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not an int: " + v);
        }
        return (int) v;
    }

    /** Zig-zag varlong, as Kafka's record format writes its lengths (at most 10 bytes). */
    static void putVarlong(ByteBuffer b, long v) {
        putUnsigned(b, (v << 1) ^ (v >> 63));
    }

    static long varlong(ByteBuffer b) {
        long u = unsigned(b);
        return (u >>> 1) ^ -(u & 1);
    }

    /** Unsigned varlong: 7 bits a byte, low first (at most 10 bytes). */
    static void putUnsigned(ByteBuffer b, long u) {
        while ((u & ~0x7FL) != 0) {
            b.put((byte) ((u & 0x7F) | 0x80));
            u >>>= 7;
        }
        b.put((byte) u);
    }

    static long unsigned(ByteBuffer b) {
        long u = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b.get();
            u |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return u;
            }
        }
        throw new IllegalArgumentException("a varint of more than 10 bytes");
    }

    /** The bytes written to {@code b} so far. */
    static byte[] written(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
