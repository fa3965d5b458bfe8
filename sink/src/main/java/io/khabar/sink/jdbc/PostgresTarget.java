package io.khabar.sink.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.khabar.model.DeadLetterReasons;
import io.khabar.sink.Batch;
import io.khabar.sink.SinkException;
import io.khabar.sink.SinkRecord;
import io.khabar.sink.SinkTarget;
import io.khabar.sink.StalePositionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL through JDBC and a HikariCP pool. The schema (see {@code db/migration/khabar}) is created and evolved
 * by Flyway on {@link #open}. Each batch is one transaction: a set-based upsert into {@code articles} (a newer
 * version replaces an older one; an older or equal one is ignored), the entity rows of the articles that changed
 * rewritten in {@code article_entities}, and the positions written to {@code sink_offsets} only if they still are
 * what this sink started from (so a stale instance after a rebalance cannot write). Rows that break a constraint
 * are found by writing the batch row by row under savepoints and go to the dead-letter topic.
 *
 * <p>Version order: within one topic partition the later offset is newer (records of an id are keyed and so stay
 * on one partition); between partitions or topics (a repartitioned or re-created topic) the later
 * {@code enriched_at} is newer.
 */
public final class PostgresTarget implements SinkTarget {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTarget.class);

    static final String UPSERT = "INSERT INTO articles (" + ArticleRowBinder.COLUMNS + ") SELECT * FROM "
            + ArticleRowBinder.UNNEST + " ON CONFLICT (id) DO UPDATE SET "
            + "schema_version = EXCLUDED.schema_version, content_hash = EXCLUDED.content_hash, "
            + "title = EXCLUDED.title, body = EXCLUDED.body, language = EXCLUDED.language, "
            + "language_confidence = EXCLUDED.language_confidence, "
            + "sentence_count = EXCLUDED.sentence_count, token_count = EXCLUDED.token_count, "
            + "enricher_version = EXCLUDED.enricher_version, enriched_at = EXCLUDED.enriched_at, "
            + "entities = EXCLUDED.entities, raw_schema_version = EXCLUDED.raw_schema_version, "
            + "raw_id = EXCLUDED.raw_id, source = EXCLUDED.source, url = EXCLUDED.url, "
            + "raw_title = EXCLUDED.raw_title, raw_body = EXCLUDED.raw_body, "
            + "language_hint = EXCLUDED.language_hint, published_at = EXCLUDED.published_at, "
            + "fetched_at = EXCLUDED.fetched_at, raw_content_hash = EXCLUDED.raw_content_hash, "
            + "raw_extra = EXCLUDED.raw_extra, kafka_topic = EXCLUDED.kafka_topic, "
            + "kafka_partition = EXCLUDED.kafka_partition, kafka_offset = EXCLUDED.kafka_offset, "
            + "outlet = EXCLUDED.outlet, story_id = EXCLUDED.story_id, story_similarity = EXCLUDED.story_similarity, "
            + "written_at = now() "
            + "WHERE (articles.kafka_topic = EXCLUDED.kafka_topic AND articles.kafka_partition = EXCLUDED.kafka_partition "
            + "AND articles.kafka_offset < EXCLUDED.kafka_offset) "
            + "OR ((articles.kafka_topic <> EXCLUDED.kafka_topic OR articles.kafka_partition <> EXCLUDED.kafka_partition) "
            + "AND articles.enriched_at < EXCLUDED.enriched_at) "
            + "RETURNING id";
    static final String DELETE_ENTITIES = "DELETE FROM article_entities WHERE article_id = ANY(?)";
    static final String INSERT_ENTITIES = "INSERT INTO article_entities (article_id, entity_key, ordinal, type, "
            + "surface, canonical_name, wikidata_id, romanized, mention_count, mentions) "
            + "SELECT a.id, e.v->>'key', e.n::int, e.v->>'type', e.v->>'text', e.v->>'canonicalName', "
            + "e.v->>'wikidataId', e.v->>'romanized', jsonb_array_length(e.v->'mentions'), e.v->'mentions' "
            + "FROM articles a CROSS JOIN LATERAL jsonb_array_elements(a.entities) WITH ORDINALITY AS e(v, n) "
            + "WHERE a.id = ANY(?)";
    /** Story ids the batch's articles had before it (a corrected article leaves its old story). */
    static final String OLD_STORIES =
            "SELECT DISTINCT story_id FROM articles WHERE id = ANY(?) AND story_id IS NOT NULL";
    /** Recomputes the given stories from their articles. */
    static final String UPSERT_STORIES = "INSERT INTO stories (story_id, title, articles, outlets, outlet_names, "
            + "first_published_at, last_published_at) "
            + "SELECT a.story_id, (SELECT f.title FROM articles f WHERE f.id = a.story_id), count(*), "
            + "count(DISTINCT a.outlet), coalesce(array_agg(DISTINCT a.outlet) FILTER (WHERE a.outlet IS NOT NULL), '{}'), "
            + "min(coalesce(a.published_at, a.fetched_at)), max(coalesce(a.published_at, a.fetched_at)) "
            + "FROM articles a WHERE a.story_id = ANY(?) GROUP BY a.story_id "
            + "ON CONFLICT (story_id) DO UPDATE SET title = EXCLUDED.title, articles = EXCLUDED.articles, "
            + "outlets = EXCLUDED.outlets, outlet_names = EXCLUDED.outlet_names, "
            + "first_published_at = EXCLUDED.first_published_at, last_published_at = EXCLUDED.last_published_at, "
            + "updated_at = now()";
    /** Drops stories left without articles. */
    static final String DELETE_EMPTY_STORIES = "DELETE FROM stories s WHERE s.story_id = ANY(?) "
            + "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.story_id)";

    static final String STORE_POSITION = "INSERT INTO sink_offsets (group_id, topic, partition, next_offset) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (group_id, topic, partition) DO UPDATE "
            + "SET next_offset = EXCLUDED.next_offset, updated_at = now() "
            + "WHERE sink_offsets.next_offset IS NOT DISTINCT FROM ?";

    private final String url;
    private final String user;
    private final String password;
    private final int poolSize;
    private HikariDataSource pool;
    private String topic;
    private String groupId;

    /**
     * A target for the database at the JDBC URL; nothing connects before {@link #open}. The pool needs at least
     * {@value PostgresDatabase#MIN_POOL_SIZE} connections (Flyway holds two while it migrates).
     */
    public PostgresTarget(String url, String user, String password, int poolSize) {
        if (poolSize < PostgresDatabase.MIN_POOL_SIZE) {
            throw new IllegalArgumentException("jdbc.pool.size must be at least " + PostgresDatabase.MIN_POOL_SIZE
                    + " (Flyway holds two connections while it migrates), was " + poolSize);
        }
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
        this.poolSize = poolSize;
    }

    /** The URL with any password parameter masked, for logs and messages. */
    static String redact(String url) {
        return PostgresDatabase.redact(url);
    }

    @Override
    public void open(String topic, String groupId) {
        this.topic = topic;
        this.groupId = groupId;
        this.pool = PostgresDatabase.pool(url, user, password, poolSize, "khabar-sink");
        PostgresDatabase.migrate(pool);
    }

    @Override
    public Map<TopicPartition, Long> storedPositions() {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT partition, next_offset FROM sink_offsets WHERE group_id = ? AND topic = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, topic);
            Map<TopicPartition, Long> result = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
                }
            }
            c.rollback();
            return result;
        } catch (SQLException e) {
            throw new SinkException(
                    "cannot read sink_offsets from " + redact(url) + ": " + e.getMessage(), e, retriable(e));
        }
    }

    @Override
    public int write(Batch batch, Rejects rejects) {
        List<SinkRecord> latest = latestPerId(batch.records());
        try (Connection c = pool.getConnection()) {
            try {
                int written;
                try {
                    written = writeRows(c, latest);
                } catch (SQLException e) {
                    if (!isBadData(e)) {
                        throw e;
                    }
                    c.rollback();
                    LOG.info(
                            "batch of {} rows broke a constraint ({}); writing row by row to find the bad ones",
                            latest.size(),
                            e.getMessage());
                    written = writeRowByRow(c, latest, rejects);
                }
                storePositions(c, batch);
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new SinkException(
                    "cannot write " + latest.size() + " articles to " + redact(url) + ": " + e.getMessage()
                            + " (SQLState " + e.getSQLState() + ")",
                    e,
                    retriable(e));
        }
    }

    /** The records with an article, one per id: the last read (later offset) wins within the batch. */
    static List<SinkRecord> latestPerId(List<SinkRecord> records) {
        Map<String, SinkRecord> byId = new LinkedHashMap<>();
        for (SinkRecord r : records) {
            if (r.article() != null) {
                byId.merge(
                        r.article().id(),
                        r,
                        (old, neu) -> old.topicPartition().equals(neu.topicPartition()) && old.offset() > neu.offset()
                                ? old
                                : neu);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** Upserts the rows and rewrites the entities of those that changed; returns how many changed. */
    private static int writeRows(Connection c, List<SinkRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        List<String> ids = new ArrayList<>();
        for (SinkRecord r : rows) {
            ids.add(r.article().id());
        }
        java.util.Set<String> stories = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(OLD_STORIES)) {
            ps.setArray(1, ArticleRowBinder.ids(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stories.add(rs.getString(1));
                }
            }
        }
        List<String> changed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ArticleRowBinder.bind(c, ps, rows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getString(1));
                }
            }
        }
        if (!changed.isEmpty()) {
            try (PreparedStatement del = c.prepareStatement(DELETE_ENTITIES);
                    PreparedStatement ins = c.prepareStatement(INSERT_ENTITIES)) {
                del.setArray(1, ArticleRowBinder.ids(c, changed));
                del.executeUpdate();
                ins.setArray(1, ArticleRowBinder.ids(c, changed));
                ins.executeUpdate();
            }
            for (SinkRecord r : rows) {
                if (r.article().storyId() != null) {
                    stories.add(r.article().storyId());
                }
            }
            if (!stories.isEmpty()) {
                try (PreparedStatement up = c.prepareStatement(UPSERT_STORIES);
                        PreparedStatement gone = c.prepareStatement(DELETE_EMPTY_STORIES)) {
                    up.setArray(1, ArticleRowBinder.ids(c, new ArrayList<>(stories)));
                    up.executeUpdate();
                    gone.setArray(1, ArticleRowBinder.ids(c, new ArrayList<>(stories)));
                    gone.executeUpdate();
                }
            }
        }
        return changed.size();
    }

    private static int writeRowByRow(Connection c, List<SinkRecord> rows, Rejects rejects) throws SQLException {
        int written = 0;
        for (SinkRecord r : rows) {
            Savepoint sp = c.setSavepoint();
            try {
                written += writeRows(c, List.of(r));
                c.releaseSavepoint(sp);
            } catch (SQLException e) {
                if (!isBadData(e)) {
                    throw e;
                }
                c.rollback(sp);
                rejects.reject(
                        r,
                        DeadLetterReasons.CONSTRAINT_VIOLATION,
                        "PostgreSQL rejected article " + r.article().id() + " from " + r.where() + ": " + e.getMessage()
                                + " (SQLState " + e.getSQLState() + ")",
                        e);
            }
        }
        return written;
    }

    private void storePositions(Connection c, Batch batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STORE_POSITION)) {
            for (Map.Entry<TopicPartition, Long> e : batch.next().entrySet()) {
                TopicPartition tp = e.getKey();
                Long expected = batch.expected().get(tp);
                ps.setString(1, groupId);
                ps.setString(2, tp.topic());
                ps.setInt(3, tp.partition());
                ps.setLong(4, e.getValue());
                if (expected == null) {
                    ps.setNull(5, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(5, expected);
                }
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    throw new StalePositionException("sink_offsets in " + redact(url) + " holds another position for "
                            + tp + " of group " + groupId + " than " + expected
                            + ": another sink instance wrote it; this batch was not written");
                }
            }
        }
    }

    /** Data errors (class 22) and integrity violations (class 23) are the record's fault, not the database's. */
    static boolean isBadData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    static boolean retriable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("40")
                        || state.startsWith("53")
                        || state.startsWith("57P"));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }

    /** The pool, once open; for queries in tests and tools. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String describe() {
        return redact(url);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
