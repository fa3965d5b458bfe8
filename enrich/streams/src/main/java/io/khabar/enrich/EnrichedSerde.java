package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for enriched records that refuses, with {@link DeadLetterReasons#OUTPUT_TOO_LARGE}, a record larger
 * than the limit: the production handler then dead-letters it before the producer could fail the transaction.
 */
final class EnrichedSerde implements Serde<EnrichedArticle> {

    private final JsonSerde<EnrichedArticle> json = JsonSerde.enrichedArticle();
    private final long maxBytes;

    EnrichedSerde(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Serializer<EnrichedArticle> serializer() {
        return (topic, value) -> {
            byte[] bytes = json.toBytes(value);
            if (bytes != null && bytes.length > maxBytes) {
                throw new RejectedRecordException(
                        DeadLetterReasons.OUTPUT_TOO_LARGE,
                        "enriched article " + value.id()
                                + " is " + bytes.length + " bytes with "
                                + value.entities().size()
                                + " entities, over the limit of " + maxBytes + " (khabar.enrich.max.output.bytes)");
            }
            return bytes;
        };
    }

    @Override
    public Deserializer<EnrichedArticle> deserializer() {
        return json.deserializer();
    }
}
