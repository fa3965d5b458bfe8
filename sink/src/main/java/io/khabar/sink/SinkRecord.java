package io.khabar.sink;

import io.khabar.model.EnrichedArticle;
import org.apache.kafka.common.TopicPartition;

/**
 * One record read from the enriched topic, as handed to a {@link SinkTarget}: where it came from and the article
 * it carries. A record whose {@link #article()} is null carries nothing to write (a tombstone, or a record already
 * sent to the dead-letter topic); targets skip it but still store the position after it, so that it is never
 * read again.
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 * @param article   the article, or null when there is nothing to write
 * @param value     the record's value as read (the article's JSON), or null when not kept
 */
public record SinkRecord(String topic, int partition, long offset, EnrichedArticle article, byte[] value) {

    /** A record without its value bytes (targets serialise the article themselves). */
    public SinkRecord(String topic, int partition, long offset, EnrichedArticle article) {
        this(topic, partition, offset, article, null);
    }

    /** The source topic and partition. */
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** {@code topic/partition@offset}, for messages. */
    public String where() {
        return topic + "/" + partition + "@" + offset;
    }
}
