package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters an output record that cannot be serialised (notably one over {@code khabar.enrich.max.output.bytes},
 * caught before the producer sees it, so the exactly-once transaction stays healthy), and under at-least-once one
 * the broker refused. Failures writing a state store's changelog stop the task instead: dropping them would
 * corrupt the store.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private String topic;
    private EnrichMetrics metrics;
    private boolean exactlyOnce;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = DeadLetterRecords.topic(configs);
        metrics = DeadLetterRecords.metrics(configs);
        Object guarantee = configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        exactlyOnce = guarantee == null || !StreamsConfig.AT_LEAST_ONCE.equals(String.valueOf(guarantee));
    }

    /**
     * A record the broker or producer refused. Retriable errors are retried. Under exactly-once the refusal has
     * already put the transactional producer in an error state, so the transaction cannot commit whatever we
     * answer: the task fails (and the instance, after {@link EnrichApp#MAX_THREAD_REPLACEMENTS} tries, turns
     * not-live) rather than retrying the same transaction forever behind a healthy-looking endpoint.
     */
    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exactlyOnce) {
            log.error(
                    "the broker refused a record for {} from {}-{}@{}; failing the task",
                    record.topic(),
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    exception);
            return Response.fail();
        }
        return deadLetter(context, record, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        return deadLetter(context, record, exception);
    }

    private Response deadLetter(ErrorHandlerContext context, ProducerRecord<?, ?> record, Exception exception) {
        if (record.topic().endsWith("-changelog") || record.topic().equals(topic)) {
            log.error("cannot write to {}; stopping the task rather than losing state", record.topic(), exception);
            return Response.fail();
        }
        String reason = DeadLetterRecords.reasonOf(exception, DeadLetterReasons.PRODUCTION_FAILED);
        log.warn(
                "dead-lettering output for {} from {}-{}@{}: {} ({})",
                record.topic(),
                context.topic(),
                context.partition(),
                context.offset(),
                reason,
                exception.getMessage());
        metrics.deadLettered(reason);
        return Response.resume(List.of(DeadLetterRecords.build(topic, context, reason, exception)));
    }
}
