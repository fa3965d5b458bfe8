package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that a processor rejected ({@link RejectedRecordException}: validation, or the enricher threw)
 * or failed on to the dead-letter topic with the original raw bytes, and lets the app go on.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String topic;
    private EnrichMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = DeadLetterRecords.topic(configs);
        metrics = DeadLetterRecords.metrics(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = DeadLetterRecords.reasonOf(exception, DeadLetterReasons.PROCESSING_FAILED);
        if (DeadLetterRecords.rejection(exception) == null) {
            log.error(
                    "processor {} failed on {}-{}@{}; dead-lettering it",
                    context.processorNodeId(),
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    exception);
        } else {
            log.warn(
                    "dead-lettering {}-{}@{} at {}: {} ({})",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    context.processorNodeId(),
                    reason,
                    exception.getMessage());
        }
        metrics.deadLettered(reason);
        return Response.resume(List.of(DeadLetterRecords.build(topic, context, reason, exception)));
    }
}
