package io.khabar.enrich.stories;

import java.nio.ByteBuffer;

/**
 * The {@link StoryState} values of {@link StoryTopology#STATE_STORE} (and so its changelog) in a compact binary form
 * (since 2 December 2026; docs/stories.md, "statebin, 2026-12-02"): the state is written when an article arrives and
 * again on each reply that changes it, and read on each reply, so about 180 bytes of JSON were written and parsed
 * several times per article. Layout: {@code 0x07}, a byte of flags (emitted; similarity exactly 1.0, then not
 * written), slot time, version ({@link BinaryOrJsonSerde#putText}), order, bands expected, the reply mask (zig-zag
 * varlongs), story id, the story's order as its difference to the article's (0 when the article is its own story),
 * and the similarity (the double's 8 bytes). A state with a string that UTF-8 would change is written as JSON, and
 * states written as JSON before this form (a changelog restored after the upgrade) are read.
 */
final class StoryStateSerde extends BinaryOrJsonSerde<StoryState> {

    private static final byte STATE = 0x07;

    private static final int EMITTED = 1;
    private static final int OWN_SIMILARITY = 1 << 1;
    private static final int FLAGS = EMITTED | OWN_SIMILARITY;
    private static final long ONE = Double.doubleToRawLongBits(1.0);

    StoryStateSerde() {
        super("story state", StoryState.class);
    }

    @Override
    byte[] binary(StoryState s) {
        if (s.hash() == null || s.storyId() == null || !utf8Safe(s.hash()) || !utf8Safe(s.storyId())) {
            return null;
        }
        boolean one = Double.doubleToRawLongBits(s.similarity()) == ONE;
        ByteBuffer b = ByteBuffer.allocate(2 + textBound(s.hash()) + textBound(s.storyId()) + 5 * 10 + 8);
        b.put(STATE).put((byte) ((s.emitted() ? EMITTED : 0) | (one ? OWN_SIMILARITY : 0)));
        putVarlong(b, s.at());
        putText(b, s.hash());
        putVarlong(b, s.order());
        putVarlong(b, s.expected());
        putVarlong(b, s.replied());
        putText(b, s.storyId());
        putVarlong(b, s.storyOrder() - s.order()); // wraps around and back: exact for any two longs
        if (!one) {
            b.putDouble(s.similarity());
        }
        return written(b);
    }

    @Override
    StoryState fromBinary(ByteBuffer b) {
        form(b, STATE);
        int flags = b.get() & 0xFF;
        if ((flags & ~FLAGS) != 0) {
            throw new IllegalArgumentException("story state flags " + flags);
        }
        long at = varlong(b);
        String hash = text(b);
        long order = varlong(b);
        int expected = int32(varlong(b));
        long replied = varlong(b);
        String storyId = text(b);
        long storyOrder = order + varlong(b);
        double similarity = (flags & OWN_SIMILARITY) != 0 ? 1.0 : b.getDouble();
        if (hash == null || storyId == null) {
            throw new IllegalArgumentException("story state without its version or story");
        }
        return new StoryState(
                at, hash, order, expected, replied, storyId, storyOrder, similarity, (flags & EMITTED) != 0);
    }
}
