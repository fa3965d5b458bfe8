package io.khabar.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A sink in its own JVM, for crash tests: started by {@link SinkCrashIT} and killed with SIGKILL.
 * Arguments: bootstrap topic deadLetterTopic groupId batchSize delayMillis target, where target is
 * {@code jsonl:DIR} or {@code jdbc:URL user password}. {@code delayMillis} is waited before each batch is handed to
 * the target, so that the sink is still busy when the test kills it.
 */
public final class CrashableSink {

    private CrashableSink() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String dlq = args[2];
        String group = args[3];
        int batchSize = Integer.parseInt(args[4]);
        long delay = Long.parseLong(args[5]);
        String target = args[6];
        SinkConfig.Builder b = SinkConfig.builder()
                .bootstrapServers(bootstrap)
                .topic(topic)
                .deadLetterTopic(dlq)
                .groupId(group)
                .batchSize(batchSize)
                .flushInterval(Duration.ofMillis(100));
        if (target.startsWith("jsonl:")) {
            b.jsonl(Path.of(target.substring(6)));
        } else {
            b.jdbc(target, args[7], args.length > 8 ? args[8] : null);
        }
        SinkConfig plain = b.build();
        SinkConfig slowed = SinkConfig.builder()
                .bootstrapServers(bootstrap)
                .topic(topic)
                .deadLetterTopic(dlq)
                .groupId(group)
                .batchSize(batchSize)
                .flushInterval(Duration.ofMillis(100))
                .kafkaProperties(SinkCrashIT.staticMember(group))
                .target(() -> new Delaying(plain.newTarget(), delay), plain.targetDescription())
                .build();
        SinkApp app = SinkApp.start(slowed);
        System.out.println("started");
        System.out.flush();
        while (app.isRunning()) {
            Thread.sleep(1000);
        }
        System.err.println(
                "sink stopped: " + app.failure().map(Throwable::toString).orElse("?"));
        System.exit(2);
    }

    /** Waits before each write. */
    static final class Delaying implements SinkTarget {
        private final SinkTarget delegate;
        private final long delayMillis;

        Delaying(SinkTarget delegate, long delayMillis) {
            this.delegate = delegate;
            this.delayMillis = delayMillis;
        }

        @Override
        public void open(String topic, String groupId) {
            delegate.open(topic, groupId);
        }

        @Override
        public Map<org.apache.kafka.common.TopicPartition, Long> storedPositions() {
            return delegate.storedPositions();
        }

        @Override
        public int write(Batch batch, Rejects rejects) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.write(batch, rejects);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
