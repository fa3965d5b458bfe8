package io.khabar.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The journalists' queries of {@code khabar query} on the sink's tables: articles by entity, outlet, type, story
 * and period; the most mentioned entities; stories covered by several outlets; one story; trending entities.
 * Each query's SQL is documented in docs/query.md (the same text as here).
 */
public final class NewsroomQueries {

    /** What a query returns: column names and rows of values (strings, numbers, instants, arrays as lists). */
    public record Rows(List<String> columns, List<List<Object>> rows) {}

    /**
     * Filters shared by the queries; null fields are not applied.
     *
     * @param entity entity key, canonical name, romanised name or surface form, whole words (any case for Latin):
     *               {@code Imran} finds {@code Imran Khan} and {@code عمران خان}
     * @param type   entity type (PERSON, LOCATION, ORGANIZATION, …)
     * @param outlet part of the outlet's name or domain, any case ({@code Geo} finds {@code Geo News Urdu} and {@code urdu.geo.tv})
     * @param since  published (else fetched) at or after
     * @param until  published (else fetched) before
     * @param story  story id
     * @param limit  most rows
     */
    public record Filters(
            String entity, String type, String outlet, Instant since, Instant until, String story, int limit) {}

    /** When an article happened, for every period filter: publication time, else fetch time. */
    static final String WHEN = "coalesce(a.published_at, a.fetched_at)";

    /**
     * Entity match: key, Wikidata id or surface form exactly, canonical or romanised name in any case, or any of them
     * as whole words; parameters: the name five times, then LIKE word patterns (lower-cased twice, as given once).
     */
    static final String ENTITY_MATCH = "(e.entity_key = ? OR e.wikidata_id = ? OR e.surface = ? "
            + "OR lower(e.canonical_name) = lower(?) OR lower(e.romanized) = lower(?) "
            + "OR ' ' || lower(e.canonical_name) || ' ' LIKE ? ESCAPE '\\' OR ' ' || lower(e.romanized) || ' ' LIKE ? ESCAPE '\\' "
            + "OR ' ' || e.surface || ' ' LIKE ? ESCAPE '\\')";

    private final DataSource dataSource;

    public NewsroomQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Articles (newest first) matching the filters; with an entity, only articles mentioning it, with its mention count. */
    public Rows articles(Filters f) throws SQLException {
        Sql q = new Sql();
        if (f.entity() != null) {
            q.add("SELECT a.id, " + WHEN
                    + " AS published, a.outlet, sum(e.mention_count) AS mentions, a.story_id, a.title, a.url "
                    + "FROM articles a JOIN article_entities e ON e.article_id = a.id WHERE " + ENTITY_MATCH);
            entityParams(q, f.entity());
            if (f.type() != null) {
                q.add(" AND e.type = ?", f.type());
            }
        } else {
            q.add("SELECT a.id, " + WHEN
                    + " AS published, a.outlet, a.story_id, a.title, a.url FROM articles a WHERE true");
            if (f.type() != null) {
                q.add(
                        " AND EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND e.type = ?)",
                        f.type());
            }
        }
        articleFilters(q, f);
        if (f.entity() != null) {
            q.add(" GROUP BY a.id");
        }
        q.add(" ORDER BY published DESC NULLS LAST, a.id LIMIT ?", f.limit());
        return run(q);
    }

    /** The most mentioned entities in the period: articles mentioning each, mentions, outlets; by type and outlet filters. */
    public Rows top(Filters f) throws SQLException {
        Sql q = new Sql();
        q.add(
                "SELECT e.type, coalesce(max(e.canonical_name), max(e.romanized), min(e.surface)) AS name, "
                        + "count(DISTINCT a.id) AS articles, sum(e.mention_count) AS mentions, count(DISTINCT a.outlet) AS outlets, "
                        + "e.entity_key "
                        + "FROM article_entities e JOIN articles a ON a.id = e.article_id WHERE e.type NOT IN ('DATE', 'DESIGNATION')");
        if (f.type() != null) {
            q.add(" AND e.type = ?", f.type());
        }
        if (f.entity() != null) {
            q.add(" AND " + ENTITY_MATCH);
            entityParams(q, f.entity());
        }
        articleFilters(q, f);
        q.add(" GROUP BY e.type, e.entity_key ORDER BY articles DESC, mentions DESC, name LIMIT ?", f.limit());
        return run(q);
    }

    /** Stories covered by at least {@code minOutlets} outlets, most outlets first; period on the story's first article. */
    public Rows stories(Filters f, int minOutlets) throws SQLException {
        Sql q = new Sql();
        q.add(
                "SELECT s.story_id, s.outlets, s.articles, s.first_published_at, array_to_string(s.outlet_names, ', ') "
                        + "AS outlet_names, s.title FROM stories s WHERE s.outlets >= ?",
                minOutlets);
        if (f.since() != null) {
            q.add(" AND s.first_published_at >= ?", Timestamp.from(f.since()));
        }
        if (f.until() != null) {
            q.add(" AND s.first_published_at < ?", Timestamp.from(f.until()));
        }
        if (f.outlet() != null) {
            q.add(
                    " AND EXISTS (SELECT 1 FROM unnest(s.outlet_names) o WHERE o ILIKE ? ESCAPE '\\')",
                    contains(f.outlet()));
        }
        if (f.entity() != null) {
            q.add(" AND EXISTS (SELECT 1 FROM articles a JOIN article_entities e ON e.article_id = a.id "
                    + "WHERE a.story_id = s.story_id AND " + ENTITY_MATCH + ")");
            entityParams(q, f.entity());
        }
        q.add(" ORDER BY s.outlets DESC, s.articles DESC, s.first_published_at DESC NULLS LAST LIMIT ?", f.limit());
        return run(q);
    }

    /** The articles of one story, first article first, with their similarity to it. */
    public Rows story(String storyId, int limit) throws SQLException {
        Sql q = new Sql();
        q.add(
                "SELECT a.id, " + WHEN + " AS published, a.outlet, a.story_similarity AS similarity, a.title, a.url "
                        + "FROM articles a WHERE a.story_id = ? ORDER BY published NULLS LAST, a.id LIMIT ?",
                storyId,
                limit);
        return run(q);
    }

    /**
     * Trending entities: the top entities of each hour or day window in the period, by articles; without a period,
     * the latest window that has counts.
     */
    public Rows trending(Filters f, String window) throws SQLException {
        Sql q = new Sql();
        q.add(
                "SELECT window_start, entity_type, name, articles, mentions FROM ("
                        + "SELECT t.*, row_number() OVER (PARTITION BY t.window_start ORDER BY t.articles DESC, t.mentions DESC, "
                        + "t.entity_key) AS rank FROM entity_trends t WHERE t.window_size = ?",
                window);
        if (f.type() != null) {
            q.add(" AND t.entity_type = ?", f.type());
        }
        if (f.entity() != null) {
            q.add(
                    " AND (lower(t.entity_key) = lower(?) OR ' ' || lower(t.name) || ' ' LIKE ? ESCAPE '\\')",
                    f.entity(),
                    word(f.entity().toLowerCase(java.util.Locale.ROOT)));
        }
        if (f.since() == null && f.until() == null) {
            q.add(" AND t.window_start = (SELECT max(window_start) FROM entity_trends WHERE window_size = ?)", window);
        }
        if (f.since() != null) {
            q.add(" AND t.window_start >= ?", Timestamp.from(f.since()));
        }
        if (f.until() != null) {
            q.add(" AND t.window_start < ?", Timestamp.from(f.until()));
        }
        q.add(") ranked WHERE rank <= ? ORDER BY window_start DESC, rank", f.limit());
        return run(q);
    }

    /** Rows in {@code articles}, to tell an empty database from an empty result. */
    public long articleCount() throws SQLException {
        return ((Number) run(new Sql().add("SELECT count(*) FROM articles"))
                        .rows()
                        .get(0)
                        .get(0))
                .longValue();
    }

    private static void entityParams(Sql q, String entity) {
        String lower = entity.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < 5; i++) {
            q.params.add(entity);
        }
        q.params.add(word(lower));
        q.params.add(word(lower));
        q.params.add(word(entity));
    }

    private static void articleFilters(Sql q, Filters f) {
        if (f.outlet() != null) {
            q.add(" AND a.outlet ILIKE ? ESCAPE '\\'", contains(f.outlet()));
        }
        if (f.since() != null) {
            q.add(" AND " + WHEN + " >= ?", Timestamp.from(f.since()));
        }
        if (f.until() != null) {
            q.add(" AND " + WHEN + " < ?", Timestamp.from(f.until()));
        }
        if (f.story() != null) {
            q.add(" AND a.story_id = ?", f.story());
        }
    }

    /** LIKE pattern: the words anywhere, at word boundaries (spaces). */
    static String word(String s) {
        return "% " + escape(s.strip()) + " %";
    }

    static String contains(String s) {
        return "%" + escape(s.strip()) + "%";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Rows run(Sql q) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(q.sql.toString())) {
            c.setReadOnly(true);
            for (int i = 0; i < q.params.size(); i++) {
                ps.setObject(i + 1, q.params.get(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Timestamp || md.getColumnTypeName(i).startsWith("timestamp")) {
                            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                            v = t == null ? null : t.toInstant();
                        }
                        row.add(v);
                    }
                    rows.add(row);
                }
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return new Rows(columns, rows);
        }
    }

    /** SQL text and its parameters, built together. */
    private static final class Sql {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Sql add(String text, Object... values) {
            sql.append(text);
            params.addAll(List.of(values));
            return this;
        }
    }
}
