package io.khabar.enrich.stories;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The REPLY and CORRECTION messages on {@code story-by-article-repartition} in a compact binary form (since 2
 * December 2026; docs/stories.md, "statebin, 2026-12-02"), instead of about 160 bytes of JSON each that spelled out
 * every field name. Layout: the form ({@code 0x05} REPLY, {@code 0x06} CORRECTION), a byte of flags saying which of
 * band, partition, slot time, mask and candidate follow (and whether the candidate list is null), then id and version
 * ({@link BinaryOrJsonSerde#putText}: article ids and versions with their hex digits packed), order (zig-zag varlong),
 * band, partition, slot time, mask (zig-zag varlongs, where present), and the candidate: id, order and similarity (the
 * double's 8 bytes, so the story's similarity is the one computed). Other kinds, a reply with more than one candidate
 * (never sent since the bounds of "Cost per article") and any message with a string that UTF-8 would change are
 * written as JSON, and JSON messages written before this form are read.
 */
public final class StoryReplySerde extends BinaryOrJsonSerde<StoryMessage> {

    private static final byte REPLY = 0x05;
    private static final byte CORRECTION = 0x06;

    private static final int BAND = 1;
    private static final int PARTITION = 1 << 1;
    private static final int AT = 1 << 2;
    private static final int MASK = 1 << 3;
    private static final int CANDIDATE = 1 << 4;
    private static final int NO_CANDIDATES = 1 << 5;
    private static final int FLAGS = BAND | PARTITION | AT | MASK | CANDIDATE | NO_CANDIDATES;

    /** The serde of the story replies and corrections. */
    public StoryReplySerde() {
        super("story reply", StoryMessage.class);
    }

    @Override
    byte[] binary(StoryMessage m) {
        List<StoryMessage.Candidate> cs = m.candidates();
        StoryMessage.Candidate c = cs == null || cs.isEmpty() ? null : cs.get(0);
        if ((m.kind() != StoryMessage.Kind.REPLY && m.kind() != StoryMessage.Kind.CORRECTION)
                || m.sig() != null
                || m.article() != null
                || m.id() == null
                || m.hash() == null
                || (cs != null && cs.size() > 1)
                || (c != null && c.id() == null)
                || !utf8Safe(m.id())
                || !utf8Safe(m.hash())
                || (c != null && !utf8Safe(c.id()))) {
            return null;
        }
        int flags = (m.band() == null ? 0 : BAND)
                | (m.partition() == null ? 0 : PARTITION)
                | (m.at() == null ? 0 : AT)
                | (m.mask() == null ? 0 : MASK)
                | (c == null ? 0 : CANDIDATE)
                | (cs == null ? NO_CANDIDATES : 0);
        ByteBuffer b = ByteBuffer.allocate(
                2 + textBound(m.id()) + textBound(m.hash()) + 5 * 10 + (c == null ? 0 : textBound(c.id()) + 10 + 8));
        b.put(m.kind() == StoryMessage.Kind.REPLY ? REPLY : CORRECTION).put((byte) flags);
        putText(b, m.id());
        putText(b, m.hash());
        putVarlong(b, m.order());
        if (m.band() != null) {
            putVarlong(b, m.band());
        }
        if (m.partition() != null) {
            putVarlong(b, m.partition());
        }
        if (m.at() != null) {
            putVarlong(b, m.at());
        }
        if (m.mask() != null) {
            putVarlong(b, m.mask());
        }
        if (c != null) {
            putText(b, c.id());
            putVarlong(b, c.order());
            b.putDouble(c.similarity());
        }
        return written(b);
    }

    @Override
    StoryMessage fromBinary(ByteBuffer b) {
        byte form = form(b, REPLY, CORRECTION);
        int flags = b.get() & 0xFF;
        if ((flags & ~FLAGS) != 0 || (flags & (CANDIDATE | NO_CANDIDATES)) == (CANDIDATE | NO_CANDIDATES)) {
            throw new IllegalArgumentException("story reply flags " + flags);
        }
        String id = text(b);
        String hash = text(b);
        if (id == null || hash == null) {
            throw new IllegalArgumentException("story reply without its id or version");
        }
        long order = varlong(b);
        Integer band = (flags & BAND) == 0 ? null : int32(varlong(b));
        Integer partition = (flags & PARTITION) == 0 ? null : int32(varlong(b));
        Long at = (flags & AT) == 0 ? null : varlong(b);
        Long mask = (flags & MASK) == 0 ? null : varlong(b);
        List<StoryMessage.Candidate> candidates;
        if ((flags & CANDIDATE) != 0) {
            String cid = text(b);
            if (cid == null) {
                throw new IllegalArgumentException("story reply candidate without its id");
            }
            candidates = List.of(new StoryMessage.Candidate(cid, varlong(b), b.getDouble()));
        } else {
            candidates = (flags & NO_CANDIDATES) != 0 ? null : List.of();
        }
        StoryMessage.Kind kind = form == REPLY ? StoryMessage.Kind.REPLY : StoryMessage.Kind.CORRECTION;
        return new StoryMessage(kind, id, hash, order, band, partition, null, candidates, null, at, mask);
    }
}
