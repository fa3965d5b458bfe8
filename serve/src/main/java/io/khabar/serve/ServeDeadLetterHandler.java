package io.khabar.serve;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.DeadLetters;
import io.khabar.model.Stage;
import io.khabar.model.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An enriched record the web view cannot read is logged, counted and sent to the dead-letter topic (stage
 * {@code serve}); the view goes on with the next record.
 */
public final class ServeDeadLetterHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServeDeadLetterHandler.class);
    private static final AtomicLong COUNT = new AtomicLong();

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        long n = COUNT.incrementAndGet();
        log.warn(
                "serve: cannot read {}-{}@{} ({} so far): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                n,
                exception.getMessage());
        return Response.resume(List.of(DeadLetters.builder(Stage.SERVE, DeadLetterReasons.DESERIALIZATION)
                .topic(Topics.DEAD_LETTER)
                .message(String.valueOf(exception.getMessage()))
                .error(exception)
                .source(record.topic(), record.partition(), record.offset())
                .key(record.key())
                .value(record.value())
                .headers(record.headers())
                .time(Instant.now())
                .build()));
    }

    /** Records dead-lettered since start. */
    public static long count() {
        return COUNT.get();
    }
}
