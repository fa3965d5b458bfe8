package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * The band repartition with one ENTRIES record per article and band partition: {@link
 * StoryProcessors.ByBandPartition} sends the record to each partition that holds one of its band buckets, and each
 * partition's {@link StoryProcessors.Band} handles exactly the bands it holds. Three band partitions are simulated
 * with one processor and one band store each (TopologyTestDriver's topics have one partition, where every band is
 * the partition's own); the reference is the older protocol, one ENTRY per band keyed by band key.
 */
class BandPartitionTest {

    private static final StorySettings SETTINGS = StorySettings.on();
    private static final MinHash MIN_HASH = SETTINGS.minHash();
    private static final int ROWS = SETTINGS.rows();
    private static final int BANDS = SETTINGS.bands();
    private static final String TOPIC = "khabar-enrich-story-by-band-repartition";

    /** A text of {@code n} words; {@code edit} words (from the start) replaced, so copies differ a little. */
    private static int[] signature(int n, int edit, String tag) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i < edit ? tag + i : "word" + (i * 7919 % 1009)).append(' ');
        }
        return MIN_HASH.signature("", b.toString());
    }

    private static StoryMessage entries(String id, long order, int[] sig) {
        return new StoryMessage(
                StoryMessage.Kind.ENTRIES, id, "v-" + id, order, null, 1, sig, null, null, 1_000L + order);
    }

    /** Band partitions: a processor and its band store each, as Kafka Streams would give three tasks. */
    private static final class BandPartitions {
        final List<MockProcessorContext<String, StoryMessage>> contexts = new ArrayList<>();
        final List<StoryProcessors.Band> processors = new ArrayList<>();
        long offset;

        BandPartitions(int n) {
            for (int p = 0; p < n; p++) {
                MockProcessorContext<String, StoryMessage> c = new MockProcessorContext<>();
                WindowStore<String, StoryMessage> store = Stores.windowStoreBuilder(
                                Stores.inMemoryWindowStore(
                                        StoryTopology.BAND_STORE, Duration.ofDays(7), Duration.ofMillis(1), true),
                                Serdes.String(),
                                new BandMemberSerde())
                        .withLoggingDisabled()
                        .withCachingDisabled()
                        .build();
                store.init(c.getStateStoreContext(), store);
                c.addStateStore(store);
                StoryProcessors.Band band = new StoryProcessors.Band(
                        StoryTopology.BAND_STORE,
                        SETTINGS.threshold(),
                        SETTINGS.maxBucket(),
                        SETTINGS.maxCorrections(),
                        ROWS);
                band.init(c);
                contexts.add(c);
                processors.add(band);
            }
        }

        /** Routes the record as the sink would (partitioner, then a copy to each partition); returns the replies. */
        Map<Integer, StoryMessage> send(StoryMessage m) {
            RecordHeaders headers = new RecordHeaders();
            Optional<Set<Integer>> to =
                    new StoryProcessors.ByBandPartition(ROWS).partitions(TOPIC, m.id(), m, headers, contexts.size());
            Map<Integer, StoryMessage> replies = new TreeMap<>();
            for (int p : to.orElseThrow()) {
                replies.put(p, deliver(p, new Record<>(m.id(), m, 0L, new RecordHeaders(headers.toArray()))));
            }
            return replies;
        }

        /** Processes one record on partition {@code p}; returns its REPLY. */
        StoryMessage deliver(int p, Record<String, StoryMessage> record) {
            MockProcessorContext<String, StoryMessage> c = contexts.get(p);
            c.resetForwards();
            c.setRecordMetadata(TOPIC, p, offset);
            c.setCurrentSystemTimeMs(1_764_000_000_000L + offset++);
            processors.get(p).process(record);
            List<StoryMessage> replies = new ArrayList<>();
            c.forwarded().forEach(f -> {
                if (f.record().value().kind() == StoryMessage.Kind.REPLY) {
                    replies.add(f.record().value());
                }
            });
            assertThat(replies).as("replies on partition " + p).hasSize(1);
            return replies.get(0);
        }
    }

    @Test
    void shouldSendTheRecordOnceToEachPartitionThatHoldsOneOfItsBandsWhereTheDefaultPartitionerPutTheBandKey() {
        int[] sig = signature(300, 0, "x");
        RecordHeaders headers = new RecordHeaders();
        StoryProcessors.ByBandPartition partitioner = new StoryProcessors.ByBandPartition(ROWS);
        for (int n : new int[] {1, 3, 7, 48}) {
            Set<Integer> expected = new java.util.TreeSet<>();
            for (String key : MIN_HASH.bandKeys(sig)) {
                // where the producer's default partitioner put an ENTRY keyed by this band key (before ENTRIES)
                expected.add(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), n));
            }
            assertThat(partitioner.partitions(TOPIC, "id", entries("id", 1L, sig), headers, n))
                    .as("partitions of " + n)
                    .contains(expected);
            assertThat(StoryProcessors.ByBandPartition.partitionCount(headers)).isEqualTo(n);
            assertThat(headers.headers(StoryProcessors.ByBandPartition.PARTITIONS_HEADER))
                    .hasSize(1);
        }
        assertThat(partitioner
                        .partitions(TOPIC, "id", entries("id", 1L, sig), headers, 3)
                        .orElseThrow())
                .as("24 bands over 3 partitions: a record for each, not one per band")
                .hasSize(3);
    }

    @Test
    void shouldAnswerEveryBandInExactlyOnePartitionWithTheCandidatesOfOneRecordPerBand() {
        // copies of one text (a few words edited each), another text, and a copy that is the earliest of all
        List<StoryMessage> articles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            articles.add(entries("copy-" + i, 100L + i, signature(300, 2 * i, "e" + i)));
        }
        articles.add(entries("other", 50L, signature(300, 300, "o")));
        articles.add(entries("first", 10L, signature(300, 3, "f")));

        BandPartitions batched = new BandPartitions(3);
        BandPartitions legacy = new BandPartitions(1); // the older protocol: one ENTRY per band keyed by band key
        for (StoryMessage a : articles) {
            Map<Integer, StoryMessage> replies = batched.send(a);
            long all = 0L;
            StoryMessage.Candidate best = null;
            for (StoryMessage r : replies.values()) {
                assertThat(r.mask())
                        .as("bands answered by one partition")
                        .isNotNull()
                        .isNotZero();
                assertThat(all & r.mask())
                        .as("a band answered twice for " + a.id())
                        .isZero();
                all |= r.mask();
                best = earliest(best, r.candidates());
            }
            assertThat(all).as("every band of " + a.id() + " answered").isEqualTo((1L << BANDS) - 1);

            StoryMessage.Candidate oneByOne = null;
            List<String> keys = MIN_HASH.bandKeys(a.sig());
            for (int b = 0; b < keys.size(); b++) {
                StoryMessage entry = new StoryMessage(
                        StoryMessage.Kind.ENTRY, a.id(), a.hash(), a.order(), null, 1, a.sig(), null, null, a.at());
                StoryMessage r = legacy.deliver(0, new Record<>(keys.get(b), entry, 0L));
                assertThat(r.band()).isEqualTo(b);
                assertThat(r.mask()).isNull();
                oneByOne = earliest(oneByOne, r.candidates());
            }
            assertThat(best).as("story candidate of " + a.id()).isEqualTo(oneByOne);
        }
        // the copies found copies: the grouping is exercised, not only empty buckets
        assertThat(earliest(
                        null,
                        batched.send(entries("copy-9", 200L, signature(300, 1, "n"))).values().stream()
                                .flatMap(r -> r.candidates().stream())
                                .toList()))
                .extracting(StoryMessage.Candidate::id)
                .isEqualTo("first");
    }

    @Test
    void shouldKeepTheSignatureOncePerArticleAndFindTheSameCandidatesAmongOldMembersThatHoldIt() {
        // copies of one text and an unrelated one, then a copy earlier than all of them (it corrects the others)
        List<StoryMessage> articles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            articles.add(entries("copy-" + i, 100L + i, signature(300, 2 * i, "e" + i)));
        }
        articles.add(entries("other", 50L, signature(300, 300, "o")));
        articles.add(entries("first", 10L, signature(300, 3, "f")));

        BandPartitions references = new BandPartitions(1);
        // a store that holds members of the older form (the signature in each, as the one-band ENTRY still writes
        // them and as a changelog restored after the upgrade has them) and then references
        BandPartitions mixed = new BandPartitions(1);
        for (int i = 0; i < articles.size(); i++) {
            StoryMessage a = articles.get(i);
            StoryMessage r = references.send(a).get(0);
            List<String> corrected = corrections(references.contexts.get(0));
            StoryMessage.Candidate best;
            List<String> mixedCorrected = new ArrayList<>();
            if (i < 3) {
                best = null;
                List<String> keys = MIN_HASH.bandKeys(a.sig());
                for (int b = 0; b < keys.size(); b++) {
                    StoryMessage entry = new StoryMessage(
                            StoryMessage.Kind.ENTRY, a.id(), a.hash(), a.order(), null, 1, a.sig(), null, null, a.at());
                    best = earliest(
                            best,
                            mixed.deliver(0, new Record<>(keys.get(b), entry, 0L))
                                    .candidates());
                    mixedCorrected.addAll(corrections(mixed.contexts.get(0)));
                }
            } else {
                best = earliest(null, mixed.send(a).get(0).candidates());
                mixedCorrected.addAll(corrections(mixed.contexts.get(0)));
            }
            assertThat(best).as("story candidate of " + a.id()).isEqualTo(earliest(null, r.candidates()));
            assertThat(mixedCorrected).as("corrections for " + a.id()).containsExactlyInAnyOrderElementsOf(corrected);
            if (a.id().equals("first")) {
                assertThat(corrected)
                        .as("the earliest copy corrects the later ones")
                        .isNotEmpty();
            }
        }
        assertThat(earliest(
                        null,
                        references
                                .send(entries("copy-9", 200L, signature(300, 1, "n")))
                                .get(0)
                                .candidates()))
                .extracting(StoryMessage.Candidate::id)
                .isEqualTo("first");

        WindowStore<String, StoryMessage> store = references.contexts.get(0).getStateStore(StoryTopology.BAND_STORE);
        String bandKey = MIN_HASH.bandKeys(articles.get(0).sig()).get(0);
        int members = 0;
        try (var it = store.fetch(bandKey, 0L, Long.MAX_VALUE)) {
            while (it.hasNext()) {
                StoryMessage m = it.next().value;
                members++;
                assertThat(m.sig())
                        .as("a bucket member is a reference: " + m.id())
                        .isNull();
                assertThat(m.hash()).isEqualTo("v-" + m.id());
            }
        }
        assertThat(members).as("copies in the first band's bucket").isGreaterThan(1);
        int signatures = 0;
        try (var it = store.fetch(StoryProcessors.Band.sigKey("copy-0", "v-copy-0"), 0L, Long.MAX_VALUE)) {
            while (it.hasNext()) {
                assertThat(it.next().value.sig())
                        .containsExactly(articles.get(0).sig());
                signatures++;
            }
        }
        assertThat(signatures)
                .as("the signature once for the partition's 24 bands")
                .isEqualTo(1);
    }

    /** The ids the last record on that partition sent a CORRECTION to. */
    private static List<String> corrections(MockProcessorContext<String, StoryMessage> c) {
        List<String> ids = new ArrayList<>();
        c.forwarded().forEach(f -> {
            if (f.record().value().kind() == StoryMessage.Kind.CORRECTION) {
                ids.add(f.record().value().id() + "<-"
                        + f.record().value().candidates().get(0).id());
            }
        });
        return ids;
    }

    @Test
    void shouldStopOnARecordWithoutTheCountOrOnAPartitionThatHoldsNoneOfItsBands() {
        StoryMessage m = entries("id", 1L, signature(300, 0, "x"));
        BandPartitions three = new BandPartitions(3);
        assertThatThrownBy(() -> three.deliver(0, new Record<>("id", m, 0L)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(StoryProcessors.ByBandPartition.PARTITIONS_HEADER);

        // a record routed for 2 partitions read on a topic of 3: partition 2 holds none of its bands
        RecordHeaders headers = new RecordHeaders();
        Set<Integer> to = new StoryProcessors.ByBandPartition(ROWS)
                .partitions(TOPIC, "id", m, headers, 2)
                .orElseThrow();
        assertThat(to).doesNotContain(2);
        assertThatThrownBy(() -> three.deliver(2, new Record<>("id", m, 0L, headers)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition count changed");
    }

    /**
     * A task whose buckets were laid out for 3 partitions refuses a record routed for 4 (partitions added to the band
     * repartition), also after a restart (the count is kept in the band store), instead of missing its buckets.
     */
    @Test
    void shouldStopWhenTheBucketsWereLaidOutForAnotherPartitionCount() {
        BandPartitions three = new BandPartitions(3);
        StoryMessage m = entries("id", 1L, signature(300, 0, "x"));
        three.send(m);
        RecordHeaders four = new RecordHeaders();
        four.add(StoryProcessors.ByBandPartition.PARTITIONS_HEADER, "4".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> three.deliver(0, new Record<>("id", m, 0L, four)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition count changed");

        // a new processor on the same store (a restart, or the task moved with its restored store)
        StoryProcessors.Band restarted = new StoryProcessors.Band(
                StoryTopology.BAND_STORE, SETTINGS.threshold(), SETTINGS.maxBucket(), SETTINGS.maxCorrections(), ROWS);
        restarted.init(three.contexts.get(0));
        three.processors.set(0, restarted);
        assertThatThrownBy(() -> three.deliver(0, new Record<>("id", m, 0L, four)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("laid out for 3 partitions");
        three.send(entries("id-2", 2L, signature(300, 0, "y"))); // routed for 3: still handled
    }

    @Test
    void shouldRefuseARecordThatIsNotEntries() {
        StoryMessage entry = new StoryMessage(
                StoryMessage.Kind.ENTRY, "id", "v", 1L, null, 1, signature(300, 0, "x"), null, null, 5L);
        assertThatThrownBy(() -> new StoryProcessors.ByBandPartition(ROWS)
                        .partitions(TOPIC, "id", entry, new RecordHeaders(), 3))
                .isInstanceOf(IllegalStateException.class);
    }

    private static StoryMessage.Candidate earliest(StoryMessage.Candidate best, List<StoryMessage.Candidate> cs) {
        for (StoryMessage.Candidate c : cs == null ? List.<StoryMessage.Candidate>of() : cs) {
            if (best == null || StoryMessage.before(c.order(), c.id(), best.order(), best.id())) {
                best = c;
            }
        }
        return best;
    }
}
