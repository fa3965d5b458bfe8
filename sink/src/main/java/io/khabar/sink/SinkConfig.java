package io.khabar.sink;

import io.khabar.model.Topics;
import io.khabar.sink.jdbc.PostgresTarget;
import io.khabar.sink.jsonl.JsonlTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Configuration of a {@link SinkApp}. Every setting has its key (used in error messages and by the CLI), its
 * default and its doc next to each other, grouped by concern. Build with {@link #builder()}; exactly one target
 * must be chosen ({@link Builder#jsonl}, {@link Builder#jdbc} or {@link Builder#target}).
 */
public final class SinkConfig {

    // ---- Connection
    /** Kafka bootstrap servers, {@code host:port,...}. Required. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** Consumer group id; the target stores positions under it too (PostgreSQL). */
    public static final String GROUP_ID = "group.id";
    public static final String GROUP_ID_DEFAULT = "khabar-sink";
    /** Topic to read enriched articles from. */
    public static final String TOPIC = "topic";
    public static final String TOPIC_DEFAULT = Topics.ENRICHED;
    /** Topic to send records to that cannot be written. */
    public static final String DEAD_LETTER_TOPIC = "dead.letter.topic";
    public static final String DEAD_LETTER_TOPIC_DEFAULT = Topics.DEAD_LETTER;

    // ---- Writes
    /** Records per write; a batch is one file append + fsync, or one database transaction. */
    public static final String BATCH_SIZE = "batch.size";
    public static final int BATCH_SIZE_DEFAULT = 500;
    /** Longest time a record waits in the buffer before it is written, even if the batch is not full. */
    public static final String FLUSH_INTERVAL = "flush.interval";
    public static final Duration FLUSH_INTERVAL_DEFAULT = Duration.ofSeconds(1);
    /** JSONL: a file is completed (renamed to .jsonl) once it is at least this large. */
    public static final String JSONL_ROLL_BYTES = "jsonl.roll.bytes";
    public static final long JSONL_ROLL_BYTES_DEFAULT = 128L * 1024 * 1024;
    /** JSONL: a file is completed once it is this old (and at the end of a UTC day). */
    public static final String JSONL_ROLL_INTERVAL = "jsonl.roll.interval";
    public static final Duration JSONL_ROLL_INTERVAL_DEFAULT = Duration.ofHours(1);
    /** PostgreSQL: connections in the pool (the sink writes from one thread; at least 2, as Flyway needs two). */
    public static final String JDBC_POOL_SIZE = "jdbc.pool.size";
    public static final int JDBC_POOL_SIZE_DEFAULT = 2;

    // ---- Retries
    /** How often a batch is tried again after a retriable failure before the sink stops. */
    public static final String MAX_RETRIES = "max.retries";
    public static final int MAX_RETRIES_DEFAULT = 10;
    /** First back-off between tries; doubled each time, at most 30 s. */
    public static final String RETRY_BACKOFF = "retry.backoff";
    public static final Duration RETRY_BACKOFF_DEFAULT = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String groupId;
    private final String topic;
    private final String deadLetterTopic;
    private final int batchSize;
    private final Duration flushInterval;
    private final Properties kafkaProperties;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final Supplier<SinkTarget> target;
    private final java.util.function.Consumer<java.util.List<SinkRecord>> writeListener;
    private final String targetDescription;

    private SinkConfig(Builder b) {
        this.bootstrapServers = require(b.bootstrapServers, BOOTSTRAP_SERVERS, "pass the Kafka bootstrap servers, e.g. localhost:9092");
        this.groupId = require(b.groupId, GROUP_ID, "pass a consumer group id");
        this.topic = require(b.topic, TOPIC, "pass the topic to read");
        this.deadLetterTopic = require(b.deadLetterTopic, DEAD_LETTER_TOPIC, "pass the dead-letter topic");
        if (b.batchSize < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be at least 1, was " + b.batchSize);
        }
        if (b.flushInterval.isNegative() || b.flushInterval.isZero()) {
            throw new IllegalArgumentException(FLUSH_INTERVAL + " must be positive, was " + b.flushInterval);
        }
        if (b.maxRetries < 0) {
            throw new IllegalArgumentException(MAX_RETRIES + " must be 0 or more, was " + b.maxRetries);
        }
        if (b.target == null) {
            throw new IllegalArgumentException("no target: choose one of jsonl(DIR) or jdbc(URL, user, password)");
        }
        this.batchSize = b.batchSize;
        this.flushInterval = b.flushInterval;
        this.kafkaProperties = (Properties) b.kafkaProperties.clone();
        this.maxRetries = b.maxRetries;
        this.retryBackoff = b.retryBackoff;
        this.writeListener = b.writeListener;
        this.target = b.target;
        this.targetDescription = b.targetDescription;
    }

    private static String require(String value, String key, String fix) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set: " + fix);
        }
        return value;
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String groupId() {
        return groupId;
    }

    public String topic() {
        return topic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    /** Extra Kafka client properties (SASL, SSL, ...), passed to the consumer and the dead-letter producer. */
    public Properties kafkaProperties() {
        return (Properties) kafkaProperties.clone();
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Called with each batch once it is durably written. */
    public java.util.function.Consumer<java.util.List<SinkRecord>> writeListener() {
        return writeListener;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** A new, unopened target as configured. */
    public SinkTarget newTarget() {
        return target.get();
    }

    /** The target, for logs (no passwords). */
    public String targetDescription() {
        return targetDescription;
    }

    @Override
    public String toString() {
        return "SinkConfig{" + BOOTSTRAP_SERVERS + "=" + bootstrapServers + ", " + GROUP_ID + "=" + groupId + ", "
                + TOPIC + "=" + topic + ", target=" + targetDescription + ", " + BATCH_SIZE + "=" + batchSize + ", "
                + FLUSH_INTERVAL + "=" + flushInterval + "}";
    }

    /** Builder for {@link SinkConfig}. */
    public static final class Builder {
        private String bootstrapServers;
        private String groupId = GROUP_ID_DEFAULT;
        private String topic = TOPIC_DEFAULT;
        private String deadLetterTopic = DEAD_LETTER_TOPIC_DEFAULT;
        private int batchSize = BATCH_SIZE_DEFAULT;
        private Duration flushInterval = FLUSH_INTERVAL_DEFAULT;
        private final Properties kafkaProperties = new Properties();
        private int maxRetries = MAX_RETRIES_DEFAULT;
        private Duration retryBackoff = RETRY_BACKOFF_DEFAULT;
        private java.util.function.Consumer<java.util.List<SinkRecord>> writeListener = records -> { };
        private long rollBytes = JSONL_ROLL_BYTES_DEFAULT;
        private Duration rollInterval = JSONL_ROLL_INTERVAL_DEFAULT;
        private int poolSize = JDBC_POOL_SIZE_DEFAULT;
        private Supplier<SinkTarget> target;
        private String targetDescription;

        private Builder() {
        }

        /** {@value SinkConfig#BOOTSTRAP_SERVERS}: Kafka bootstrap servers. */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        /** {@value SinkConfig#GROUP_ID}, default {@value SinkConfig#GROUP_ID_DEFAULT}. */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** {@value SinkConfig#TOPIC}, default the enriched topic. */
        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** {@value SinkConfig#DEAD_LETTER_TOPIC}, default the pipeline's dead-letter topic. */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        /** {@value SinkConfig#BATCH_SIZE}, default {@value SinkConfig#BATCH_SIZE_DEFAULT}. */
        public Builder batchSize(int records) {
            this.batchSize = records;
            return this;
        }

        /** {@value SinkConfig#FLUSH_INTERVAL}, default 1 s. */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = Objects.requireNonNull(interval, FLUSH_INTERVAL);
            return this;
        }

        /** Extra Kafka client properties (SASL/SSL, timeouts), for the consumer and the dead-letter producer. */
        public Builder kafkaProperties(Properties properties) {
            this.kafkaProperties.putAll(properties);
            return this;
        }

        /** Same as {@link #kafkaProperties}: extra client properties (any bootstrap.servers in them is ignored). */
        public Builder consumerProperties(Properties properties) {
            return kafkaProperties(properties);
        }

        /** {@value SinkConfig#MAX_RETRIES}, default {@value SinkConfig#MAX_RETRIES_DEFAULT}. */
        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        /** {@value SinkConfig#RETRY_BACKOFF}, default 200 ms. */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = Objects.requireNonNull(backoff, RETRY_BACKOFF);
            return this;
        }

        /** {@value SinkConfig#JSONL_ROLL_BYTES}; applies to {@link #jsonl}. */
        public Builder jsonlRollBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException(JSONL_ROLL_BYTES + " must be positive, was " + bytes);
            }
            this.rollBytes = bytes;
            return this;
        }

        /** {@value SinkConfig#JSONL_ROLL_INTERVAL}; applies to {@link #jsonl}. */
        public Builder jsonlRollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(JSONL_ROLL_INTERVAL + " must be positive, was " + interval);
            }
            this.rollInterval = interval;
            return this;
        }

        /** {@value SinkConfig#JDBC_POOL_SIZE}; applies to {@link #jdbc}. */
        public Builder jdbcPoolSize(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException(JDBC_POOL_SIZE + " must be at least 1, was " + connections);
            }
            this.poolSize = connections;
            return this;
        }

        /** Target: JSON Lines files in {@code dir} (created if missing). See {@link JsonlTarget}. */
        public Builder jsonl(Path dir) {
            Objects.requireNonNull(dir, "jsonl dir");
            this.target = () -> new JsonlTarget(dir, rollBytes, rollInterval);
            this.targetDescription = "jsonl:" + dir;
            return this;
        }

        /** Target: PostgreSQL at the JDBC URL; the schema is migrated on start. See {@link PostgresTarget}. */
        public Builder jdbc(String url, String user, String password) {
            Objects.requireNonNull(url, "jdbc url");
            this.target = () -> new PostgresTarget(url, user, password, poolSize);
            this.targetDescription = PostgresTarget.redact(url);
            return this;
        }

        /** Target: any implementation; a new instance per call of the supplier. */
        public Builder target(Supplier<SinkTarget> target, String description) {
            this.target = Objects.requireNonNull(target, "target");
            this.targetDescription = description;
            return this;
        }

        /**
         * Called on the sink's thread with each batch right after it is durably written (and before the next
         * poll); used by the benchmark to measure ingest-to-sink latency. Must be quick and must not throw.
         */
        public Builder writeListener(java.util.function.Consumer<java.util.List<SinkRecord>> listener) {
            this.writeListener = Objects.requireNonNull(listener, "writeListener");
            return this;
        }

        /** The configuration; throws {@link IllegalArgumentException} naming the key when a setting is invalid. */
        public SinkConfig build() {
            return new SinkConfig(this);
        }
    }
}
