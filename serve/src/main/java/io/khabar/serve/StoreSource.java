package io.khabar.serve;

import java.util.List;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** Where {@link ViewQueries} finds the stores: a running Kafka Streams instance, or a TopologyTestDriver in tests. */
public interface StoreSource {

    /** A key-value store over all of this instance's partitions. */
    <V> ReadOnlyKeyValueStore<String, V> kv(String name);

    /** The same store, one view per local partition (each in key order). */
    <V> List<ReadOnlyKeyValueStore<String, V>> kvPartitions(String name);

    /** A window store over all of this instance's partitions. */
    ReadOnlyWindowStore<String, Long> window(String name);
}
