package io.khabar.enrich.stories;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The members of the band buckets ({@link StoryTopology#BAND_STORE}) in a compact binary form: a new article reads
 * up to {@code max.bucket} members in each of its bands, so decoding them is most of the story stage's CPU when
 * buckets are full (docs/stories.md, "Cost per article"). Layout, big-endian: {@code 0x01} (or {@code 0x02} and the
 * slot time of the member's state, a long), order (long), partition
 * (int, {@link Integer#MIN_VALUE} for none), id, version (each an int length and UTF-8 bytes), the signature (an int
 * count and the ints), and the best story the member found (a byte 0/1, then id, order and similarity). Values
 * written as JSON (before this form, or any message that is not a plain ENTRY) start with {@code '{'} and are read
 * as JSON ({@link BinaryOrJsonSerde}, which also says how broken bytes are refused). The same form carries the records of the band repartition: ENTRIES (one per article and band partition,
 * first byte {@code 0x03} and the slot time; no best story) and, in older records, ENTRY. A message whose id would not
 * survive UTF-8 (an unpaired surrogate) is written as JSON too. Since 2 December 2026 a bucket member is a
 * reference (first byte {@code 0x04} and the slot time, then as {@code 0x02} without the signature): the signature is
 * kept once per article and band partition, not once per band (docs/stories.md, "bucket2, 2026-12-02").
 */
final class BandMemberSerde extends BinaryOrJsonSerde<StoryMessage> {

    private static final byte BINARY = 0x01;
    /** {@link #BINARY} followed by the slot time of the member's state ({@link StoryMessage#at()}). */
    private static final byte BINARY_WITH_SLOT = 0x02;
    /** An {@link StoryMessage.Kind#ENTRIES} record of the band repartition, with its slot time. */
    private static final byte ENTRIES_WITH_SLOT = 0x03;
    /**
     * A band member without its signature (a reference): {@link #BINARY_WITH_SLOT}'s layout without the signature,
     * which the band store keeps once per article and band partition under {@link StoryProcessors.Band#sigKey}.
     */
    private static final byte REFERENCE = 0x04;

    private static final int NO_PARTITION = Integer.MIN_VALUE;

    BandMemberSerde() {
        super("band member", StoryMessage.class);
    }

    @Override
    byte[] binary(StoryMessage m) {
        List<StoryMessage.Candidate> c = m.candidates();
        boolean entries = m.kind() == StoryMessage.Kind.ENTRIES;
        boolean reference = m.kind() == StoryMessage.Kind.ENTRY && m.sig() == null && m.at() != null;
        if ((m.kind() != StoryMessage.Kind.ENTRY && !(entries && m.at() != null))
                || m.mask() != null
                || m.article() != null
                || m.band() != null
                || (m.sig() == null && !reference)
                || (c != null && c.size() > 1)
                || !utf8Safe(m.id())
                || !utf8Safe(m.hash())
                || (c != null && !c.isEmpty() && !utf8Safe(c.get(0).id()))) {
            return null;
        }
        byte[] id = utf8(m.id());
        byte[] hash = utf8(m.hash());
        StoryMessage.Candidate best = c == null || c.isEmpty() ? null : c.get(0);
        byte[] bestId = best == null ? null : utf8(best.id());
        int size = 1
                + (m.at() == null ? 0 : 8)
                + 8
                + 4
                + 4
                + id.length
                + 4
                + hash.length
                + (reference ? 0 : 4 + 4 * m.sig().length)
                + 1
                + (best == null ? 0 : 4 + bestId.length + 8 + 8);
        ByteBuffer b = ByteBuffer.allocate(size);
        if (reference) {
            b.put(REFERENCE).putLong(m.at());
        } else if (entries) {
            b.put(ENTRIES_WITH_SLOT).putLong(m.at());
        } else if (m.at() == null) {
            b.put(BINARY);
        } else {
            b.put(BINARY_WITH_SLOT).putLong(m.at());
        }
        b.putLong(m.order()).putInt(m.partition() == null ? NO_PARTITION : m.partition());
        b.putInt(id.length).put(id).putInt(hash.length).put(hash);
        if (!reference) {
            b.putInt(m.sig().length);
            for (int v : m.sig()) {
                b.putInt(v);
            }
        }
        b.put((byte) (best == null ? 0 : 1));
        if (best != null) {
            b.putInt(bestId.length).put(bestId).putLong(best.order()).putDouble(best.similarity());
        }
        return b.array();
    }

    @Override
    StoryMessage fromBinary(ByteBuffer b) {
        byte form = form(b, BINARY, BINARY_WITH_SLOT, ENTRIES_WITH_SLOT, REFERENCE);
        Long at = form == BINARY ? null : b.getLong();
        long order = b.getLong();
        int p = b.getInt();
        String id = string(b);
        String hash = string(b);
        int[] sig = null;
        if (form != REFERENCE) {
            int n = b.getInt();
            if (n < 0 || n > b.remaining() / 4) {
                throw new SerializationException("band member with a signature of " + n + " values");
            }
            sig = new int[n];
            for (int i = 0; i < n; i++) {
                sig[i] = b.getInt();
            }
        }
        List<StoryMessage.Candidate> best = null;
        if (b.get() == 1) {
            best = List.of(new StoryMessage.Candidate(string(b), b.getLong(), b.getDouble()));
        }
        StoryMessage.Kind kind = form == ENTRIES_WITH_SLOT ? StoryMessage.Kind.ENTRIES : StoryMessage.Kind.ENTRY;
        return new StoryMessage(kind, id, hash, order, null, p == NO_PARTITION ? null : p, sig, best, null, at);
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new SerializationException("band member string of " + n + " bytes");
        }
        String s = new String(bytes(b, n), StandardCharsets.UTF_8);
        return s;
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
