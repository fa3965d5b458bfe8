package io.khabar.enrich.stories;

import io.khabar.model.ArticleEntity;
import io.khabar.model.EnrichedArticle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The processors of {@link StoryTopology}. */
final class StoryProcessors {

    /**
     * Articles longer than this (title + body, chars) are their own story and skip the band lookup: the state store
     * keeps each waiting article, and its changelog records must stay well under the 8 MiB message limit.
     */
    static final int MAX_STORY_CHARS = 256 * 1024;

    /** Header on an enriched record re-emitted because a correction changed its story (trends skip it). */
    static final String CORRECTION_HEADER = "khabar.story.correction";

    /**
     * Internal header from {@link Stamp} to {@link Sign}: the enriched record's own timestamp (event time), which
     * the article gets back when it leaves the story stage. Never on an output record.
     */
    static final String EVENT_TIME_HEADER = "khabar.story.event-time";

    private StoryProcessors() {}

    /** Event time of an article: publication time, else fetch time, else enrich time, else 0. */
    static long eventTime(EnrichedArticle a) {
        Instant t = a.article() != null && a.article().publishedAt() != null
                ? a.article().publishedAt()
                : a.article() != null && a.article().fetchedAt() != null
                        ? a.article().fetchedAt()
                        : a.enrichedAt();
        return t == null ? 0L : t.toEpochMilli();
    }

    /**
     * Step 0, by article id: gives the record the wall-clock time as its timestamp and keeps its own timestamp (the
     * article's event time) in {@link #EVENT_TIME_HEADER}.
     *
     * <p>Why: every store write is logged to the store's changelog with the timestamp of the record being processed.
     * The story stores are window stores (their own timestamps are wall-clock), so their changelogs have
     * {@code cleanup.policy=compact,delete} with {@code retention.ms} = store retention + 1 day. Logged at the
     * article's event time, an article published more than 8 days ago (any backfill; the test articles are a month
     * old) made the broker roll and delete those changelog segments within minutes, and after a failover the
     * restored {@code story-state} lacked the waiting article: its band replies were dropped and it never reached
     * the enriched topic. Stamped here, the records, and so the changelog entries, of the whole story stage carry
     * wall-clock times; the event time comes back on the way out.
     */
    static final class Stamp implements Processor<String, EnrichedArticle, String, EnrichedArticle> {
        private ProcessorContext<String, EnrichedArticle> context;

        @Override
        public void init(ProcessorContext<String, EnrichedArticle> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, EnrichedArticle> record) {
            RecordHeaders h = new RecordHeaders(record.headers().toArray());
            h.remove(EVENT_TIME_HEADER);
            h.add(EVENT_TIME_HEADER, String.valueOf(record.timestamp()).getBytes(StandardCharsets.UTF_8));
            context.forward(record.withTimestamp(context.currentSystemTimeMs()).withHeaders(h));
        }
    }

    /** The event time {@link Stamp} kept, else the record's timestamp. */
    static long stampedEventTime(Record<?, ?> record) {
        Header h = record.headers().lastHeader(EVENT_TIME_HEADER);
        return h == null ? record.timestamp() : Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The record's headers without {@link #EVENT_TIME_HEADER}. */
    static RecordHeaders outputHeaders(Record<?, ?> record) {
        RecordHeaders h = new RecordHeaders(record.headers().toArray());
        h.remove(EVENT_TIME_HEADER);
        return h;
    }

    /**
     * Step 1, by article id (after enrichment): signs the article, writes it once to the article store and a small
     * "waiting for every band" state to the state store, and sends one ENTRIES record (keyed by article id, carrying
     * the signature) that the band repartition's partitioner delivers to every partition holding one of its band
     * buckets. Too short to sign: finished at once (DONE).
     */
    static final class Sign implements Processor<String, EnrichedArticle, String, StoryMessage> {
        private final MinHash minHash;
        private final String stateStore;
        private final String articleStore;
        private ProcessorContext<String, StoryMessage> context;
        private WindowStore<String, StoryState> states;
        private WindowStore<String, StoryArticle> articles;
        private final WaitingArticles shared;
        private Map<WaitingArticles.Slot, StoryArticle> waiting;

        Sign(MinHash minHash, String stateStore, String articleStore) {
            this(minHash, stateStore, articleStore, new WaitingArticles());
        }

        Sign(MinHash minHash, String stateStore, String articleStore, WaitingArticles waiting) {
            this.minHash = minHash;
            this.stateStore = stateStore;
            this.articleStore = articleStore;
            this.shared = waiting;
        }

        @Override
        public void init(ProcessorContext<String, StoryMessage> context) {
            this.context = context;
            this.states = context.getStateStore(stateStore);
            this.articles = context.getStateStore(articleStore);
            this.waiting = shared.of(context.taskId());
        }

        @Override
        public void close() {
            if (waiting != null) { // never initialised: nothing to drop
                shared.close(context.taskId(), waiting);
            }
        }

        @Override
        public void process(Record<String, EnrichedArticle> record) {
            EnrichedArticle a = record.value();
            long chars = (a.title() == null ? 0 : a.title().length())
                    + (long) (a.body() == null ? 0 : a.body().length());
            int[] sig = chars > MAX_STORY_CHARS ? null : minHash.signature(a.title(), a.body());
            long timestamp = stampedEventTime(record);
            String version = StoryMessage.version(a.contentHash());
            long order = eventTime(a);
            if (sig == null) {
                context.forward(new Record<>(
                        record.key(),
                        new StoryMessage(
                                StoryMessage.Kind.DONE,
                                a.id(),
                                version,
                                order,
                                null,
                                null,
                                null,
                                null,
                                a.withStory(a.id(), 1.0)),
                        timestamp,
                        outputHeaders(record)));
                return;
            }
            StoryState previous = latest(states, a.id());
            // a new version of an id takes the slot (window start) of the first, so it replaces the old one
            long at = previous != null ? previous.at() : context.currentSystemTimeMs();
            StoryArticle stored = new StoryArticle(version, timestamp, headers(record), a);
            articles.put(a.id(), stored, at);
            waiting.put(new WaitingArticles.Slot(a.id(), at), stored);
            states.put(a.id(), StoryState.waiting(at, a.id(), version, order, minHash.bands()), at);
            Integer partition = context.recordMetadata()
                    .map(org.apache.kafka.streams.processor.api.RecordMetadata::partition)
                    .orElse(null);
            // one record for all the bands: the band repartition's partitioner sends it to each partition that
            // holds one of its band buckets (ByBandPartition), instead of one record per band
            context.forward(new Record<>(
                    a.id(),
                    new StoryMessage(
                            StoryMessage.Kind.ENTRIES, a.id(), version, order, null, partition, sig, null, null, at),
                    record.timestamp()));
        }
    }

    /**
     * Step 2, by band partition: for each band of a new article whose bucket this partition holds (the bands whose
     * keys {@link ByBandPartition} maps here), compares the article with the members of the bucket, tells the
     * similar members that are later than the new article (they could not have seen it) and that it can move to an
     * earlier story, and adds it; then one REPLY for those bands with the earliest similar member.
     *
     * <p>The work per article is bounded whatever the bucket's size (docs/stories.md, "Cost per article"): one
     * REPLY per band with at most one candidate (the story is the earliest candidate, so the others cannot change
     * it); a pair of articles is handled only in the lowest band they share (in the others both skip it), so a
     * near-copy is compared, replied to and corrected once, not once per band; a member is corrected only when the
     * new article is earlier than the best story the member had found in this bucket (its story can only be that
     * or earlier), and at most {@code maxCorrections} members per band (the earliest) are.
     */
    static final class Band implements Processor<String, StoryMessage, String, StoryMessage> {
        /**
         * Band store key of the partition count the task's buckets are laid out for (its {@code order}); never a band
         * key, which starts with {@code b}.
         */
        static final String LAYOUT_KEY = "#partitions";

        private static final long LAYOUT_REFRESH_MS =
                java.time.Duration.ofDays(1).toMillis();

        private final String bandStore;
        private final double threshold;
        private final int maxBucket;
        private final int maxCorrections;
        private final int rows;
        private ProcessorContext<String, StoryMessage> context;
        private WindowStore<String, StoryMessage> members;
        /** The partition count this task's buckets are known to be laid out for (0: not checked yet). */
        private int layout;
        /** When {@link #LAYOUT_KEY} was last written (wall clock); written again a day later, so it never expires. */
        private long layoutWrittenAt;
        /** Signatures of the referenced members read for the current record, by {@link #sigKey}. */
        private final java.util.Map<String, int[]> sigs = new java.util.HashMap<>();
        /** Members written so far (to tell whether a record added any). */
        private int written;

        Band(String bandStore, double threshold, int maxBucket, int maxCorrections, int rows) {
            this.bandStore = bandStore;
            this.threshold = threshold;
            this.maxBucket = maxBucket;
            this.maxCorrections = maxCorrections;
            this.rows = rows;
        }

        @Override
        public void init(ProcessorContext<String, StoryMessage> context) {
            this.context = context;
            this.members = context.getStateStore(bandStore);
        }

        @Override
        public void process(Record<String, StoryMessage> record) {
            StoryMessage m = record.value();
            if (m.kind() != StoryMessage.Kind.ENTRIES) {
                // an ENTRY for one band, keyed by its band key (written before ENTRIES)
                Integer band = bandOf(record.key());
                sigs.clear();
                StoryMessage.Candidate best =
                        enter(record.key(), band, m, record.timestamp(), context.currentSystemTimeMs(), false);
                reply(m, band, null, best, record.timestamp());
                return;
            }
            int partitions = ByBandPartition.partitionCount(record.headers());
            checkLayout(partitions);
            int partition = context.recordMetadata()
                    .map(org.apache.kafka.streams.processor.api.RecordMetadata::partition)
                    .orElseThrow(() -> new IllegalStateException("band record without a partition"));
            List<String> keys = MinHash.bandKeys(m.sig(), rows);
            long mask = 0L;
            StoryMessage.Candidate best = null;
            // one time for the signature and the references to it, so they share a segment and expire together
            long now = context.currentSystemTimeMs();
            boolean joined = false;
            sigs.clear();
            for (int b = 0; b < keys.size(); b++) {
                if (ByBandPartition.partitionOf(keys.get(b), partitions) != partition) {
                    continue; // another partition holds that band's bucket
                }
                mask |= 1L << b;
                int before = written;
                StoryMessage.Candidate c = enter(keys.get(b), b, m, record.timestamp(), now, m.at() != null);
                joined |= written != before;
                if (c != null && (best == null || StoryMessage.before(c.order(), c.id(), best.order(), best.id()))) {
                    best = c;
                }
            }
            if (mask == 0L) {
                // the partitioner sends a record only to the partitions of its bands, so the count changed under it
                throw new IllegalStateException("story ENTRIES of " + m.id() + " on partition " + partition + " of "
                        + partitions + " holds none of its bands: the band repartition's partition count changed;"
                        + " it must stay that of the raw topic (reset the application to change it, docs/stories.md)");
            }
            if (joined && m.at() != null) {
                // the signature once for the references this partition's buckets got (sigOf reads it back)
                members.put(
                        sigKey(m.id(), m.hash()),
                        new StoryMessage(
                                StoryMessage.Kind.ENTRY,
                                m.id(),
                                m.hash(),
                                m.order(),
                                null,
                                m.partition(),
                                m.sig(),
                                null,
                                null,
                                m.at()),
                        now);
            }
            reply(m, null, mask, best, record.timestamp());
        }

        /**
         * Stops the task when its band buckets were laid out for another partition count than the record was routed
         * with: a bucket sits on the partition its band key hashes to among the topic's partitions, so under another
         * count the same band keys land on other partitions and the buckets here would be missed silently (partitions
         * added by hand to the band repartition, or to it and the raw topic together; Kafka Streams itself refuses a
         * repartition topic whose count differs from the raw topic's). The count is kept in the band store under
         * {@link #LAYOUT_KEY}, restored with the buckets, and written again once a day, so it does not expire while
         * they remain.
         */
        private void checkLayout(int partitions) {
            long now = context.currentSystemTimeMs();
            if (layout == 0) {
                Long keptAt = null;
                try (WindowStoreIterator<StoryMessage> it = members.backwardFetch(LAYOUT_KEY, 0L, Long.MAX_VALUE)) {
                    if (it.hasNext()) {
                        org.apache.kafka.streams.KeyValue<Long, StoryMessage> kept = it.next();
                        if (kept.value.order() != partitions) {
                            throw new IllegalStateException("the story band buckets of this task were laid out for "
                                    + kept.value.order() + " partitions of the band repartition, and a record came"
                                    + " routed for " + partitions + ": the partition count changed; reset the"
                                    + " application to change it (docs/stories.md)");
                        }
                        keptAt = kept.key;
                    }
                }
                layout = partitions;
                layoutWrittenAt = keptAt == null ? now - LAYOUT_REFRESH_MS : keptAt;
            } else if (layout != partitions) {
                throw new IllegalStateException("story band record routed for " + partitions
                        + " partitions of the band repartition, this task's buckets for " + layout
                        + ": the partition count changed; reset the application to change it (docs/stories.md)");
            }
            if (now - layoutWrittenAt >= LAYOUT_REFRESH_MS) {
                members.put(
                        LAYOUT_KEY,
                        new StoryMessage(
                                StoryMessage.Kind.ENTRY,
                                LAYOUT_KEY,
                                "",
                                partitions,
                                null,
                                null,
                                new int[0],
                                null,
                                null),
                        now);
                layoutWrittenAt = now;
            }
        }

        /**
         * One REPLY to the new article: the earliest similar member of the bands it answers (the story is the
         * earliest candidate, so the others cannot change it), and which bands answered.
         */
        private void reply(StoryMessage m, Integer band, Long mask, StoryMessage.Candidate best, long timestamp) {
            context.forward(new Record<>(
                    m.id(),
                    new StoryMessage(
                            StoryMessage.Kind.REPLY,
                            m.id(),
                            m.hash(),
                            m.order(),
                            band,
                            m.partition(),
                            null,
                            best == null ? List.of() : List.of(best),
                            null,
                            m.at(),
                            mask),
                    timestamp));
        }

        /**
         * The new article {@code m} in the bucket {@code bandKey} (band {@code band}): compares it with the members,
         * sends the corrections, adds it; returns the earliest similar member, or null.
         */
        private StoryMessage.Candidate enter(
                String bandKey, Integer band, StoryMessage m, long timestamp, long now, boolean reference) {
            StoryMessage.Candidate best = null;
            List<StoryMessage> later = new ArrayList<>();
            List<Double> laterSimilarity = new ArrayList<>();
            int seen = 0;
            boolean present = false;
            try (WindowStoreIterator<StoryMessage> it = members.fetch(bandKey, 0L, Long.MAX_VALUE)) {
                while (it.hasNext() && seen < maxBucket) {
                    org.apache.kafka.streams.KeyValue<Long, StoryMessage> entry = it.next();
                    StoryMessage member = entry.value;
                    seen++;
                    if (member.id().equals(m.id())) {
                        present |= member.hash().equals(m.hash());
                        continue;
                    }
                    int[] sig = member.sig() != null ? member.sig() : sigOf(member, entry.key);
                    if (sig == null) {
                        continue; // its signature is gone (cannot happen: it expires with its references)
                    }
                    if (band != null && sharesEarlierBand(m.sig(), sig, band, rows)) {
                        continue; // that band handles the pair
                    }
                    double sim = MinHash.similarity(m.sig(), sig);
                    if (sim < threshold) {
                        continue;
                    }
                    if (best == null || StoryMessage.before(member.order(), member.id(), best.order(), best.id())) {
                        best = new StoryMessage.Candidate(member.id(), member.order(), sim);
                    }
                    if (StoryMessage.before(m.order(), m.id(), member.order(), member.id())
                            && earlierThanItsBest(m, member)) {
                        later.add(member);
                        laterSimilarity.add(sim);
                    }
                }
            }
            correct(m, later, laterSimilarity, timestamp);
            if (!present && seen < maxBucket) {
                // the member keeps the best story it found here, so later articles can tell whether it needs them
                members.put(
                        bandKey,
                        new StoryMessage(
                                StoryMessage.Kind.ENTRY,
                                m.id(),
                                m.hash(),
                                m.order(),
                                null,
                                m.partition(),
                                reference ? null : m.sig(),
                                best == null ? null : List.of(best),
                                null,
                                m.at()),
                        now);
                written++;
            }
            return best;
        }

        /**
         * Band store key of the signature of an article version: the members are references without it (since 2
         * December 2026), and the signature is kept once per article and band partition, at the time of its
         * references. Never a band key (they start with {@code b}) nor {@link #LAYOUT_KEY}.
         */
        static String sigKey(String id, String version) {
            return "#sig:" + version + ":" + id;
        }

        /** The signature of a referenced member stored at {@code time}, or null when it is not there. */
        private int[] sigOf(StoryMessage member, long time) {
            String key = sigKey(member.id(), member.hash());
            int[] sig = sigs.get(key);
            if (sig != null) {
                return sig;
            }
            try (WindowStoreIterator<StoryMessage> it = members.fetch(key, time, time)) {
                while (it.hasNext()) {
                    StoryMessage s = it.next().value;
                    if (s.id().equals(member.id()) && s.hash().equals(member.hash()) && s.sig() != null) {
                        sig = s.sig();
                        break;
                    }
                }
            }
            if (sig != null) {
                sigs.put(key, sig);
            }
            return sig;
        }

        /** Sends a CORRECTION to the earliest {@code maxCorrections} of {@code later}. */
        private void correct(StoryMessage m, List<StoryMessage> later, List<Double> similarity, long timestamp) {
            Integer[] byOrder = new Integer[later.size()];
            for (int i = 0; i < byOrder.length; i++) {
                byOrder[i] = i;
            }
            java.util.Arrays.sort(byOrder, (x, y) -> {
                StoryMessage a = later.get(x);
                StoryMessage b = later.get(y);
                return StoryMessage.before(a.order(), a.id(), b.order(), b.id())
                        ? -1
                        : StoryMessage.before(b.order(), b.id(), a.order(), a.id()) ? 1 : 0;
            });
            for (int i = 0; i < byOrder.length && i < maxCorrections; i++) {
                StoryMessage member = later.get(byOrder[i]);
                context.forward(new Record<>(
                        member.id(),
                        new StoryMessage(
                                StoryMessage.Kind.CORRECTION,
                                member.id(),
                                member.hash(),
                                member.order(),
                                null,
                                member.partition(),
                                null,
                                List.of(new StoryMessage.Candidate(m.id(), m.order(), similarity.get(byOrder[i]))),
                                null,
                                member.at()),
                        timestamp));
            }
        }
    }

    /**
     * Whether {@code m} is earlier than the best story {@code member} found in this bucket when it joined (its story
     * is that one or an earlier one, so a later article cannot change it). A member without one is its own best.
     */
    static boolean earlierThanItsBest(StoryMessage m, StoryMessage member) {
        if (member.candidates() == null || member.candidates().isEmpty()) {
            return true;
        }
        StoryMessage.Candidate b = member.candidates().get(0);
        return StoryMessage.before(m.order(), m.id(), b.order(), b.id());
    }

    /** Whether two signatures have equal rows in a band below {@code band} (the lowest shared band handles them). */
    static boolean sharesEarlierBand(int[] a, int[] b, int band, int rows) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int e = 0; e < band && (e + 1) * rows <= a.length; e++) {
            boolean equal = true;
            for (int r = e * rows; r < (e + 1) * rows && equal; r++) {
                equal = a[r] == b[r];
            }
            if (equal) {
                return true;
            }
        }
        return false;
    }

    /**
     * The band repartition's partitioner: sends an article's ENTRIES record to each partition that holds the bucket
     * of one of its bands, once per partition, and writes the topic's partition count in the header {@link
     * #PARTITIONS_HEADER}, from which each partition computes which of the bands are its own. A band key is held by
     * the partition the producer's default partitioner gives that key ({@link #partitionOf}), where it was when every
     * band had its own record, so the band buckets stay where they are across the upgrade.
     *
     * <p>The count travels with the record because no processor can ask for it: the header is written here, before
     * the record is serialised for each of its partitions (Kafka Streams 4.4 passes this call the headers it then
     * writes with every copy). A record that arrives without it, or on a partition none of its bands maps to, stops
     * the task ({@link Band}) rather than put a band into the wrong bucket.
     */
    static final class ByBandPartition implements StreamPartitioner<String, StoryMessage> {
        /** Header on each band repartition record: the topic's partition count as the partitioner saw it. */
        static final String PARTITIONS_HEADER = "khabar.story.partitions";

        private final int rows;

        ByBandPartition(int rows) {
            this.rows = rows;
        }

        @Override
        public Optional<Set<Integer>> partitions(
                String topic, String id, StoryMessage m, Headers headers, int numPartitions) {
            if (m == null || m.kind() != StoryMessage.Kind.ENTRIES || m.sig() == null || headers == null) {
                throw new IllegalStateException("the band repartition carries ENTRIES records with their headers, got "
                        + (m == null ? "null" : m.kind()) + " for " + id);
            }
            Set<Integer> out = new java.util.TreeSet<>();
            for (String key : MinHash.bandKeys(m.sig(), rows)) {
                out.add(partitionOf(key, numPartitions));
            }
            headers.remove(PARTITIONS_HEADER);
            headers.add(PARTITIONS_HEADER, Integer.toString(numPartitions).getBytes(StandardCharsets.UTF_8));
            return Optional.of(out);
        }

        @Override
        @SuppressWarnings("removal") // still abstract in 4.4; Streams calls the variant with headers
        public Optional<Set<Integer>> partitions(String topic, String id, StoryMessage m, int numPartitions) {
            throw new UnsupportedOperationException("the band partitioner writes the partition count in the headers");
        }

        /**
         * The partition of {@code numPartitions} that holds the bucket of a band key: the producer's default
         * partitioning of the key's UTF-8 bytes (murmur2, as for every keyed record).
         */
        static int partitionOf(String bandKey, int numPartitions) {
            return org.apache.kafka.common.utils.Utils.toPositive(
                            org.apache.kafka.common.utils.Utils.murmur2(bandKey.getBytes(StandardCharsets.UTF_8)))
                    % numPartitions;
        }

        /** The partition count {@link #PARTITIONS_HEADER} names; throws when it is missing or not a count. */
        static int partitionCount(Headers headers) {
            Header h = headers == null ? null : headers.lastHeader(PARTITIONS_HEADER);
            int n;
            try {
                n = h == null || h.value() == null
                        ? 0
                        : Integer.parseInt(new String(h.value(), StandardCharsets.UTF_8));
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalStateException("story ENTRIES record without a valid " + PARTITIONS_HEADER
                        + " header: written by a partitioner other than ByBandPartition");
            }
            return n;
        }
    }

    /**
     * Routes REPLY and CORRECTION messages to the partition that holds the receiving article's state (see
     * {@link StoryMessage#partition()}); a message without one goes by the hash of its key.
     */
    static final class ByStatePartition implements StreamPartitioner<String, StoryMessage> {

        @Override
        public Optional<Set<Integer>> partitions(
                String topic, String id, StoryMessage m, Headers headers, int numPartitions) {
            Integer p = m == null ? null : m.partition();
            if (p == null) {
                return Optional.empty();
            }
            if (p < 0 || p >= numPartitions) {
                throw new IllegalStateException("story message for " + id + " names partition " + p + " but " + topic
                        + " has " + numPartitions + " partitions; it must have as many as the raw topic");
            }
            return Optional.of(Set.of(p));
        }

        @Override
        @SuppressWarnings("removal") // still abstract in 4.4; Streams calls the variant with headers
        public Optional<Set<Integer>> partitions(String topic, String id, StoryMessage m, int numPartitions) {
            return partitions(topic, id, m, null, numPartitions);
        }
    }

    /** The band number of a band key {@code b<band>:<hash>}, or null when the key is not one. */
    static Integer bandOf(String bandKey) {
        int colon = bandKey == null ? -1 : bandKey.indexOf(':');
        if (colon < 2 || bandKey.charAt(0) != 'b') {
            return null;
        }
        try {
            return Integer.valueOf(bandKey.substring(1, colon));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Step 3, by article id: collects the band replies of an article in its small state; when every band has
     * replied, reads the article (written once by {@link Sign}) and emits it with its story (the earliest similar
     * article). A later reply or correction that finds an earlier story re-emits it. A duplicate reply (same band)
     * is not counted again, and a message that changes nothing writes nothing.
     */
    static final class Resolve implements Processor<String, StoryMessage, String, EnrichedArticle> {
        private static final Logger log = LoggerFactory.getLogger(Resolve.class);
        private final String stateStore;
        private final String articleStore;
        private ProcessorContext<String, EnrichedArticle> context;
        private WindowStore<String, StoryState> states;
        private WindowStore<String, StoryArticle> articles;
        private final WaitingArticles shared;
        private Map<WaitingArticles.Slot, StoryArticle> waiting;

        Resolve(String stateStore, String articleStore) {
            this(stateStore, articleStore, new WaitingArticles());
        }

        Resolve(String stateStore, String articleStore, WaitingArticles waiting) {
            this.stateStore = stateStore;
            this.articleStore = articleStore;
            this.shared = waiting;
        }

        @Override
        public void init(ProcessorContext<String, EnrichedArticle> context) {
            this.context = context;
            this.states = context.getStateStore(stateStore);
            this.articles = context.getStateStore(articleStore);
            this.waiting = shared.of(context.taskId());
        }

        @Override
        public void close() {
            if (waiting != null) { // never initialised: nothing to drop
                shared.close(context.taskId(), waiting);
            }
        }

        @Override
        public void process(Record<String, StoryMessage> record) {
            StoryMessage m = record.value();
            StoryState before = at(states, m.id(), m.at());
            if (before == null || !before.hash().equals(m.hash())) {
                return; // expired, or a reply for an older version of the article
            }
            StoryState s = before;
            for (StoryMessage.Candidate c :
                    m.candidates() == null ? List.<StoryMessage.Candidate>of() : m.candidates()) {
                s = s.consider(m.id(), c);
            }
            if (m.kind() == StoryMessage.Kind.REPLY) {
                s = m.mask() != null ? s.withReplies(m.mask()) : s.withReply(m.band());
            }
            boolean first = !s.emitted() && s.complete();
            boolean correction = s.emitted() && !s.storyId().equals(before.storyId());
            if (first || correction) {
                // the article as Sign wrote it, if this task still holds it (the first emission), else from the store
                StoryArticle a = waiting.remove(new WaitingArticles.Slot(m.id(), s.at()));
                if (a == null || !a.hash().equals(s.hash())) {
                    a = at(articles, m.id(), s.at());
                }
                if (a == null || !a.hash().equals(s.hash())) {
                    log.warn(
                            "story stage: article {} has its story but is no longer in {} (expired with the"
                                    + " store's retention); not re-emitted",
                            m.id(),
                            articleStore);
                } else {
                    emit(m.id(), a, s, correction);
                }
                s = s.withEmitted();
            }
            if (!s.equals(before)) {
                states.put(m.id(), s, s.at());
            }
        }

        private void emit(String id, StoryArticle a, StoryState s, boolean correction) {
            RecordHeaders h = new RecordHeaders();
            if (a.headers() != null) {
                a.headers().forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
            }
            if (correction) {
                h.add(CORRECTION_HEADER, "true".getBytes(StandardCharsets.UTF_8));
            }
            // the article's own timestamp (event time, see Stamp); 0 when it was not known
            context.forward(new Record<>(
                    id,
                    a.article().withStory(s.storyId(), s.recordSimilarity(id)),
                    a.timestamp() != 0 ? a.timestamp() : s.order(),
                    h));
        }
    }

    /** Passes DONE articles on as enriched articles, keeping their headers. */
    static final class Done implements Processor<String, StoryMessage, String, EnrichedArticle> {
        private ProcessorContext<String, EnrichedArticle> context;

        @Override
        public void init(ProcessorContext<String, EnrichedArticle> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, StoryMessage> record) {
            context.forward(new Record<>(record.key(), record.value().article(), record.timestamp(), record.headers()));
        }
    }

    /**
     * Trending input: one record per distinct entity key of an article, keyed by entity key, at the article's event
     * time (so windows are event-time windows). Dates and designations are not trended; corrections are skipped
     * (the article was counted when first emitted).
     */
    static final class Mentions implements Processor<String, EnrichedArticle, String, TrendCount> {
        /** Metrics group of {@link #DROPPED_METRIC}: {@code stream-khabar-trending-metrics}, tagged by task. */
        static final String METRIC_SCOPE = "khabar-trending";
        /** {@code dropped-records-total} and {@code -rate}: counts not sent because both their windows had closed. */
        static final String DROPPED_METRIC = "dropped-records";

        private final TrendWindows windows;
        private final TrendPartitioner partitioner;
        private ProcessorContext<String, TrendCount> context;
        /**
         * Per partition of the repartition topic: the latest timestamp this task has sent there since {@link #init}
         * (-1: none). The window processors of that partition have seen it before any count sent after it.
         */
        private long[] sent;

        private Sensor dropped;

        /** No skipping: every count is sent (the windows drop what is late). */
        Mentions() {
            this(null, null);
        }

        /**
         * Skips a count whose hour and day windows have both closed for the partition it goes to, judged by the
         * counts this task has sent there ({@code windows} null: skips nothing).
         */
        Mentions(TrendWindows windows, TrendPartitioner partitioner) {
            this.windows = windows;
            this.partitioner = partitioner;
        }

        @Override
        public void init(ProcessorContext<String, TrendCount> context) {
            this.context = context;
            this.sent = null; // a revived task starts again from nothing: it skips only what it has seen sent
            if (windows != null) {
                dropped = context.metrics()
                        .addRateTotalSensor(
                                METRIC_SCOPE, context.taskId().toString(), DROPPED_METRIC, Sensor.RecordingLevel.INFO);
            }
        }

        @Override
        public void process(Record<String, EnrichedArticle> record) {
            if (record.headers().lastHeader(CORRECTION_HEADER) != null || record.value() == null) {
                return;
            }
            EnrichedArticle a = record.value();
            Map<String, TrendCount> byKey = new LinkedHashMap<>();
            for (ArticleEntity e : a.entities()) {
                String key = entityKey(e);
                if (key == null) {
                    continue;
                }
                long mentions = Math.max(1, e.mentions().size());
                byKey.merge(
                        key,
                        new TrendCount(key, e.type().name(), displayName(e), 1, mentions),
                        (x, y) -> new TrendCount(x.key(), x.type(), x.name(), 1, x.mentions() + y.mentions()));
            }
            long t = Math.min(eventTime(a), context.currentSystemTimeMs()); // never ahead of the broker's clock
            for (Map.Entry<String, TrendCount> e : byKey.entrySet()) {
                String k = e.getKey();
                int p = partitionOf(k);
                if (p >= 0 && windows.closed(t, sent[p])) {
                    dropped.record();
                    continue;
                }
                context.forward(new Record<>(k, e.getValue(), t));
                if (p < 0) {
                    p = partitionOf(k); // the first count sent tells the partition count
                }
                if (p >= 0) {
                    sent[p] = Math.max(sent[p], t);
                }
            }
        }

        /** The repartition topic's partition of {@code key}, or -1 when not skipping or not known yet. */
        private int partitionOf(String key) {
            int n = windows == null ? 0 : partitioner.partitionCount();
            if (n <= 0) {
                return -1;
            }
            if (sent == null || sent.length != n) {
                sent = new long[n];
                java.util.Arrays.fill(sent, -1L);
            }
            return TrendPartitioner.partition(key, n);
        }

        @Override
        public void close() {
            if (dropped != null) {
                context.metrics().removeSensor(dropped);
            }
        }
    }

    /** The key entities are counted under: the record's entity key; null for dates and designations. */
    static String entityKey(ArticleEntity e) {
        if (e.type() == null
                || e.type().name().equals("DATE")
                || e.type().name().equals("DESIGNATION")) {
            return null;
        }
        return e.key() == null || e.key().isBlank() ? null : e.key();
    }

    private static String displayName(ArticleEntity e) {
        if (e.canonicalName() != null && !e.canonicalName().isBlank()) {
            return e.canonicalName();
        }
        return e.romanized() != null && !e.romanized().isBlank() ? e.romanized() : e.text();
    }

    /** Turns a windowed count into its topic record. */
    static KeyValue<String, TrendRecord> toRecord(Windowed<String> w, TrendCount c, String size) {
        Instant start = Instant.ofEpochMilli(w.window().start());
        return KeyValue.pair(
                w.key() + "|" + size + "|" + start,
                new TrendRecord(
                        w.key(),
                        c.type(),
                        c.name(),
                        size,
                        start,
                        Instant.ofEpochMilli(w.window().end()),
                        c.articles(),
                        c.mentions()));
    }

    /**
     * The entry of {@code key} at window time {@code at} (a point lookup), or the latest when {@code at} is null (a
     * message written before messages carried it). A reply or correction names the slot of the state it is for: the
     * slot is the article's for as long as the store keeps it (a new version takes the slot of the first).
     */
    static <V> V at(WindowStore<String, V> store, String key, Long at) {
        return at == null ? latest(store, key) : store.fetch(key, at);
    }

    static <V> V latest(WindowStore<String, V> store, String key) {
        try (WindowStoreIterator<V> it = store.backwardFetch(key, 0L, Long.MAX_VALUE)) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    private static Map<String, String> headers(Record<?, ?> record) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            if (h.value() != null && h.key().startsWith("khabar.") && !h.key().equals(EVENT_TIME_HEADER)) {
                out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
