package io.khabar.sink;

import io.khabar.model.Topics;
import io.khabar.model.config.ConfigTables;
import io.khabar.sink.jdbc.PostgresDatabase;
import io.khabar.sink.jdbc.PostgresTarget;
import io.khabar.sink.jsonl.JsonlTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of a {@link SinkApp}, declared the way kafka-connect-jdbc's {@code JdbcSinkConfig} is: every key
 * once in {@link #CONFIG_DEF} with its type, default, validator, importance, group (Connection, Target, Writes,
 * Retries) and doc. The table in docs/sink.md is generated from it ({@link #markdownTable()}). Build from a map
 * with {@link #from(Map)}, or with {@link #builder()}; exactly one target must be chosen ({@value #JSONL_DIR},
 * {@value #JDBC_URL}, or {@link Builder#target} in code). Kafka client properties (SASL, SSL, timeouts) are kept
 * apart from these keys ({@link Builder#kafkaProperties}): several sink keys ({@code batch.size}) have other meanings
 * to the clients.
 */
public final class SinkConfig extends AbstractConfig {

    /** Group: where the records come from. */
    public static final String GROUP_CONNECTION = "Connection";
    /** Group: where the records go. */
    public static final String GROUP_TARGET = "Target";
    /** Group: how records are buffered and written. */
    public static final String GROUP_WRITES = "Writes";
    /** Group: what happens after a failure. */
    public static final String GROUP_RETRIES = "Retries";

    // ---- Connection
    /** Kafka bootstrap servers, {@code host:port,...}. Required. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** Consumer group id; the target stores positions under it too (PostgreSQL). */
    public static final String GROUP_ID = "group.id";
    /** Default consumer group. */
    public static final String GROUP_ID_DEFAULT = "khabar-sink";
    /** Topic to read enriched articles from. */
    public static final String TOPIC = "topic";
    /** Default: the enriched topic. */
    public static final String TOPIC_DEFAULT = Topics.ENRICHED;
    /** Topic that records go to which cannot be written (poison records, constraint violations). */
    public static final String DEAD_LETTER_TOPIC = "dead.letter.topic";
    /** Default: the pipeline's dead-letter topic. */
    public static final String DEAD_LETTER_TOPIC_DEFAULT = Topics.DEAD_LETTER;

    // ---- Target
    /** JSONL target: the directory the files go to (created if missing). */
    public static final String JSONL_DIR = "jsonl.dir";
    /** PostgreSQL target: the JDBC URL. */
    public static final String JDBC_URL = "jdbc.url";
    /** PostgreSQL target: the database user. */
    public static final String JDBC_USER = "jdbc.user";
    /** PostgreSQL target: the database password (a {@link Password}: never printed). */
    public static final String JDBC_PASSWORD = "jdbc.password";

    // ---- Writes
    /** Records per write; a batch is one file append + fsync, or one database transaction. */
    public static final String BATCH_SIZE = "batch.size";
    /** Default records per write. */
    public static final int BATCH_SIZE_DEFAULT = 500;
    /** Longest time a record waits in the buffer before it is written, even if the batch is not full. */
    public static final String FLUSH_INTERVAL_MS = "flush.interval.ms";
    /**
     * Default: 20 ms. Enrich commits a transaction every 25 ms, so records arrive in bursts at most that often and a
     * burst is written as one batch; under load batches fill to {@link #BATCH_SIZE} first. (One second, the earlier
     * default, added a second to every article's ingest -> sink latency.)
     */
    public static final long FLUSH_INTERVAL_MS_DEFAULT = 20;
    /** JSONL: a file is completed (renamed to .jsonl) once it is at least this large. */
    public static final String JSONL_ROLL_BYTES = "jsonl.roll.bytes";
    /** Default: 128 MiB. */
    public static final long JSONL_ROLL_BYTES_DEFAULT = 128L * 1024 * 1024;
    /** JSONL: a file is completed once it is this old (and at the end of a UTC day). */
    public static final String JSONL_ROLL_INTERVAL_MS = "jsonl.roll.interval.ms";
    /** Default: one hour. */
    public static final long JSONL_ROLL_INTERVAL_MS_DEFAULT =
            Duration.ofHours(1).toMillis();
    /** PostgreSQL: connections in the pool (the sink writes from one thread; Flyway needs two while it migrates). */
    public static final String JDBC_POOL_SIZE = "jdbc.pool.size";
    /** Default and least pool size. */
    public static final int JDBC_POOL_SIZE_DEFAULT = PostgresDatabase.MIN_POOL_SIZE;

    // ---- Retries
    /** How often a batch is tried again after a retriable failure before the sink stops. */
    public static final String MAX_RETRIES = "max.retries";
    /** Default tries. */
    public static final int MAX_RETRIES_DEFAULT = 10;
    /** First back-off between tries; doubled each time, at most 30 s. */
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    /** Default first back-off, 200 ms. */
    public static final long RETRY_BACKOFF_MS_DEFAULT = 200;

    /** Every key of the sink. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    BOOTSTRAP_SERVERS,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new NonEmptyString(),
                    Importance.HIGH,
                    "Kafka bootstrap servers, host:port,... (CLI: -b, --bootstrap-servers).",
                    GROUP_CONNECTION,
                    1,
                    Width.LONG,
                    "Bootstrap servers")
            .define(
                    GROUP_ID,
                    Type.STRING,
                    GROUP_ID_DEFAULT,
                    new NonEmptyString(),
                    Importance.HIGH,
                    "Consumer group (CLI: --group-id). PostgreSQL keeps the positions per group.",
                    GROUP_CONNECTION,
                    2,
                    Width.MEDIUM,
                    "Group")
            .define(
                    TOPIC,
                    Type.STRING,
                    TOPIC_DEFAULT,
                    new NonEmptyString(),
                    Importance.HIGH,
                    "Topic to read (CLI: --topic).",
                    GROUP_CONNECTION,
                    3,
                    Width.MEDIUM,
                    "Topic")
            .define(
                    DEAD_LETTER_TOPIC,
                    Type.STRING,
                    DEAD_LETTER_TOPIC_DEFAULT,
                    new NonEmptyString(),
                    Importance.MEDIUM,
                    "Where records go that cannot be written (see Dead letters below).",
                    GROUP_CONNECTION,
                    4,
                    Width.MEDIUM,
                    "Dead-letter topic")
            .define(
                    JSONL_DIR,
                    Type.STRING,
                    null,
                    Importance.HIGH,
                    "JSON Lines target: the directory the files go to, created if missing (CLI: --jsonl). Set this"
                            + " or jdbc.url.",
                    GROUP_TARGET,
                    1,
                    Width.LONG,
                    "JSONL directory")
            .define(
                    JDBC_URL,
                    Type.STRING,
                    null,
                    Importance.HIGH,
                    "PostgreSQL target: the JDBC URL, e.g. jdbc:postgresql://host:5432/khabar (CLI: --jdbc). Set this"
                            + " or jsonl.dir.",
                    GROUP_TARGET,
                    2,
                    Width.LONG,
                    "JDBC URL")
            .define(
                    JDBC_USER,
                    Type.STRING,
                    null,
                    Importance.HIGH,
                    "PostgreSQL: the database user (CLI: KHABAR_JDBC_USER or --jdbc-user).",
                    GROUP_TARGET,
                    3,
                    Width.MEDIUM,
                    "JDBC user")
            .define(
                    JDBC_PASSWORD,
                    Type.PASSWORD,
                    null,
                    Importance.HIGH,
                    "PostgreSQL: the database password, never printed (CLI: KHABAR_JDBC_PASSWORD or"
                            + " --jdbc-password-file).",
                    GROUP_TARGET,
                    4,
                    Width.MEDIUM,
                    "JDBC password")
            .define(
                    BATCH_SIZE,
                    Type.INT,
                    BATCH_SIZE_DEFAULT,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "Records per write: one append + fsync, or one transaction (CLI: --batch-size).",
                    GROUP_WRITES,
                    1,
                    Width.SHORT,
                    "Batch size")
            .define(
                    FLUSH_INTERVAL_MS,
                    Type.LONG,
                    FLUSH_INTERVAL_MS_DEFAULT,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "The longest a record waits in the buffer before it is written, even if the batch is not full"
                            + " (CLI: --flush-interval).",
                    GROUP_WRITES,
                    2,
                    Width.SHORT,
                    "Flush interval")
            .define(
                    JSONL_ROLL_BYTES,
                    Type.LONG,
                    JSONL_ROLL_BYTES_DEFAULT,
                    Range.atLeast(1),
                    Importance.LOW,
                    "JSONL: complete a file once it is at least this large (CLI: --roll-bytes).",
                    GROUP_WRITES,
                    3,
                    Width.SHORT,
                    "Roll bytes")
            .define(
                    JSONL_ROLL_INTERVAL_MS,
                    Type.LONG,
                    JSONL_ROLL_INTERVAL_MS_DEFAULT,
                    Range.atLeast(1),
                    Importance.LOW,
                    "JSONL: complete a file once it is this old; a file is also completed at a new UTC day and on"
                            + " close (CLI: --roll-interval).",
                    GROUP_WRITES,
                    4,
                    Width.SHORT,
                    "Roll interval")
            .define(
                    JDBC_POOL_SIZE,
                    Type.INT,
                    JDBC_POOL_SIZE_DEFAULT,
                    Range.atLeast(PostgresDatabase.MIN_POOL_SIZE),
                    Importance.LOW,
                    "PostgreSQL: HikariCP connections. At least 2: Flyway holds two while it migrates.",
                    GROUP_WRITES,
                    5,
                    Width.SHORT,
                    "Pool size")
            .define(
                    MAX_RETRIES,
                    Type.INT,
                    MAX_RETRIES_DEFAULT,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Tries after a retriable failure (database unreachable, disk error) before the sink stops.",
                    GROUP_RETRIES,
                    1,
                    Width.SHORT,
                    "Max retries")
            .define(
                    RETRY_BACKOFF_MS,
                    Type.LONG,
                    RETRY_BACKOFF_MS_DEFAULT,
                    Range.atLeast(1),
                    Importance.LOW,
                    "First back-off between tries; it doubles each time, up to 30 s.",
                    GROUP_RETRIES,
                    2,
                    Width.SHORT,
                    "Retry back-off");

    private final Properties kafkaProperties;
    private final Supplier<SinkTarget> target;
    private final Consumer<List<SinkRecord>> writeListener;
    private final String targetDescription;

    private SinkConfig(
            Map<?, ?> settings,
            Properties kafkaProperties,
            Supplier<SinkTarget> customTarget,
            String customDescription,
            Consumer<List<SinkRecord>> writeListener) {
        super(CONFIG_DEF, settings, false);
        this.kafkaProperties = (Properties) kafkaProperties.clone();
        this.writeListener = writeListener;
        String dir = getString(JSONL_DIR);
        String url = getString(JDBC_URL);
        int chosen = (customTarget != null ? 1 : 0) + (dir != null ? 1 : 0) + (url != null ? 1 : 0);
        if (chosen != 1) {
            throw new ConfigException((chosen == 0 ? "no target" : "more than one target") + ": set exactly one of "
                    + JSONL_DIR + " (JSON Lines files) or " + JDBC_URL + " (PostgreSQL)");
        }
        if (customTarget != null) {
            this.target = customTarget;
            this.targetDescription = customDescription;
        } else if (dir != null) {
            Path path = Path.of(dir);
            long rollBytes = getLong(JSONL_ROLL_BYTES);
            Duration rollInterval = Duration.ofMillis(getLong(JSONL_ROLL_INTERVAL_MS));
            this.target = () -> new JsonlTarget(path, rollBytes, rollInterval);
            this.targetDescription = "jsonl:" + path;
        } else {
            String user = getString(JDBC_USER);
            Password password = getPassword(JDBC_PASSWORD);
            int poolSize = getInt(JDBC_POOL_SIZE);
            this.target = () -> new PostgresTarget(url, user, password == null ? null : password.value(), poolSize);
            this.targetDescription = PostgresDatabase.redact(url);
        }
    }

    /**
     * The configuration from sink keys (see {@link #CONFIG_DEF}; string values are parsed as Kafka parses them);
     * throws {@link ConfigException} naming the key when a setting is missing or invalid.
     */
    public static SinkConfig from(Map<?, ?> settings) {
        return new SinkConfig(settings, new Properties(), null, null, records -> {});
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@value #BOOTSTRAP_SERVERS}. */
    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    /** {@value #GROUP_ID}. */
    public String groupId() {
        return getString(GROUP_ID);
    }

    /** {@value #TOPIC}. */
    public String topic() {
        return getString(TOPIC);
    }

    /** {@value #DEAD_LETTER_TOPIC}: where the consumer loop sends records it cannot write. */
    public String deadLetterTopic() {
        return getString(DEAD_LETTER_TOPIC);
    }

    /** {@value #BATCH_SIZE}. */
    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    /** {@value #FLUSH_INTERVAL_MS}. */
    public Duration flushInterval() {
        return Duration.ofMillis(getLong(FLUSH_INTERVAL_MS));
    }

    /** Extra Kafka client properties (SASL, SSL, ...), passed to the consumer and the dead-letter producer. */
    public Properties kafkaProperties() {
        return (Properties) kafkaProperties.clone();
    }

    /** {@value #MAX_RETRIES}. */
    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    /** Called with each batch once it is durably written. */
    public Consumer<List<SinkRecord>> writeListener() {
        return writeListener;
    }

    /** {@value #RETRY_BACKOFF_MS}. */
    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    /** A new, unopened target as configured. */
    public SinkTarget newTarget() {
        return target.get();
    }

    /** The target, for logs (no passwords). */
    public String targetDescription() {
        return targetDescription;
    }

    /** The settings table of docs/sink.md, generated from {@link #CONFIG_DEF}. */
    public static String markdownTable() {
        return ConfigTables.markdown(CONFIG_DEF);
    }

    @Override
    public String toString() {
        return "SinkConfig{" + BOOTSTRAP_SERVERS + "=" + bootstrapServers() + ", " + GROUP_ID + "=" + groupId() + ", "
                + TOPIC + "=" + topic() + ", target=" + targetDescription + ", " + BATCH_SIZE + "=" + batchSize() + ", "
                + FLUSH_INTERVAL_MS + "=" + getLong(FLUSH_INTERVAL_MS) + "}";
    }

    /** Builder for {@link SinkConfig}: sets the keys of {@link #CONFIG_DEF}, validated by {@link #build()}. */
    public static final class Builder {
        private final Map<String, Object> settings = new HashMap<>();
        private final Properties kafkaProperties = new Properties();
        private Consumer<List<SinkRecord>> writeListener = records -> {};
        private Supplier<SinkTarget> target;
        private String targetDescription;

        private Builder() {}

        /** Any key of {@link #CONFIG_DEF}, as a string or its typed value. */
        public Builder set(String key, Object value) {
            if (!CONFIG_DEF.names().contains(key)) {
                throw new ConfigException(key, value, "not a sink setting; the keys are " + CONFIG_DEF.names());
            }
            settings.put(key, value);
            return this;
        }

        /** {@value SinkConfig#BOOTSTRAP_SERVERS}: Kafka bootstrap servers. */
        public Builder bootstrapServers(String servers) {
            return set(BOOTSTRAP_SERVERS, servers);
        }

        /** {@value SinkConfig#GROUP_ID}, default {@value SinkConfig#GROUP_ID_DEFAULT}. */
        public Builder groupId(String groupId) {
            return set(GROUP_ID, groupId);
        }

        /** {@value SinkConfig#TOPIC}, default the enriched topic. */
        public Builder topic(String topic) {
            return set(TOPIC, topic);
        }

        /** {@value SinkConfig#DEAD_LETTER_TOPIC}, default the pipeline's dead-letter topic. */
        public Builder deadLetterTopic(String topic) {
            return set(DEAD_LETTER_TOPIC, topic);
        }

        /** {@value SinkConfig#BATCH_SIZE}, default {@value SinkConfig#BATCH_SIZE_DEFAULT}. */
        public Builder batchSize(int records) {
            return set(BATCH_SIZE, records);
        }

        /** {@value SinkConfig#FLUSH_INTERVAL_MS}, default 1 s. */
        public Builder flushInterval(Duration interval) {
            return set(
                    FLUSH_INTERVAL_MS,
                    Objects.requireNonNull(interval, FLUSH_INTERVAL_MS).toMillis());
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
            return set(MAX_RETRIES, retries);
        }

        /** {@value SinkConfig#RETRY_BACKOFF_MS}, default 200 ms. */
        public Builder retryBackoff(Duration backoff) {
            return set(
                    RETRY_BACKOFF_MS,
                    Objects.requireNonNull(backoff, RETRY_BACKOFF_MS).toMillis());
        }

        /** {@value SinkConfig#JSONL_ROLL_BYTES}; applies to {@link #jsonl}. */
        public Builder jsonlRollBytes(long bytes) {
            return set(JSONL_ROLL_BYTES, bytes);
        }

        /** {@value SinkConfig#JSONL_ROLL_INTERVAL_MS}; applies to {@link #jsonl}. */
        public Builder jsonlRollInterval(Duration interval) {
            return set(
                    JSONL_ROLL_INTERVAL_MS,
                    Objects.requireNonNull(interval, JSONL_ROLL_INTERVAL_MS).toMillis());
        }

        /** {@value SinkConfig#JDBC_POOL_SIZE}; applies to {@link #jdbc}; at least 2. */
        public Builder jdbcPoolSize(int connections) {
            return set(JDBC_POOL_SIZE, connections);
        }

        /** The last of {@link #jsonl}, {@link #jdbc} and {@link #target} called wins. */
        private void clearTarget() {
            settings.remove(JSONL_DIR);
            settings.remove(JDBC_URL);
            target = null;
            targetDescription = null;
        }

        /** Target: JSON Lines files in {@code dir} (created if missing). See {@link JsonlTarget}. */
        public Builder jsonl(Path dir) {
            clearTarget();
            return set(JSONL_DIR, Objects.requireNonNull(dir, JSONL_DIR).toString());
        }

        /** Target: PostgreSQL at the JDBC URL; the schema is migrated on start. See {@link PostgresTarget}. */
        public Builder jdbc(String url, String user, String password) {
            clearTarget();
            set(JDBC_URL, Objects.requireNonNull(url, JDBC_URL));
            settings.put(JDBC_USER, user);
            settings.put(JDBC_PASSWORD, password == null ? null : new Password(password));
            return this;
        }

        /** Target: any implementation; a new instance per call of the supplier. */
        public Builder target(Supplier<SinkTarget> target, String description) {
            clearTarget();
            this.target = Objects.requireNonNull(target, "target");
            this.targetDescription = description;
            return this;
        }

        /**
         * Called on the sink's thread with each batch right after it is durably written (and before the next
         * poll); used by the benchmark to measure ingest-to-sink latency. Must be quick and must not throw.
         */
        public Builder writeListener(Consumer<List<SinkRecord>> listener) {
            this.writeListener = Objects.requireNonNull(listener, "writeListener");
            return this;
        }

        /** The configuration; throws {@link ConfigException} naming the key when a setting is missing or invalid. */
        public SinkConfig build() {
            return new SinkConfig(settings, kafkaProperties, target, targetDescription, writeListener);
        }
    }
}
