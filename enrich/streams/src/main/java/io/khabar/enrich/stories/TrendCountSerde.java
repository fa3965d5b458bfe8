package io.khabar.enrich.stories;

import io.khabar.model.JsonSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The trending counts ({@link TrendCount}) on {@code trending-by-entity-repartition} and in the hour and day window
 * stores (and so their changelogs) in a compact binary form. An article sends one count per entity key and each
 * window update writes one: about 115 bytes of JSON each that repeated the entity key of the record's key, for a
 * count that is a few bytes (docs/stories.md, "Trending: bytes and records per article").
 *
 * <p>Layout: {@code 0x01}; type, name (each a zig-zag varint of the UTF-8 length + 1, 0 for null, then the bytes);
 * articles, mentions (zig-zag varlongs). The entity key is not written: it is the record's key, and a decoded count has
 * {@code key == null} (nothing downstream reads it: the window's key names the entity). Values written as JSON
 * (before this form) start with {@code '{'} and are read as JSON. A count whose type or name would not survive UTF-8
 * (an unpaired surrogate) is written as JSON too, as {@link BandMemberSerde} does.
 */
public final class TrendCountSerde implements Serde<TrendCount> {

    private static final byte BINARY = 0x01;

    private final JsonSerde<TrendCount> json = JsonSerde.of(TrendCount.class);

    @Override
    public Serializer<TrendCount> serializer() {
        return (topic, c) -> c == null ? null : encode(c);
    }

    @Override
    public Deserializer<TrendCount> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserializer().deserialize(topic, bytes);
            }
            return decode(bytes);
        };
    }

    byte[] encode(TrendCount c) {
        if (!BandMemberSerde.utf8Safe(c.type()) || !BandMemberSerde.utf8Safe(c.name())) {
            return json.serializer().serialize(null, c);
        }
        byte[] type = c.type() == null ? null : c.type().getBytes(StandardCharsets.UTF_8);
        byte[] name = c.name() == null ? null : c.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 5 + length(type) + 5 + length(name) + 10 + 10);
        b.put(BINARY);
        putString(b, type);
        putString(b, name);
        writeVarlong(c.articles(), b);
        writeVarlong(c.mentions(), b);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static TrendCount decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte form = b.get();
            if (form != BINARY) {
                throw new SerializationException("trend count of unknown form (first byte " + form + ")");
            }
            String type = string(b);
            String name = string(b);
            long articles = readVarlong(b);
            long mentions = readVarlong(b);
            if (b.hasRemaining()) {
                throw new SerializationException("trend count with " + b.remaining() + " bytes left over");
            }
            return new TrendCount(null, type, name, articles, mentions);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("truncated trend count of " + bytes.length + " bytes", e);
        }
    }

    private static int length(byte[] s) {
        return s == null ? 0 : s.length;
    }

    private static void putString(ByteBuffer b, byte[] s) {
        writeVarlong(s == null ? 0 : s.length + 1, b);
        if (s != null) {
            b.put(s);
        }
    }

    private static String string(ByteBuffer b) {
        long n = readVarlong(b);
        if (n < 0) {
            throw new SerializationException("trend count string of length " + n);
        }
        if (n == 0) {
            return null;
        }
        if (n - 1 > b.remaining()) {
            throw new SerializationException("trend count string of " + (n - 1) + " bytes");
        }
        int len = (int) (n - 1);
        String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    /** Zig-zag varlong, as Kafka's record format writes its lengths (at most 10 bytes). */
    private static void writeVarlong(long v, ByteBuffer b) {
        long u = (v << 1) ^ (v >> 63);
        while ((u & ~0x7FL) != 0) {
            b.put((byte) ((u & 0x7F) | 0x80));
            u >>>= 7;
        }
        b.put((byte) u);
    }

    private static long readVarlong(ByteBuffer b) {
        long u = readUnsignedVarlong(b);
        return (u >>> 1) ^ -(u & 1);
    }

    private static long readUnsignedVarlong(ByteBuffer b) {
        long u = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b.get();
            u |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return u;
            }
        }
        throw new SerializationException("trend count with a varint of more than 10 bytes");
    }
}
