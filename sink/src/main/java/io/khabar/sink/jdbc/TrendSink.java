package io.khabar.sink.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.Json;
import io.khabar.model.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the trending topic ({@value Topics#TRENDING}) into {@code entity_trends}: each record is the latest count
 * of one entity in one window, so an upsert is idempotent and the offsets are committed to Kafka after the database
 * commit (at-least-once is exact here). A record that is not a trend record is logged and skipped. One thread.
 */
public final class TrendSink implements AutoCloseable {

    /** Consumer group of the trend writer. */
    public static final String GROUP_ID = "khabar-sink-trending";

    static final String UPSERT = "INSERT INTO entity_trends (entity_key, entity_type, name, window_size, window_start, "
            + "window_end, articles, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (entity_key, window_size, window_start) DO UPDATE SET entity_type = EXCLUDED.entity_type, "
            + "name = EXCLUDED.name, window_end = EXCLUDED.window_end, articles = EXCLUDED.articles, "
            + "mentions = EXCLUDED.mentions, updated_at = now()";

    private static final Logger LOG = LoggerFactory.getLogger(TrendSink.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DataSource dataSource;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();

    private TrendSink(Properties consumerProperties, DataSource dataSource) {
        Properties p = new Properties();
        p.putAll(consumerProperties);
        p.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.dataSource = dataSource;
        this.thread = new Thread(this::run, "khabar-trend-sink");
        this.thread.setDaemon(true);
    }

    /**
     * Starts copying; {@code consumerProperties} holds bootstrap.servers and any client settings (its group.id is
     * replaced by {@value #GROUP_ID} unless it names {@code khabar.trend.group.id}). The schema must exist.
     */
    public static TrendSink start(Properties consumerProperties, DataSource dataSource) {
        Properties p = new Properties();
        p.putAll(consumerProperties);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Object group = consumerProperties.get("khabar.trend.group.id");
        p.remove("khabar.trend.group.id");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group.toString());
        }
        TrendSink s = new TrendSink(p, dataSource);
        s.consumer.subscribe(List.of(Topics.TRENDING));
        s.thread.start();
        return s;
    }

    /** Trend rows written so far. */
    public long written() {
        return written.get();
    }

    private void run() {
        try {
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                while (running.get()) {
                    try {
                        write(records);
                        break;
                    } catch (SQLException e) {
                        LOG.warn(
                                "cannot write {} trend records to PostgreSQL, retrying in 2 s: {}",
                                records.count(),
                                e.getMessage());
                        Thread.sleep(2000);
                    }
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("trend sink stopped: {}", e.toString(), e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void write(ConsumerRecords<String, byte[]> records) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(UPSERT)) {
            int n = 0;
            for (ConsumerRecord<String, byte[]> r : records) {
                try {
                    JsonNode t = r.value() == null ? null : Json.mapper().readTree(r.value());
                    if (t == null
                            || !t.hasNonNull("entityKey")
                            || !t.hasNonNull("windowStart")
                            || !List.of("hour", "day").contains(t.path("window").asText())) {
                        throw new IllegalArgumentException("not a trend record");
                    }
                    ps.setString(1, t.get("entityKey").asText());
                    ps.setString(2, t.path("entityType").asText("UNKNOWN"));
                    ps.setString(3, t.path("name").asText(null));
                    ps.setString(4, t.path("window").asText());
                    ps.setTimestamp(
                            5, Timestamp.from(Instant.parse(t.get("windowStart").asText())));
                    ps.setTimestamp(
                            6, Timestamp.from(Instant.parse(t.get("windowEnd").asText())));
                    ps.setLong(7, t.path("articles").asLong());
                    ps.setLong(8, t.path("mentions").asLong());
                    ps.addBatch();
                    n++;
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.warn("skipping {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            written.addAndGet(n);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
