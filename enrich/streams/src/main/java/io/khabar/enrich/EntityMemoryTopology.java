package io.khabar.enrich;

import io.khabar.model.EnrichedArticle;
import io.khabar.ner.LearnedName;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology's name-memory branch, kept apart from the rest: after enrichment the names an article taught are
 * written to {@link EntityMemory#TOPIC} (in the same transaction as the enriched record), and every instance reads
 * that topic as a global store into its {@link EntityMemory}.
 */
final class EntityMemoryTopology {
    private static final Logger log = LoggerFactory.getLogger(EntityMemoryTopology.class);

    private EntityMemoryTopology() {}

    /** Adds the global store and the publishing branch after {@code enriched}. */
    static void attach(StreamsBuilder builder, KStream<String, EnrichedArticle> enriched, EntityMemory memory) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(EntityMemory.STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                EntityMemory.TOPIC,
                Consumed.with(Serdes.String(), Serdes.String()).withName("entity-memory-source"),
                () -> new Update(memory));
        enriched.flatMap(
                        (id, article) -> {
                            List<KeyValue<String, String>> out = new ArrayList<>();
                            for (LearnedName n : memory.take(id)) {
                                out.add(KeyValue.pair(n.key(), n.toLine()));
                            }
                            return out;
                        },
                        Named.as("entity-memory-learned"))
                .to(
                        EntityMemory.TOPIC,
                        Produced.with(Serdes.String(), Serdes.String()).withName("entity-memory-sink"));
    }

    /** Keeps the global store and the in-memory names in step with the topic; a bad record is logged and skipped. */
    static final class Update implements Processor<String, String, Void, Void> {
        private final EntityMemory memory;
        private KeyValueStore<String, String> store;

        Update(EntityMemory memory) {
            this.memory = memory;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(EntityMemory.STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            String key = record.key();
            if (key == null) {
                log.warn("entity memory: skipped a record without key on {}", EntityMemory.TOPIC);
                return;
            }
            if (record.value() == null) {
                store.delete(key);
                memory.names().remove(key);
                return;
            }
            try {
                LearnedName n = LearnedName.parse(key, record.value());
                store.put(key, record.value());
                memory.names().put(n);
            } catch (RuntimeException e) {
                log.warn(
                        "entity memory: skipped a bad record on {}: {}",
                        EntityMemory.TOPIC,
                        io.khabar.model.OutsideText.escape(String.valueOf(e.getMessage())));
            }
        }
    }
}
