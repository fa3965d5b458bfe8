package io.khabar.sink;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A batch for {@link SinkTarget#write}: the records in offset order per partition, the positions the target held
 * before (as far as this sink knows; absent when it stored none) and the positions to store with the data.
 *
 * @param records  the records, in the order read
 * @param expected per partition, the next offset stored in the target before this batch, as this sink knows it
 * @param next     per partition, the next offset to read after this batch: to be stored atomically with the data
 */
public record Batch(List<SinkRecord> records, Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next) {

    public Batch {
        records = List.copyOf(records);
        expected = Map.copyOf(expected);
        next = Map.copyOf(next);
    }

    /** Whether there is nothing to store (no records at all). */
    public boolean isEmpty() {
        return records.isEmpty();
    }
}
