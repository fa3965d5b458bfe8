package io.khabar.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.EntityType;
import io.khabar.model.RawArticle;
import io.khabar.sink.Batch;
import io.khabar.sink.SinkRecord;
import io.khabar.sink.SinkTarget;
import io.khabar.sink.StalePositionException;
import io.khabar.sink.TestArticles;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL target against a real server (see {@link PostgresSupport}). */
class PostgresTargetIT {

    private static final String TOPIC = "enriched";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private PostgresSupport.Database db;
    private PostgresTarget target;
    private ArticleQueries queries;
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final List<String> rejected = new ArrayList<>();
    private final SinkTarget.Rejects rejects =
            (r, reason, message, error) -> rejected.add(r.article().id() + " " + reason + " " + message);

    @BeforeEach
    void open() {
        db = PostgresSupport.newDatabase();
        target = new PostgresTarget(db.url(), db.user(), db.password(), 2);
        target.open(TOPIC, "g");
        queries = new ArticleQueries(target.dataSource());
    }

    @AfterEach
    void close() {
        target.close();
    }

    private int write(int partition, long firstOffset, EnrichedArticle... articles) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < articles.length; i++) {
            records.add(new SinkRecord(TOPIC, partition, firstOffset + i, articles[i]));
        }
        TopicPartition tp = new TopicPartition(TOPIC, partition);
        long next = firstOffset + articles.length;
        Map<TopicPartition, Long> expected = stored.containsKey(tp) ? Map.of(tp, stored.get(tp)) : Map.of();
        int n = target.write(new Batch(records, expected, Map.of(tp, next)), rejects);
        stored.put(tp, next);
        return n;
    }

    private long countRows(String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldWriteArticlesEntityRowsAndPositionsInOneTransaction() throws SQLException {
        assertThat(write(0, 0, TestArticles.numbered(1), TestArticles.numbered(2), TestArticles.numbered(3)))
                .isEqualTo(3);

        assertThat(queries.count()).isEqualTo(3);
        assertThat(countRows("SELECT count(*) FROM article_entities")).isEqualTo(6);
        assertThat(countRows(
                        "SELECT count(*) FROM article_entities WHERE type = 'PERSON' AND canonical_name = 'Imran Khan'"
                                + " AND surface = 'عمران خان' AND entity_key = 'Q193625' AND mention_count = 1"
                                + " AND mentions->0->>0 = 't'"))
                .isEqualTo(3);
        assertThat(target.storedPositions()).containsOnly(Map.entry(P0, 3L));
        assertThat(queries.find(TestArticles.numbered(2).id())).contains(TestArticles.numbered(2));
    }

    @Test
    void shouldReplaceAnOlderVersionAndIgnoreAnOlderOrEqualOneArrivingLater() throws SQLException {
        EnrichedArticle v1 = TestArticles.numbered(7, 1, 300);
        EnrichedArticle v2 = withEntities(TestArticles.numbered(7, 2, 300), 1);
        write(0, 10, v1);
        write(0, 11, v2);
        assertThat(queries.find(v1.id())).contains(v2);
        assertThat(countRows("SELECT count(*) FROM article_entities"))
                .as("entities rewritten")
                .isEqualTo(1);

        // An older version replayed later (e.g. by a second sink group with its own positions): ignored.
        target.write(new Batch(List.of(new SinkRecord(TOPIC, 0, 10, v1)), Map.of(), Map.of()), rejects);
        // The same version again: ignored too (nothing changes, written count 0).
        int again = target.write(new Batch(List.of(new SinkRecord(TOPIC, 0, 11, v2)), Map.of(), Map.of()), rejects);

        assertThat(again).isZero();
        assertThat(queries.find(v1.id())).contains(v2);
        assertThat(countRows("SELECT count(*) FROM article_entities")).isEqualTo(1);
        assertThat(countRows("SELECT kafka_offset FROM articles")).isEqualTo(11);
    }

    @Test
    void shouldOrderVersionsFromDifferentPartitionsByEnrichmentTime() throws SQLException {
        EnrichedArticle older = TestArticles.numbered(8, 1, 300);
        EnrichedArticle newer = TestArticles.numbered(8, 2, 300); // enrichedAt 1 ms later
        write(1, 100, newer);
        write(0, 500, older); // higher offset, but another partition: enrichment time decides
        assertThat(queries.find(newer.id())).contains(newer);
    }

    @Test
    void shouldKeepOnlyTheLastVersionOfAnIdWithinOneBatch() throws SQLException {
        EnrichedArticle v1 = TestArticles.numbered(9, 1, 300);
        EnrichedArticle v2 = TestArticles.numbered(9, 2, 300);
        assertThat(write(0, 0, v1, TestArticles.numbered(10), v2)).isEqualTo(2);
        assertThat(queries.find(v1.id())).contains(v2);
        assertThat(target.storedPositions()).containsOnly(Map.entry(P0, 3L));
    }

    @Test
    void shouldRoundTripTheUrduSeedArticleByteExact() throws SQLException {
        EnrichedArticle seed = TestArticles.seed();
        write(0, 0, seed);

        EnrichedArticle back = queries.find(seed.id()).orElseThrow();
        assertThat(back).isEqualTo(seed);
        assertThat(back.title().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(seed.title().getBytes(StandardCharsets.UTF_8));
        assertThat(back.body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(seed.body().getBytes(StandardCharsets.UTF_8));
        assertThat(back.article().body()).isEqualTo(seed.article().body());
        assertThat(back.entities()).extracting(e -> e.text()).containsExactly("پیوٹن", "عمران خان");
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT surface FROM article_entities ORDER BY ordinal")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("پیوٹن");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("عمران خان");
        }
        assertThat(queries.mentioning("عمران خان", null, 10))
                .extracting(ArticleQueries.Match::id)
                .containsExactly(seed.id());
    }

    @Test
    void shouldRejectOnlyTheRowsThatBreakAConstraint() throws SQLException {
        EnrichedArticle good1 = TestArticles.numbered(1);
        EnrichedArticle good2 = TestArticles.numbered(2);
        EnrichedArticle a = TestArticles.numbered(3);
        // PostgreSQL text cannot hold U+0000: a record the database refuses.
        EnrichedArticle nul = new EnrichedArticle(
                a.schemaVersion(),
                a.id(),
                a.contentHash(),
                a.article(),
                a.title(),
                "متن\u0000متن",
                a.language(),
                a.languageConfidence(),
                a.sentenceCount(),
                a.tokenCount(),
                a.entities(),
                a.enricherVersion(),
                a.enrichedAt());

        assertThat(write(0, 0, good1, nul, good2)).isEqualTo(2);

        assertThat(rejected)
                .singleElement()
                .asString()
                .startsWith(a.id() + " constraint-violation")
                .contains("enriched/0@1")
                .contains("SQLState 22");
        assertThat(queries.count()).isEqualTo(2);
        assertThat(queries.find(a.id())).isEmpty();
        assertThat(target.storedPositions()).containsOnly(Map.entry(P0, 3L));
    }

    @Test
    void shouldRefuseABatchWhenAnotherInstanceMovedThePositions() throws SQLException {
        write(0, 0, TestArticles.numbered(1), TestArticles.numbered(2));
        // This instance believes the stored position is 1; it is 2.
        Batch stale = new Batch(
                List.of(new SinkRecord(TOPIC, 0, 1, TestArticles.numbered(5))), Map.of(P0, 1L), Map.of(P0, 2L));
        assertThatThrownBy(() -> target.write(stale, rejects))
                .isInstanceOf(StalePositionException.class)
                .hasMessageContaining("another sink instance");
        assertThat(queries.find(TestArticles.numbered(5).id()))
                .as("nothing of the batch written")
                .isEmpty();
        assertThat(target.storedPositions()).containsOnly(Map.entry(P0, 2L));
    }

    @Test
    void shouldConvertVersionOneRowsToEntitiesByKeyWhenMigrating() throws Exception {
        PostgresSupport.Database v1db = PostgresSupport.newDatabase();
        EnrichedArticle a = TestArticles.numbered(7);
        String v1Entities = io.khabar.model.Json.mapper().writeValueAsString(a.mentions());
        try (Connection c = v1db.connect()) {
            org.flywaydb.core.Flyway.configure()
                    .dataSource(v1db.url(), v1db.user(), v1db.password())
                    .locations(PostgresDatabase.MIGRATIONS)
                    .table(PostgresDatabase.HISTORY_TABLE)
                    .target("1")
                    .load()
                    .migrate();
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO articles (id, schema_version, "
                            + "content_hash, title, body, language_confidence, sentence_count, token_count, entities, "
                            + "kafka_topic, kafka_partition, kafka_offset) VALUES (?, 1, ?, ?, ?, 0.9, 1, 1, ?::jsonb, 't', 0, 0)")) {
                ps.setString(1, a.id());
                ps.setString(2, a.contentHash());
                ps.setString(3, a.title());
                ps.setString(4, a.body());
                ps.setString(5, v1Entities);
                ps.executeUpdate();
            }
        }
        try (PostgresTarget upgraded = new PostgresTarget(v1db.url(), v1db.user(), v1db.password(), 2)) {
            upgraded.open(TOPIC, "g");
            EnrichedArticle back =
                    new ArticleQueries(upgraded.dataSource()).find(a.id()).orElseThrow();
            assertThat(back.schemaVersion()).isEqualTo(EnrichedArticle.SCHEMA_VERSION);
            assertThat(back.entities()).isEqualTo(a.entities());
            assertThat(back.mentions()).isEqualTo(a.mentions());
        }
        try (Connection c = v1db.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT entity_key, mention_count FROM article_entities ORDER BY ordinal")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Q193625");
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Q889");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void shouldMigrateOnceAndKeepPositionsPerGroup() throws SQLException {
        write(0, 0, TestArticles.numbered(1));
        long migrations = countRows("SELECT count(*) FROM " + PostgresDatabase.HISTORY_TABLE + " WHERE success");
        try (PostgresTarget again = new PostgresTarget(db.url(), db.user(), db.password(), 2)) {
            again.open(TOPIC, "g");
            assertThat(again.storedPositions()).containsOnly(Map.entry(P0, 1L));
        }
        try (PostgresTarget otherGroup = new PostgresTarget(db.url(), db.user(), db.password(), 2)) {
            otherGroup.open(TOPIC, "other");
            assertThat(otherGroup.storedPositions()).isEmpty();
        }
        // every migration applied once, none again on re-open
        assertThat(migrations).isGreaterThanOrEqualTo(2);
        assertThat(countRows("SELECT count(*) FROM " + PostgresDatabase.HISTORY_TABLE + " WHERE success"))
                .isEqualTo(migrations);
    }

    @Test
    void shouldKeepTheStoriesTableInStepWithTheArticlesStoriesAndOutlets() throws SQLException {
        EnrichedArticle first = TestArticles.numbered(1);
        EnrichedArticle second = TestArticles.numbered(2);
        write(0, 0, first.withStory(first.id(), 1.0), second.withStory(second.id(), 1.0));
        assertThat(countRows("SELECT count(*) FROM stories")).isEqualTo(2);

        // a correction moves the second article into the first one's story: its own story disappears
        write(0, 2, second.withStory(first.id(), 0.8));

        assertThat(countRows("SELECT count(*) FROM stories")).isEqualTo(1);
        assertThat(countRows("SELECT articles FROM stories WHERE story_id = '" + first.id() + "'"))
                .isEqualTo(2);
        assertThat(countRows(
                        "SELECT count(*) FROM articles WHERE story_id = '" + first.id() + "' AND outlet IS NOT NULL"))
                .isEqualTo(first.outlet() == null ? 0 : 2);
        assertThat(queries.find(second.id())).hasValueSatisfying(a -> {
            assertThat(a.storyId()).isEqualTo(first.id());
            assertThat(a.storySimilarity()).isEqualTo(0.8);
        });
    }

    @Test
    void shouldRefuseAPoolTooSmallToMigrate() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new PostgresTarget(db.url(), db.user(), db.password(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc.pool.size must be at least 2");
    }

    @Test
    void shouldFindArticlesMentioningAnEntityByCanonicalNameTypeOrWikidataId() throws SQLException {
        write(0, 0, TestArticles.numbered(1), TestArticles.numbered(2), TestArticles.seed());
        assertThat(queries.mentioning("imran khan", null, 10)).hasSize(3);
        assertThat(queries.mentioning("Imran Khan", EntityType.LOCATION, 10)).isEmpty();
        assertThat(queries.mentioning("Q7747", EntityType.PERSON, 10))
                .extracting(ArticleQueries.Match::id)
                .containsExactly(TestArticles.seed().id());
        assertThat(queries.mentioning("Afghanistan", EntityType.LOCATION, 1))
                .hasSize(1)
                .first()
                .satisfies(m -> assertThat(m.mentions()).isEqualTo(1));
    }

    private static EnrichedArticle withEntities(EnrichedArticle a, int keep) {
        RawArticle raw = a.article();
        return new EnrichedArticle(
                a.schemaVersion(),
                a.id(),
                a.contentHash(),
                raw,
                a.title(),
                a.body(),
                a.language(),
                a.languageConfidence(),
                a.sentenceCount(),
                a.tokenCount(),
                a.entities().subList(0, keep),
                a.enricherVersion(),
                a.enrichedAt());
    }
}
