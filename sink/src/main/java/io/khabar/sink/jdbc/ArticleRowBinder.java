package io.khabar.sink.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.khabar.model.ArticleEntity;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.model.RawArticle;
import io.khabar.sink.SinkRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The binder of the PostgreSQL target: records to the column arrays of one set-based upsert (one array per
 * column, unnested by the statement), and rows back to articles.
 */
final class ArticleRowBinder {

    /** Columns of {@code articles} bound by {@link #bind}, in order. */
    static final String COLUMNS = "id, schema_version, content_hash, title, body, language, language_confidence, "
            + "sentence_count, token_count, enricher_version, enriched_at, entities, raw_schema_version, raw_id, source, "
            + "url, raw_title, raw_body, language_hint, published_at, fetched_at, raw_content_hash, raw_extra, "
            + "kafka_topic, kafka_partition, kafka_offset, outlet, story_id, story_similarity";
    /** The matching unnest of array parameters (timestamps and JSON travel as text and are cast). */
    static final String UNNEST =
            "unnest(?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], "
                    + "?::int4[], ?::int4[], ?::text[], ?::text[]::timestamptz[], ?::text[]::jsonb[], ?::int4[], ?::text[], "
                    + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[], "
                    + "?::text[], ?::text[]::jsonb[], ?::text[], ?::int4[], ?::int8[], ?::text[], ?::text[], ?::float8[])";

    private static final TypeReference<List<ArticleEntity>> ENTITIES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> EXTRA = new TypeReference<>() {};

    private ArticleRowBinder() {}

    /** Binds the records (all with an article) as column arrays to the parameters of {@link #UNNEST}. */
    static void bind(Connection c, PreparedStatement ps, List<SinkRecord> records) throws SQLException {
        int n = records.size();
        String[] id = new String[n];
        Integer[] schemaVersion = new Integer[n];
        String[] contentHash = new String[n];
        String[] title = new String[n];
        String[] body = new String[n];
        String[] language = new String[n];
        Double[] confidence = new Double[n];
        Integer[] sentences = new Integer[n];
        Integer[] tokens = new Integer[n];
        String[] enricher = new String[n];
        String[] enriched = new String[n];
        String[] entities = new String[n];
        Integer[] rawSchemaVersion = new Integer[n];
        String[] rawId = new String[n];
        String[] source = new String[n];
        String[] url = new String[n];
        String[] rawTitle = new String[n];
        String[] rawBody = new String[n];
        String[] languageHint = new String[n];
        String[] published = new String[n];
        String[] fetched = new String[n];
        String[] rawContentHash = new String[n];
        String[] rawExtra = new String[n];
        String[] topic = new String[n];
        Integer[] partition = new Integer[n];
        Long[] offset = new Long[n];
        String[] outlet = new String[n];
        String[] storyId = new String[n];
        Double[] storySimilarity = new Double[n];
        for (int i = 0; i < n; i++) {
            SinkRecord r = records.get(i);
            EnrichedArticle a = r.article();
            id[i] = a.id();
            schemaVersion[i] = a.schemaVersion();
            contentHash[i] = a.contentHash();
            title[i] = a.title();
            body[i] = a.body();
            language[i] = a.language();
            confidence[i] = a.languageConfidence();
            sentences[i] = a.sentenceCount();
            tokens[i] = a.tokenCount();
            enricher[i] = a.enricherVersion();
            enriched[i] = text(a.enrichedAt());
            entities[i] = json(a.entities());
            RawArticle ra = a.article();
            if (ra != null) {
                rawSchemaVersion[i] = ra.schemaVersion();
                rawId[i] = unlessEqual(ra.id(), a.id());
                source[i] = ra.source();
                url[i] = ra.url();
                rawTitle[i] = unlessEqual(ra.title(), a.title());
                rawBody[i] = unlessEqual(ra.body(), a.body());
                languageHint[i] = ra.languageHint();
                published[i] = text(ra.publishedAt());
                fetched[i] = text(ra.fetchedAt());
                rawContentHash[i] = unlessEqual(ra.contentHash(), a.contentHash());
                rawExtra[i] = ra.extra().isEmpty() ? null : json(ra.extra());
            }
            topic[i] = r.topic();
            partition[i] = r.partition();
            offset[i] = r.offset();
            outlet[i] = a.outlet();
            storyId[i] = a.storyId();
            storySimilarity[i] = a.storySimilarity();
        }
        int p = 1;
        ps.setArray(p++, c.createArrayOf("text", id));
        ps.setArray(p++, c.createArrayOf("int4", schemaVersion));
        ps.setArray(p++, c.createArrayOf("text", contentHash));
        ps.setArray(p++, c.createArrayOf("text", title));
        ps.setArray(p++, c.createArrayOf("text", body));
        ps.setArray(p++, c.createArrayOf("text", language));
        ps.setArray(p++, c.createArrayOf("float8", confidence));
        ps.setArray(p++, c.createArrayOf("int4", sentences));
        ps.setArray(p++, c.createArrayOf("int4", tokens));
        ps.setArray(p++, c.createArrayOf("text", enricher));
        ps.setArray(p++, c.createArrayOf("text", enriched));
        ps.setArray(p++, c.createArrayOf("text", entities));
        ps.setArray(p++, c.createArrayOf("int4", rawSchemaVersion));
        ps.setArray(p++, c.createArrayOf("text", rawId));
        ps.setArray(p++, c.createArrayOf("text", source));
        ps.setArray(p++, c.createArrayOf("text", url));
        ps.setArray(p++, c.createArrayOf("text", rawTitle));
        ps.setArray(p++, c.createArrayOf("text", rawBody));
        ps.setArray(p++, c.createArrayOf("text", languageHint));
        ps.setArray(p++, c.createArrayOf("text", published));
        ps.setArray(p++, c.createArrayOf("text", fetched));
        ps.setArray(p++, c.createArrayOf("text", rawContentHash));
        ps.setArray(p++, c.createArrayOf("text", rawExtra));
        ps.setArray(p++, c.createArrayOf("text", topic));
        ps.setArray(p++, c.createArrayOf("int4", partition));
        ps.setArray(p++, c.createArrayOf("int8", offset));
        ps.setArray(p++, c.createArrayOf("text", outlet));
        ps.setArray(p++, c.createArrayOf("text", storyId));
        ps.setArray(p, c.createArrayOf("float8", storySimilarity));
    }

    private static String unlessEqual(String value, String same) {
        return Objects.equals(value, same) ? null : value;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    /** An id array parameter. */
    static Array ids(Connection c, List<String> ids) throws SQLException {
        return c.createArrayOf("text", ids.toArray(new String[0]));
    }

    /** Reads the article in the current row of a result with all columns of {@code articles}. */
    static EnrichedArticle read(ResultSet rs) throws SQLException {
        try {
            String id = rs.getString("id");
            String title = rs.getString("title");
            String body = rs.getString("body");
            String contentHash = rs.getString("content_hash");
            RawArticle raw = null;
            int rawSchemaVersion = rs.getInt("raw_schema_version");
            if (!rs.wasNull()) {
                String extra = rs.getString("raw_extra");
                raw = new RawArticle(
                        rawSchemaVersion,
                        orElse(rs.getString("raw_id"), id),
                        rs.getString("source"),
                        rs.getString("url"),
                        orElse(rs.getString("raw_title"), title),
                        orElse(rs.getString("raw_body"), body),
                        rs.getString("language_hint"),
                        instant(rs, "published_at"),
                        instant(rs, "fetched_at"),
                        orElse(rs.getString("raw_content_hash"), contentHash),
                        extra == null ? Map.of() : Json.mapper().readValue(extra, EXTRA),
                        rs.getString("outlet"));
            }
            // rows of versions 1 (converted by migration V2) and 2 hold entities this reader reads as version 3
            List<ArticleEntity> entities = Json.mapper().readValue(rs.getString("entities"), ENTITIES);
            int schemaVersion = rs.getInt("schema_version");
            return new EnrichedArticle(
                    schemaVersion == 1 || schemaVersion == 2 ? EnrichedArticle.SCHEMA_VERSION : schemaVersion,
                    id,
                    contentHash,
                    raw,
                    title,
                    body,
                    rs.getString("language"),
                    rs.getDouble("language_confidence"),
                    rs.getInt("sentence_count"),
                    rs.getInt("token_count"),
                    entities,
                    rs.getString("enricher_version"),
                    instant(rs, "enriched_at"),
                    rs.getString("outlet"),
                    rs.getString("story_id"),
                    (Double) rs.getObject("story_similarity"));
        } catch (JsonProcessingException e) {
            throw new SQLException("article " + rs.getString("id") + " has unreadable JSON: " + e.getMessage(), e);
        }
    }

    private static String orElse(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
