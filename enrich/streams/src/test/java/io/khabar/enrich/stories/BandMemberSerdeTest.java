package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.JsonSerde;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The band members' binary form: round trips, values written as JSON before it, and broken bytes. */
class BandMemberSerdeTest {

    private final BandMemberSerde serde = new BandMemberSerde();
    private static final int[] SIG = {1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 42};

    private static StoryMessage member(Integer partition, List<StoryMessage.Candidate> best) {
        return new StoryMessage(
                StoryMessage.Kind.ENTRY,
                "u-اردو-1",
                "0123456789abcdef",
                1_700_000_000_000L,
                null,
                partition,
                SIG,
                best,
                null);
    }

    private StoryMessage roundTrip(StoryMessage m) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", m));
    }

    private static void assertSame(StoryMessage actual, StoryMessage expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("sig").isEqualTo(expected);
        assertThat(Arrays.equals(actual.sig(), expected.sig())).isTrue();
    }

    @Test
    void shouldReadBackAMemberWithAndWithoutItsBestStoryAndPartition() {
        StoryMessage withBest = member(2, List.of(new StoryMessage.Candidate("c-early", 1_600_000_000_000L, 0.625)));
        StoryMessage alone = member(null, null);

        assertSame(roundTrip(withBest), withBest);
        assertSame(roundTrip(alone), alone);
        byte[] binary = serde.serializer().serialize("t", withBest);
        assertThat(binary.length)
                .as("smaller than its JSON")
                .isLessThan(JsonSerde.of(StoryMessage.class).toBytes(withBest).length);
    }

    @Test
    void shouldKeepTheSlotOfTheMembersStateAndReadMembersWrittenWithoutIt() {
        StoryMessage withSlot = new StoryMessage(
                StoryMessage.Kind.ENTRY, "u-1", "0123456789abcdef", 5L, null, 2, SIG, null, null, 1_764_000_000_123L);
        byte[] bytes = serde.serializer().serialize("t", withSlot);

        assertThat(bytes[0]).isEqualTo((byte) 2);
        assertSame(roundTrip(withSlot), withSlot);
        assertThat(roundTrip(withSlot).at()).isEqualTo(1_764_000_000_123L);
        StoryMessage old = member(1, null);
        assertThat(serde.serializer().serialize("t", old)[0]).isEqualTo((byte) 1);
        assertThat(roundTrip(old).at()).isNull();
    }

    @Test
    void shouldCarryAnArticlesEntriesForAllItsBandsInTheBinaryForm() {
        StoryMessage entries = new StoryMessage(
                StoryMessage.Kind.ENTRIES, "u-1", "0123456789abcdef", 5L, null, 2, SIG, null, null, 1_764_000_000_123L);
        byte[] bytes = serde.serializer().serialize("t", entries);

        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertSame(roundTrip(entries), entries);
        assertThat(roundTrip(entries).kind()).isEqualTo(StoryMessage.Kind.ENTRIES);
        StoryMessage reply =
                new StoryMessage(StoryMessage.Kind.REPLY, "u-1", "v", 5L, null, 2, null, List.of(), null, 7L, 0b1011L);
        assertThat(roundTrip(reply).mask()).as("a reply with its mask, as JSON").isEqualTo(0b1011L);
    }

    @Test
    void shouldWriteAMemberWithoutItsSignatureAsAReferenceAndStillReadTheOldFormsWithTheirSignature() {
        StoryMessage reference = new StoryMessage(
                StoryMessage.Kind.ENTRY,
                "u-اردو-1",
                "0123456789abcdef",
                5L,
                null,
                2,
                null,
                List.of(new StoryMessage.Candidate("c-early", 4L, 0.625)),
                null,
                1_764_000_000_123L);
        byte[] bytes = serde.serializer().serialize("t", reference);

        assertThat(bytes[0]).as("the reference form").isEqualTo((byte) 4);
        StoryMessage back = roundTrip(reference);
        assertThat(back).usingRecursiveComparison().isEqualTo(reference);
        assertThat(back.sig()).isNull();
        StoryMessage inline = new StoryMessage(
                StoryMessage.Kind.ENTRY,
                reference.id(),
                reference.hash(),
                5L,
                null,
                2,
                SIG,
                reference.candidates(),
                null,
                reference.at());
        byte[] old = serde.serializer().serialize("t", inline);
        assertThat(old.length - bytes.length)
                .as("the signature's count and values are what the reference leaves out")
                .isEqualTo(4 + 4 * SIG.length);
        // members written before the reference form: binary with the slot, binary without it, JSON
        assertSame(serde.deserializer().deserialize("t", old), inline);
        assertThat(serde.deserializer()
                        .deserialize("t", serde.serializer().serialize("t", member(1, null)))
                        .sig())
                .containsExactly(SIG);
        assertThat(serde.deserializer()
                        .deserialize("t", JsonSerde.of(StoryMessage.class).toBytes(inline))
                        .sig())
                .containsExactly(SIG);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldKeepAnIdThatUtf8WouldChange() {
        // an id from outside may hold an unpaired surrogate: in UTF-8 it would come back as '?', another id, and the
        // band repartition would send the article's replies to that id (it then never leaves the story stage)
        StoryMessage lone = new StoryMessage(
                StoryMessage.Kind.ENTRY, "id-\uD800-x", "0123456789abcdef", 5L, null, 0, SIG, null, null);
        StoryMessage paired = new StoryMessage(
                StoryMessage.Kind.ENTRY, "id-\uD83D\uDE00", "0123456789abcdef", 5L, null, 0, SIG, null, null);
        StoryMessage bestLone = member(1, List.of(new StoryMessage.Candidate("c-\uDC00", 4L, 0.5)));

        assertThat(roundTrip(lone).id()).isEqualTo(lone.id());
        assertThat(roundTrip(paired).id()).isEqualTo(paired.id());
        assertThat(serde.serializer().serialize("t", paired)[0])
                .as("still binary")
                .isEqualTo((byte) 1);
        assertThat(roundTrip(bestLone).candidates().get(0).id()).isEqualTo("c-\uDC00");
    }

    @Test
    void shouldReadMembersWrittenAsJsonBeforeTheBinaryForm() {
        StoryMessage m = member(1, null);
        byte[] json = JsonSerde.of(StoryMessage.class).toBytes(m);
        assertSame(serde.deserializer().deserialize("t", json), m);
    }

    @Test
    void shouldRefuseTruncatedBytesWithASerializationException() {
        byte[] binary = serde.serializer().serialize("t", member(1, null));
        byte[] cut = Arrays.copyOf(binary, binary.length - 7);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 9}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("band member of unknown form (first byte 9)");
        StoryMessage.Candidate best = new StoryMessage.Candidate("c-early", 4L, 0.625);
        for (StoryMessage m : List.of(
                member(1, List.of(best)),
                new StoryMessage(StoryMessage.Kind.ENTRY, "u-1", "v", 5L, null, 2, null, List.of(best), null, 9L),
                new StoryMessage(StoryMessage.Kind.ENTRIES, "u-1", "v", 5L, null, 2, SIG, null, null, 9L))) {
            BinaryOrJsonSerdeTest.assertEveryCutIsRefused(
                    serde, serde.serializer().serialize("t", m), "band member");
        }
    }
}
