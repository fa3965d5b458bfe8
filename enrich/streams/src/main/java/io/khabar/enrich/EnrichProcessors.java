package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.RawArticle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The processors of {@link EnrichTopology}; failures are thrown and handled by the exception handlers. */
final class EnrichProcessors {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EnrichProcessors.class);

    private EnrichProcessors() {}

    /**
     * Step 1, on the raw topic's partitions (keyed by article id): validates and adds the raw
     * topic/partition/offset, id and content hash as provenance headers.
     */
    static final class Validate implements Processor<String, RawRecord, String, RawRecord> {

        private final ArticleValidator validator;
        private ProcessorContext<String, RawRecord> context;

        Validate(long maxInputBytes) {
            this.validator = new ArticleValidator(maxInputBytes);
        }

        @Override
        public void init(ProcessorContext<String, RawRecord> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, RawRecord> record) {
            validator.validate(record.key(), record.value());
            RecordHeaders headers = sourceHeaders(record.headers());
            RecordMetadata m = context.recordMetadata().orElseThrow();
            headers.add(DeadLetterRecords.RAW_TOPIC, bytes(m.topic()));
            headers.add(DeadLetterRecords.RAW_PARTITION, bytes(String.valueOf(m.partition())));
            headers.add(DeadLetterRecords.RAW_OFFSET, bytes(String.valueOf(m.offset())));
            headers.add(DeadLetterRecords.RAW_ID, bytes(record.value().article().id()));
            headers.add(DeadLetterRecords.RAW_CONTENT_HASH, bytes(record.value().contentHash()));
            context.forward(record.withHeaders(headers));
        }
    }

    /**
     * Content dedup, step 1, on the raw topic's partitions after {@link Validate} (keyed by article id): drops a
     * version already enriched or waiting (same id and content hash) or older than the one enriched; else keeps
     * the article in the pending store, by id, and sends only a small {@link ContentClaim} keyed by content hash.
     * A newer version replaces a version still waiting for its verdict (counted {@code superseded}); the older
     * one's verdict is then stale and ignored.
     */
    static final class Claim implements Processor<String, RawRecord, String, String> {

        private final String versionStoreName;
        private final String pendingStoreName;
        private final long refreshMs;
        private final EnrichMetrics metrics;
        private final ParsedArticles parsed;
        private ProcessorContext<String, String> context;
        private WindowStore<String, String> versions;
        private KeyValueStore<String, PendingArticle> pending;

        Claim(String versionStoreName, String pendingStoreName, Duration retention, EnrichMetrics metrics) {
            this(versionStoreName, pendingStoreName, retention, metrics, new ParsedArticles());
        }

        /** A claim step that leaves the articles it parsed in {@code parsed} for {@link EnrichOnVerdict}. */
        Claim(
                String versionStoreName,
                String pendingStoreName,
                Duration retention,
                EnrichMetrics metrics,
                ParsedArticles parsed) {
            this.versionStoreName = versionStoreName;
            this.pendingStoreName = pendingStoreName;
            this.refreshMs = retention.toMillis() / 2;
            this.metrics = metrics;
            this.parsed = parsed;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.versions = context.getStateStore(versionStoreName);
            this.pending = context.getStateStore(pendingStoreName);
        }

        @Override
        public void process(Record<String, RawRecord> record) {
            String id = record.key();
            RawRecord raw = record.value();
            Version incoming = new Version(
                    intHeader(record.headers(), DeadLetterRecords.RAW_PARTITION),
                    longHeader(record.headers(), DeadLetterRecords.RAW_OFFSET),
                    raw.contentHash());
            PendingArticle waiting = pending.get(id);
            if (waiting != null && waiting.hash().equals(incoming.hash)) {
                metrics.duplicate(EnrichMetrics.SAME_ID);
                return;
            }
            if (waiting != null) { // an older version, still waiting for its verdict: the new one replaces it
                pending.delete(id);
                metrics.duplicate(EnrichMetrics.SUPERSEDED);
            }
            if (alreadyEnriched(versions, id, incoming, record.timestamp(), refreshMs, metrics)) {
                return;
            }
            pending.put(
                    id,
                    new PendingArticle(
                            incoming.partition,
                            incoming.offset,
                            record.timestamp(),
                            incoming.hash,
                            record.headers(),
                            raw.bytes()));
            if (raw.parsed()) {
                parsed.put(incoming.partition, incoming.offset, id, incoming.hash, raw.article());
            }
            context.forward(new Record<>(
                    incoming.hash,
                    new ContentClaim(id, incoming.partition, incoming.offset).toString(),
                    record.timestamp()));
        }
    }

    /**
     * Content dedup, step 2, partitioned by content hash: answers a {@link ContentClaim} with a
     * {@link ContentVerdict} keyed by article id: {@code duplicate} when the hash was already claimed by another id
     * within the retention, else {@code enrich} (and hash → id is remembered). Claims and verdicts are a few dozen
     * bytes; the article itself stays on its raw partition.
     */
    static final class DecideContent implements Processor<String, String, String, String> {

        private final String storeName;
        private final long refreshMs;
        private ProcessorContext<String, String> context;
        private WindowStore<String, String> store;

        DecideContent(String storeName, Duration retention) {
            this.storeName = storeName;
            this.refreshMs = retention.toMillis() / 2;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, String> record) {
            String hash = record.key();
            ContentClaim claim = ContentClaim.parse(record.value());
            String first = null;
            try {
                first = firstOtherId(hash, claim.id(), record.timestamp());
            } catch (RuntimeException e) {
                // A dead letter here would be of the claim, and the article would wait forever for its verdict:
                // enrich it without the cross-id check instead (at worst a copy is enriched once more).
                log.error(
                        "content-hash step could not check the article of raw partition {} offset {};"
                                + " enriching it unchecked",
                        claim.partition(),
                        claim.offset(),
                        e);
            }
            ContentVerdict verdict = new ContentVerdict(first == null, claim.partition(), claim.offset());
            context.forward(new Record<>(claim.id(), verdict.toString(), record.timestamp()));
        }

        /** The id that claimed {@code hash} before {@code id} within the retention, else null (and remembers id). */
        private String firstOtherId(String hash, String id, long timestamp) {
            boolean remember = true;
            try (WindowStoreIterator<String> seen = store.backwardFetch(hash, 0L, Long.MAX_VALUE)) {
                while (seen.hasNext()) {
                    KeyValue<Long, String> e = seen.next();
                    if (!e.value.equals(id)) {
                        return e.value;
                    }
                    if (e.key >= timestamp - refreshMs) {
                        remember = false;
                    }
                }
            }
            if (remember) {
                store.put(hash, id, timestamp);
            }
            return null;
        }
    }

    /**
     * Content dedup, step 3, back on the raw partition the article was read from (same task as {@link Claim}, as
     * they share the pending store): a verdict for the version waiting in the pending store removes it and, if
     * {@code enrich}, enriches it and remembers id → version; a {@code duplicate} is counted {@code same-content}.
     * A verdict for another version (one replaced by a newer version, or already handled) is stale and ignored.
     * The output keeps the raw record's headers as lineage.
     */
    static final class EnrichOnVerdict implements Processor<String, String, String, EnrichedArticle> {

        private final String versionStoreName;
        private final String pendingStoreName;
        private final Enricher enricher;
        private final EnrichMetrics metrics;
        private final ParsedArticles parsed;
        private ProcessorContext<String, EnrichedArticle> context;
        private WindowStore<String, String> versions;
        private KeyValueStore<String, PendingArticle> pending;
        private int partition = -1;

        EnrichOnVerdict(String versionStoreName, String pendingStoreName, Enricher enricher, EnrichMetrics metrics) {
            this(versionStoreName, pendingStoreName, enricher, metrics, new ParsedArticles());
        }

        /** An enrich step that takes the articles {@link Claim} parsed from {@code parsed} instead of parsing them again. */
        EnrichOnVerdict(
                String versionStoreName,
                String pendingStoreName,
                Enricher enricher,
                EnrichMetrics metrics,
                ParsedArticles parsed) {
            this.versionStoreName = versionStoreName;
            this.pendingStoreName = pendingStoreName;
            this.enricher = enricher;
            this.metrics = metrics;
            this.parsed = parsed;
        }

        @Override
        public void init(ProcessorContext<String, EnrichedArticle> context) {
            this.context = context;
            this.versions = context.getStateStore(versionStoreName);
            this.pending = context.getStateStore(pendingStoreName);
            this.partition = context.taskId().partition();
        }

        @Override
        public void close() {
            if (partition >= 0) {
                parsed.forget(partition); // the task moves: its articles are parsed again wherever it goes
            }
        }

        @Override
        public void process(Record<String, String> record) {
            String id = record.key();
            ContentVerdict verdict = ContentVerdict.parse(record.value());
            PendingArticle waiting = pending.get(id);
            if (waiting == null || !waiting.is(verdict.partition(), verdict.offset())) {
                parsed.take(verdict.partition(), verdict.offset(), id, ""); // forget it, if kept
                return; // stale: that version was replaced by a newer one before its verdict came
            }
            RawArticle article = parsed.take(verdict.partition(), verdict.offset(), id, waiting.hash());
            pending.delete(id);
            if (!verdict.enrich()) {
                metrics.duplicate(EnrichMetrics.SAME_CONTENT);
                return;
            }
            // A dead letter for this record (enricher failure, output too large, a later step failing) must carry
            // the raw article, not the verdict that Streams knows as the source record.
            context.recordMetadata()
                    .ifPresent(m -> DeadLetterRecords.emitting(
                            m.topic(), m.partition(), m.offset(), id, waiting.bytes(), waiting.headers()));
            // the article as the claim step parsed it from these bytes, else parsed from them now
            RawRecord raw =
                    article != null ? new RawRecord(waiting.bytes(), article) : RawRecord.unparsed(waiting.bytes());
            EnrichedArticle enriched = enrich(enricher, metrics, id, raw, waiting.hash());
            versions.put(id, waiting.version().toString(), waiting.timestamp());
            forward(context, id, enriched, raw, waiting.timestamp(), waiting.headers());
        }
    }

    /** What the claim step sends to the content-hash step (keyed by hash): article id, raw partition and offset. */
    record ContentClaim(String id, int partition, long offset) {

        static ContentClaim parse(String s) {
            int a = s.indexOf(':');
            int b = s.indexOf(':', a + 1);
            return new ContentClaim(
                    s.substring(b + 1), Integer.parseInt(s.substring(0, a)), Long.parseLong(s.substring(a + 1, b)));
        }

        @Override
        public String toString() {
            return partition + ":" + offset + ":" + id;
        }
    }

    /**
     * The content-hash step's answer (keyed by article id): enrich or duplicate, for the version read at raw
     * partition/offset; routed back to that raw partition.
     */
    record ContentVerdict(boolean enrich, int partition, long offset) {

        static ContentVerdict parse(String s) {
            int a = s.indexOf(':');
            int b = s.indexOf(':', a + 1);
            return new ContentVerdict(
                    s.charAt(0) == 'E', Integer.parseInt(s.substring(a + 1, b)), Long.parseLong(s.substring(b + 1)));
        }

        @Override
        public String toString() {
            return (enrich ? "E:" : "D:") + partition + ":" + offset;
        }
    }

    /** Routes a verdict to the raw partition its article waits on (the verdict topic has as many partitions). */
    static final class VerdictPartitioner implements StreamPartitioner<String, String> {

        @Override
        public Optional<Set<Integer>> partitions(
                String topic, String id, String verdict, Headers headers, int numPartitions) {
            int p = ContentVerdict.parse(verdict).partition;
            if (p < 0 || p >= numPartitions) {
                throw new IllegalStateException("verdict for " + id + " names raw partition " + p + " but " + topic
                        + " has " + numPartitions + " partitions; it must have as many as the raw topic");
            }
            return Optional.of(Set.of(p));
        }

        @Override
        @SuppressWarnings("removal") // still abstract in 4.4; Streams calls the variant with headers
        public Optional<Set<Integer>> partitions(String topic, String id, String verdict, int numPartitions) {
            return partitions(topic, id, verdict, null, numPartitions);
        }
    }

    /** The latest version in the version store and when it was stored. */
    record Seen(Version version, long at) {}

    /** The latest version of {@code id} in a version store, or null. */
    static Seen latest(WindowStore<String, String> store, String id) {
        Seen latest = null;
        try (WindowStoreIterator<String> seen = store.backwardFetch(id, 0L, Long.MAX_VALUE)) {
            while (seen.hasNext()) {
                KeyValue<Long, String> e = seen.next();
                Version v = Version.parse(e.value);
                if (latest == null || v.newerThan(latest.version)) { // newest timestamp first, then by offset
                    latest = new Seen(v, e.key);
                }
            }
        }
        return latest;
    }

    /**
     * Without content dedup, on the raw topic's partitions after {@link Validate}: drops a version already enriched (same id and content hash) or older than
     * one already enriched (by raw offset), enriches the rest and remembers id → version. The output keeps the
     * provenance headers as lineage.
     */
    static final class Enrich implements Processor<String, RawRecord, String, EnrichedArticle> {

        private final String storeName;
        private final long refreshMs;
        private final Enricher enricher;
        private final EnrichMetrics metrics;
        private ProcessorContext<String, EnrichedArticle> context;
        private WindowStore<String, String> store;

        Enrich(String storeName, Duration retention, Enricher enricher, EnrichMetrics metrics) {
            this.storeName = storeName;
            this.refreshMs = retention.toMillis() / 2;
            this.enricher = enricher;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, EnrichedArticle> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, RawRecord> record) {
            String id = record.key();
            RawRecord raw = record.value();
            String hash = textHeader(record.headers(), DeadLetterRecords.RAW_CONTENT_HASH);
            Version incoming = new Version(
                    intHeader(record.headers(), DeadLetterRecords.RAW_PARTITION),
                    longHeader(record.headers(), DeadLetterRecords.RAW_OFFSET),
                    hash != null ? hash : raw.contentHash());
            if (alreadyEnriched(store, id, incoming, record.timestamp(), refreshMs, metrics)) {
                return;
            }
            EnrichedArticle enriched = enrich(enricher, metrics, id, raw, incoming.hash);
            store.put(id, incoming.toString(), record.timestamp());
            forward(context, id, enriched, raw, record.timestamp(), record.headers());
        }
    }

    /**
     * The version check against the version store, shared by both paths: true (and counted) when {@code incoming}
     * is the version already enriched ({@code same-id}; its entry is refreshed past half the retention) or older
     * than it ({@code superseded}).
     */
    static boolean alreadyEnriched(
            WindowStore<String, String> versions,
            String id,
            Version incoming,
            long timestamp,
            long refreshMs,
            EnrichMetrics metrics) {
        Seen latest = latest(versions, id);
        if (latest != null && latest.version.hash.equals(incoming.hash)) {
            metrics.duplicate(EnrichMetrics.SAME_ID);
            if (latest.at < timestamp - refreshMs) {
                versions.put(id, latest.version.toString(), timestamp);
            }
            return true;
        }
        if (latest != null && latest.version.newerThan(incoming)) {
            metrics.duplicate(EnrichMetrics.SUPERSEDED);
            return true;
        }
        return false;
    }

    /**
     * Enriches {@code raw}, whose content hash {@code contentHash} the validate step computed from its title and
     * body; a failing enricher is a rejection ({@code enrich-failed}).
     */
    static EnrichedArticle enrich(
            Enricher enricher, EnrichMetrics metrics, String id, RawRecord raw, String contentHash) {
        long started = System.nanoTime();
        EnrichedArticle enriched;
        try {
            enriched = enricher.enrich(raw.article(), contentHash);
        } catch (RuntimeException | StackOverflowError e) {
            throw new RejectedRecordException(
                    DeadLetterReasons.ENRICH_FAILED, "the enricher failed on article " + id + ": " + e, e);
        }
        if (enriched == null) {
            throw new RejectedRecordException(
                    DeadLetterReasons.ENRICH_FAILED, "the enricher returned nothing for article " + id);
        }
        metrics.enriched(enriched.entities(), Duration.ofNanos(System.nanoTime() - started));
        return enriched;
    }

    /**
     * Forwards an enriched version keyed by id. The provenance headers stay on the output as lineage (which raw
     * record made this version), and the production handler needs them to name the raw record in a dead letter.
     */
    static void forward(
            ProcessorContext<String, EnrichedArticle> context,
            String id,
            EnrichedArticle enriched,
            RawRecord raw,
            long timestamp,
            Headers headers) {
        context.forward(new Record<>(
                id, enriched, Math.min(eventTime(raw.article(), timestamp), context.currentSystemTimeMs()), headers));
    }

    /**
     * The enriched record's timestamp: the article's publication time when the source gives one (and it is not
     * after the fetch, which a wrong clock or time zone in the source can cause), else the fetch time, else the raw
     * record's timestamp. The caller caps it at the wall clock: a source can date an article in the future (a wrong
     * clock or time zone, or on purpose), and a broker refuses a record more than
     * {@code log.message.timestamp.after.max.ms} (one hour by default since Kafka 4.0) ahead of its own clock, which
     * under exactly-once would fail the task on that record at every restart.
     */
    static long eventTime(io.khabar.model.RawArticle a, long fallback) {
        if (a.publishedAt() != null
                && (a.fetchedAt() == null || !a.publishedAt().isAfter(a.fetchedAt()))) {
            return a.publishedAt().toEpochMilli();
        }
        return a.fetchedAt() != null ? a.fetchedAt().toEpochMilli() : fallback;
    }

    /** An article version: where its raw record was read, and its content hash. */
    record Version(int partition, long offset, String hash) {

        /** Later in the same raw partition. Versions from different partitions (the topic was resized) are not compared. */
        boolean newerThan(Version other) {
            return partition == other.partition && offset > other.offset;
        }

        static Version parse(String s) {
            int a = s.indexOf(':');
            int b = s.indexOf(':', a + 1);
            return new Version(
                    Integer.parseInt(s.substring(0, a)), Long.parseLong(s.substring(a + 1, b)), s.substring(b + 1));
        }

        @Override
        public String toString() {
            return partition + ":" + offset + ":" + hash;
        }
    }

    /** A raw record's own headers copied to the output, in all (key and value bytes); the rest are dropped. */
    static final int MAX_SOURCE_HEADER_BYTES = io.khabar.model.DeadLetters.MAX_ORIGINAL_HEADER_BYTES;
    /** How many of the raw record's headers were not copied (khabar's own names, or past the byte limit). */
    static final String SOURCE_HEADERS_DROPPED = "khabar.enrich.source.headers.dropped";

    /**
     * The raw record's headers that go on with it: none in khabar's own namespace ({@code khabar.*}: provenance,
     * story corrections, dead-letter headers are khabar's word, never a producer's), and at most
     * {@value #MAX_SOURCE_HEADER_BYTES} bytes of the others, so that a producer cannot make every enriched record
     * (and each repartition hop) carry megabytes; {@value #SOURCE_HEADERS_DROPPED} counts what was left out.
     */
    static RecordHeaders sourceHeaders(Headers raw) {
        RecordHeaders headers = new RecordHeaders();
        int bytes = 0;
        int dropped = 0;
        for (Header h : raw) {
            int size = h.key().length() * 3 + (h.value() == null ? 0 : h.value().length);
            if (h.key().startsWith("khabar.") || bytes + size > MAX_SOURCE_HEADER_BYTES) {
                dropped++;
            } else {
                bytes += size;
                headers.add(h);
            }
        }
        if (dropped > 0) {
            headers.add(SOURCE_HEADERS_DROPPED, bytes(String.valueOf(dropped)));
        }
        return headers;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String textHeader(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static int intHeader(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? -1 : Integer.parseInt(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static long longHeader(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? -1L : Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
    }
}
