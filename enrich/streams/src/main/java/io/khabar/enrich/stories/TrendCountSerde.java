package io.khabar.enrich.stories;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

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
 * (an unpaired surrogate) is written as JSON too ({@link BinaryOrJsonSerde}, as for the band members).
 */
public final class TrendCountSerde extends BinaryOrJsonSerde<TrendCount> {

    private static final byte BINARY = 0x01;

    /** The serde of the trending repartition and window stores. */
    public TrendCountSerde() {
        super("trend count", TrendCount.class);
    }

    @Override
    byte[] binary(TrendCount c) {
        if (!utf8Safe(c.type()) || !utf8Safe(c.name())) {
            return null;
        }
        byte[] type = c.type() == null ? null : c.type().getBytes(StandardCharsets.UTF_8);
        byte[] name = c.name() == null ? null : c.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 10 + length(type) + 10 + length(name) + 10 + 10);
        b.put(BINARY);
        putString(b, type);
        putString(b, name);
        putVarlong(b, c.articles());
        putVarlong(b, c.mentions());
        return written(b);
    }

    @Override
    TrendCount fromBinary(ByteBuffer b) {
        form(b, BINARY);
        String type = string(b);
        String name = string(b);
        long articles = varlong(b);
        long mentions = varlong(b);
        return new TrendCount(null, type, name, articles, mentions);
    }

    private static int length(byte[] s) {
        return s == null ? 0 : s.length;
    }

    /** A zig-zag varlong of the UTF-8 length + 1 (0 for null), then the bytes. */
    private static void putString(ByteBuffer b, byte[] s) {
        putVarlong(b, s == null ? 0 : s.length + 1);
        if (s != null) {
            b.put(s);
        }
    }

    private static String string(ByteBuffer b) {
        long n = varlong(b);
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
}
