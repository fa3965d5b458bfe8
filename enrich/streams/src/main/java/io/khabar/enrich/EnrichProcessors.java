package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.EnrichedArticle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The three processors of {@link EnrichTopology}; failures are thrown and handled by the exception handlers. */
final class EnrichProcessors {

    private EnrichProcessors() {}

    /**
     * Step 1, on the raw topic's partitions (keyed by article id): validates and, when content is deduplicated,
     * re-keys by content hash, adding the raw topic/partition/offset, id and hash as provenance headers.
     */
    static final class Validate implements Processor<String, RawRecord, String, RawRecord> {

        private final ArticleValidator validator;
        private final boolean keyByHash;
        private ProcessorContext<String, RawRecord> context;

        Validate(long maxInputBytes, boolean keyByHash) {
            this.validator = new ArticleValidator(maxInputBytes);
            this.keyByHash = keyByHash;
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
            String hash = record.value().contentHash();
            headers.add(DeadLetterRecords.RAW_ID, bytes(record.value().article().id()));
            headers.add(DeadLetterRecords.RAW_CONTENT_HASH, bytes(hash));
            context.forward((keyByHash ? record.withKey(hash) : record).withHeaders(headers));
        }
    }

    /**
     * Step 2, partitioned by content hash: drops a record whose content was already seen under another article id
     * within the retention; else remembers hash → id and re-keys by article id.
     */
    static final class DedupContent implements Processor<String, RawRecord, String, RawRecord> {

        private final String storeName;
        private final long refreshMs;
        private final EnrichMetrics metrics;
        private ProcessorContext<String, RawRecord> context;
        private WindowStore<String, String> store;

        DedupContent(String storeName, Duration retention, EnrichMetrics metrics) {
            this.storeName = storeName;
            this.refreshMs = retention.toMillis() / 2;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, RawRecord> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, RawRecord> record) {
            String hash = record.key();
            String id = textHeader(record.headers(), DeadLetterRecords.RAW_ID);
            if (id == null) {
                id = record.value().article().id();
            }
            boolean remember = true;
            try (WindowStoreIterator<String> seen = store.backwardFetch(hash, 0L, Long.MAX_VALUE)) {
                while (seen.hasNext()) {
                    KeyValue<Long, String> e = seen.next();
                    if (!e.value.equals(id)) {
                        metrics.duplicate(EnrichMetrics.SAME_CONTENT);
                        return;
                    }
                    if (e.key >= record.timestamp() - refreshMs) {
                        remember = false;
                    }
                }
            }
            if (remember) {
                store.put(hash, id, record.timestamp());
            }
            context.forward(record.withKey(id));
        }
    }

    /**
     * Step 3, partitioned by article id: drops a version already enriched (same id and content hash) or older than
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
            Version latest = null;
            long latestAt = Long.MIN_VALUE;
            try (WindowStoreIterator<String> seen = store.backwardFetch(id, 0L, Long.MAX_VALUE)) {
                while (seen.hasNext()) {
                    KeyValue<Long, String> e = seen.next();
                    Version v = Version.parse(e.value);
                    if (latest == null || v.newerThan(latest)) { // newest timestamp first, then by offset
                        latest = v;
                        latestAt = e.key;
                    }
                }
            }
            if (latest != null && latest.hash.equals(incoming.hash)) {
                metrics.duplicate(EnrichMetrics.SAME_ID);
                if (latestAt < record.timestamp() - refreshMs) {
                    store.put(id, latest.toString(), record.timestamp());
                }
                return;
            }
            if (latest != null && latest.newerThan(incoming)) {
                metrics.duplicate(EnrichMetrics.SUPERSEDED);
                return;
            }
            long started = System.nanoTime();
            EnrichedArticle enriched;
            try {
                enriched = enricher.enrich(raw.article());
            } catch (RuntimeException | StackOverflowError e) {
                throw new RejectedRecordException(
                        DeadLetterReasons.ENRICH_FAILED, "the enricher failed on article " + id + ": " + e, e);
            }
            if (enriched == null) {
                throw new RejectedRecordException(
                        DeadLetterReasons.ENRICH_FAILED, "the enricher returned nothing for article " + id);
            }
            store.put(id, incoming.toString(), record.timestamp());
            metrics.enriched(enriched.entities(), Duration.ofNanos(System.nanoTime() - started));
            // The provenance headers stay on the output as lineage (which raw record made this version), and the
            // production handler needs them to name the raw record in a dead letter.
            context.forward(new Record<>(
                    id,
                    enriched,
                    Math.min(eventTime(raw.article(), record.timestamp()), context.currentSystemTimeMs()),
                    record.headers()));
        }
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
