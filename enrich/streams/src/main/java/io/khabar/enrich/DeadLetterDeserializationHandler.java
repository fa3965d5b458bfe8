package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a raw record that cannot be read to the dead-letter topic (in the same transaction as the task's other
 * output, KIP-1034) and lets the app go on. The reason comes from {@link RawRecordSerde}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String topic;
    private EnrichMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = DeadLetterRecords.topic(configs);
        metrics = DeadLetterRecords.metrics(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = DeadLetterRecords.reasonOf(exception, DeadLetterReasons.DESERIALIZATION);
        log.warn(
                "dead-lettering {}-{}@{}: {} ({})",
                record.topic(),
                record.partition(),
                record.offset(),
                reason,
                exception.getMessage());
        metrics.deadLettered(reason);
        return Response.resume(List.of(DeadLetterRecords.build(
                topic,
                record.key(),
                record.value(),
                record.headers(),
                record.topic(),
                record.partition(),
                record.offset(),
                reason,
                exception)));
    }
}
