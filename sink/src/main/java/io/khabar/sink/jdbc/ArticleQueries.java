package io.khabar.sink.jdbc;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Read queries on the tables the PostgreSQL target writes: what {@code khabar query} runs. */
public final class ArticleQueries {

    /** One article mentioning an entity. */
    public record Match(String id, String title, Instant publishedAt, String url, int mentions) {}

    static final String MENTIONING = "SELECT a.id, a.title, a.published_at, a.url, sum(e.mention_count) AS mentions "
            + "FROM article_entities e JOIN articles a ON a.id = e.article_id "
            + "WHERE (lower(e.canonical_name) = lower(?) OR e.surface = ? OR e.wikidata_id = ? OR e.entity_key = ?) "
            + "AND (?::text IS NULL OR e.type = ?) "
            + "GROUP BY a.id, a.title, a.published_at, a.url "
            + "ORDER BY a.published_at DESC NULLS LAST, a.id LIMIT ?";

    private final DataSource dataSource;

    public ArticleQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Articles mentioning the entity, newest first. {@code name} matches the canonical name (any case, e.g.
     * {@code Imran Khan}), the Urdu surface form exactly ({@code عمران خان}), the Wikidata id ({@code Q193625}) or the entity key.
     *
     * @param type  only entities of this type, or null for any
     * @param limit at most this many articles
     */
    public List<Match> mentioning(String name, EntityType type, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(MENTIONING)) {
            c.setReadOnly(true);
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setString(3, name);
            ps.setString(4, name);
            ps.setString(5, type == null ? null : type.name());
            ps.setString(6, type == null ? null : type.name());
            ps.setInt(7, limit);
            List<Match> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Match(
                            rs.getString("id"),
                            rs.getString("title"),
                            ArticleRowBinder.instant(rs, "published_at"),
                            rs.getString("url"),
                            rs.getInt("mentions")));
                }
            }
            end(c);
            return result;
        }
    }

    /** The stored article with the id, as it was written (timestamps at PostgreSQL's microsecond precision). */
    public Optional<EnrichedArticle> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM articles WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<EnrichedArticle> result =
                        rs.next() ? Optional.of(ArticleRowBinder.read(rs)) : Optional.empty();
                end(c);
                return result;
            }
        }
    }

    private static void end(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    /** Number of rows in {@code articles}. */
    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM articles");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long n = rs.getLong(1);
            end(c);
            return n;
        }
    }
}
