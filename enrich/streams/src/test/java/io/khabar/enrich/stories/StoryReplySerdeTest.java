package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.JsonSerde;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The story replies' and corrections' binary form: round trips, the JSON written before it, and broken bytes. */
class StoryReplySerdeTest {

    private final StoryReplySerde serde = new StoryReplySerde();
    private static final JsonSerde<StoryMessage> JSON = JsonSerde.of(StoryMessage.class);
    private static final String ID = "u-0123456789abcdef0123456789abcdef";
    private static final StoryMessage.Candidate EARLY =
            new StoryMessage.Candidate("c-fedcba9876543210fedcba9876543210", 1_600_000_000_000L, 0.4166666666666667);

    /** A reply as a band partition sends it: mask, slot, partition, the earliest similar member. */
    static StoryMessage reply(List<StoryMessage.Candidate> candidates) {
        return new StoryMessage(
                StoryMessage.Kind.REPLY,
                ID,
                "0123456789abcdef",
                1_700_000_000_000L,
                null,
                2,
                null,
                candidates,
                null,
                1_764_000_000_123L,
                0xFF_FFFFL);
    }

    private StoryMessage roundTrip(StoryMessage m) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", m));
    }

    @Test
    void shouldReadBackRepliesAndCorrectionsInTheBinaryForm() {
        StoryMessage oneBand = new StoryMessage(
                StoryMessage.Kind.REPLY, "id-اردو", "v", -5L, 23, null, null, List.of(), null, null, null);
        StoryMessage correction = new StoryMessage(
                StoryMessage.Kind.CORRECTION, ID, "0123456789abcdef", 9L, null, 0, null, List.of(EARLY), null, 3L);
        StoryMessage noList = new StoryMessage(
                StoryMessage.Kind.REPLY, ID, "", Long.MIN_VALUE, 0, Integer.MAX_VALUE, null, null, null, 0L, -1L);
        for (StoryMessage m : List.of(reply(List.of(EARLY)), reply(List.of()), oneBand, correction, noList)) {
            byte[] bytes = serde.serializer().serialize("t", m);
            assertThat(bytes[0]).as("binary: " + m).isEqualTo(m.kind() == StoryMessage.Kind.REPLY ? (byte) 5 : 6);
            assertThat(serde.deserializer().deserialize("t", bytes))
                    .usingRecursiveComparison()
                    .isEqualTo(m);
        }
        assertThat(roundTrip(reply(List.of(EARLY))).candidates().get(0).similarity())
                .as("the similarity to the bit")
                .isEqualTo(0.4166666666666667);
        assertThat(roundTrip(noList).candidates()).isNull();
        assertThat(roundTrip(reply(List.of())).candidates()).isEmpty();
    }

    @Test
    void shouldBeAFractionOfTheJson() {
        StoryMessage withCandidate = reply(List.of(EARLY));
        byte[] binary = serde.serializer().serialize("t", withCandidate);
        byte[] json = JSON.toBytes(withCandidate);
        // form, flags; id 1 + 2 + 1 + 16 and version 1 + 0 + 1 + 8 (hex digits packed); order 6, partition 1,
        // slot 6, mask 4; candidate id 20, order 6, similarity 8
        assertThat(binary).hasSize(2 + 20 + 10 + 6 + 1 + 6 + 4 + 20 + 6 + 8);
        assertThat(json.length).isGreaterThan(3 * binary.length);
        assertThat(serde.serializer().serialize("t", reply(List.of()))).hasSize(2 + 20 + 10 + 6 + 1 + 6 + 4);
    }

    @Test
    void shouldReadTheJsonThatThePreviousVersionsWrote() {
        for (StoryMessage m : List.of(
                reply(List.of(EARLY)),
                new StoryMessage(StoryMessage.Kind.REPLY, ID, "v", 5L, 3, null, null, List.of(EARLY), null),
                new StoryMessage(StoryMessage.Kind.CORRECTION, ID, "v", 5L, null, 1, null, List.of(EARLY), null))) {
            assertThat(serde.deserializer().deserialize("t", JSON.toBytes(m)))
                    .usingRecursiveComparison()
                    .isEqualTo(m);
        }
        String older = "{\"kind\":\"REPLY\",\"id\":\"x\",\"hash\":\"v\",\"order\":1,\"band\":4,"
                + "\"candidates\":[{\"id\":\"y\",\"order\":0,\"similarity\":0.5}]}";
        StoryMessage m = serde.deserializer().deserialize("t", older.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(m.band()).isEqualTo(4);
        assertThat(m.candidates()).containsExactly(new StoryMessage.Candidate("y", 0L, 0.5));
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void shouldWriteWhatTheFormCannotCarryAsJson() {
        StoryMessage twoCandidates = reply(List.of(EARLY, new StoryMessage.Candidate("x", 1L, 0.5)));
        StoryMessage entries =
                new StoryMessage(StoryMessage.Kind.ENTRIES, ID, "v", 5L, null, 0, new int[] {1, 2}, null, null, 7L);
        for (StoryMessage m : List.of(twoCandidates, entries)) {
            byte[] bytes = serde.serializer().serialize("t", m);
            assertThat(bytes[0]).as(m.kind() + " as JSON").isEqualTo((byte) '{');
            assertThat(serde.deserializer().deserialize("t", bytes).candidates())
                    .isEqualTo(m.candidates());
        }
    }

    @Test
    void shouldKeepAnIdThatUtf8WouldChange() {
        // as BandMemberSerdeTest: an unpaired surrogate would come back as '?', a reply for another article
        StoryMessage lone = new StoryMessage(
                StoryMessage.Kind.REPLY, "id-\uD800-x", "v", 5L, null, 0, null, List.of(), null, 1L, 1L);
        StoryMessage loneCandidate = reply(List.of(new StoryMessage.Candidate("c-\uDC00", 4L, 0.5)));
        StoryMessage paired = new StoryMessage(
                StoryMessage.Kind.REPLY, "id-\uD83D\uDE00", "v", 5L, null, 0, null, List.of(), null, 1L, 1L);

        assertThat(serde.serializer().serialize("t", lone)[0]).isEqualTo((byte) '{');
        assertThat(roundTrip(lone).id()).isEqualTo(lone.id());
        assertThat(serde.serializer().serialize("t", loneCandidate)[0]).isEqualTo((byte) '{');
        assertThat(roundTrip(loneCandidate).candidates().get(0).id()).isEqualTo("c-\uDC00");
        assertThat(serde.serializer().serialize("t", paired)[0])
                .as("still binary")
                .isEqualTo((byte) 5);
        assertThat(roundTrip(paired).id()).isEqualTo(paired.id());
    }

    @Test
    void shouldRefuseCutOffAndBrokenBytesSayingWhatTheyWereToBe() {
        byte[] good = serde.serializer().serialize("t", reply(List.of(EARLY)));
        BinaryOrJsonSerdeTest.assertEveryCutIsRefused(serde, good, "story reply");
        BinaryOrJsonSerdeTest.assertEveryCutIsRefused(
                serde, serde.serializer().serialize("t", reply(null)), "story reply");
        byte[] otherForm = good.clone();
        otherForm[0] = 0x04; // a band member's
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", otherForm))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("story reply of unknown form (first byte 4)");
        byte[] flags = good.clone();
        flags[1] = (byte) 0x80;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", flags))
                .isInstanceOf(SerializationException.class);
    }
}
