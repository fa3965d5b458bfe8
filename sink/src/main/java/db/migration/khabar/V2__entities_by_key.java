package db.migration.khabar;

import com.fasterxml.jackson.core.type.TypeReference;
import io.khabar.model.ArticleEntities;
import io.khabar.model.ArticleEntity;
import io.khabar.model.Entity;
import io.khabar.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Sink schema version 2 (record schema version 2): {@code articles.entities} holds entities grouped by entity,
 * and {@code article_entities} has one row per entity of an article, keyed by (article id, entity key), with its
 * mentions as a compact JSON array. Version 1 rows are converted in place with the model's grouping and fallback
 * keys ({@link ArticleEntities#group}), so nothing they carried is lost.
 */
public class V2__entities_by_key extends BaseJavaMigration {

    private static final TypeReference<List<Entity>> V1 = new TypeReference<>() {};

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE article_entities");
            s.execute("CREATE TABLE article_entities ("
                    + " article_id     text    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
                    + " entity_key     text    NOT NULL,"
                    + " ordinal        integer NOT NULL,"
                    + " type           text    NOT NULL,"
                    + " surface        text    NOT NULL,"
                    + " canonical_name text,"
                    + " wikidata_id    text,"
                    + " romanized      text,"
                    + " mention_count  integer NOT NULL,"
                    + " mentions       jsonb   NOT NULL CHECK (jsonb_typeof(mentions) = 'array'),"
                    + " PRIMARY KEY (article_id, entity_key))");
            s.execute("COMMENT ON TABLE article_entities IS 'one row per distinct entity of an article (record "
                    + "schema 2); mentions as [field, start, end, originalStart, originalEnd, method] arrays'");
            s.execute("CREATE INDEX article_entities_key ON article_entities (entity_key)");
            s.execute("CREATE INDEX article_entities_canonical ON article_entities (lower(canonical_name), type)");
            s.execute("CREATE INDEX article_entities_surface ON article_entities (surface, type)");
            s.execute(
                    "CREATE INDEX article_entities_wikidata ON article_entities (wikidata_id) WHERE wikidata_id IS NOT NULL");
        }
        try (PreparedStatement read = c.prepareStatement(
                        "SELECT id, title, body, entities::text FROM articles WHERE schema_version = 1");
                PreparedStatement write = c.prepareStatement(
                        "UPDATE articles SET entities = ?::jsonb, schema_version = 2 WHERE id = ?")) {
            read.setFetchSize(500);
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    List<Entity> mentions = Json.mapper().readValue(rs.getString(4), V1);
                    List<ArticleEntity> entities = ArticleEntities.group(mentions, ArticleEntities.FALLBACK_KEYS);
                    write.setString(1, Json.mapper().writeValueAsString(entities));
                    write.setString(2, rs.getString(1));
                    write.addBatch();
                    if (++pending == 500) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO article_entities (article_id, entity_key, ordinal, type, surface, canonical_name, "
                    + "wikidata_id, romanized, mention_count, mentions) "
                    + "SELECT a.id, e.v->>'key', e.n::int, e.v->>'type', e.v->>'text', e.v->>'canonicalName', "
                    + "e.v->>'wikidataId', e.v->>'romanized', jsonb_array_length(e.v->'mentions'), e.v->'mentions' "
                    + "FROM articles a CROSS JOIN LATERAL jsonb_array_elements(a.entities) WITH ORDINALITY AS e(v, n)");
        }
    }
}
