package io.khabar.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.ArticleEntities;
import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServeTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> enriched;
    private ViewQueries queries;

    @BeforeEach
    void start() {
        Properties p = ServeApp.streamsConfig("dummy:9092", new Properties());
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                System.getProperty("java.io.tmpdir") + "/khabar-serve-ttd-" + System.nanoTime());
        driver = new TopologyTestDriver(ServeTopology.build(), p);
        enriched = driver.createInputTopic(
                Topics.ENRICHED,
                new StringSerializer(),
                JsonSerde.enrichedArticle().serializer());
        queries = new ViewQueries(new StoreSource() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> kv(String name) {
                return driver.getKeyValueStore(name);
            }

            @Override
            public <V> List<ReadOnlyKeyValueStore<String, V>> kvPartitions(String name) {
                return List.of(driver.getKeyValueStore(name));
            }

            @Override
            public ReadOnlyWindowStore<String, Long> window(String name) {
                return driver.getWindowStore(name);
            }
        });
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static EnrichedArticle article(String id, Instant published, String title, String body, String... names) {
        List<Entity> entities = new ArrayList<>();
        for (String n : names) {
            int at = body.indexOf(n);
            boolean imran = n.startsWith("عمران");
            entities.add(new Entity(
                    imran ? EntityType.PERSON : EntityType.LOCATION,
                    n,
                    Entity.BODY,
                    at,
                    at + n.length(),
                    at,
                    at + n.length(),
                    imran ? "Imran Khan" : null,
                    imran ? "Q193625" : null,
                    Entity.Method.GAZETTEER));
        }
        RawArticle raw = new RawArticle(
                1,
                id,
                "test",
                "https://www.example.pk/news/" + id,
                title,
                body,
                "ur",
                published,
                published,
                "sha256:" + id,
                Map.of());
        return new EnrichedArticle(
                1,
                id,
                raw.contentHash(),
                raw,
                title,
                body,
                "ur",
                0.99,
                1,
                10,
                ArticleEntities.group(entities, ArticleEntities.FALLBACK_KEYS),
                "test",
                published);
    }

    @Test
    void shouldIndexArticlesByIdTimeAndEntity() {
        Instant t1 = Instant.parse("2021-09-14T10:00:00Z");
        Instant t2 = Instant.parse("2021-09-15T08:30:00Z");
        enriched.pipeInput(
                "a1", article("a1", t1, "پہلی خبر", "عمران خان لاہور گئے۔ عمران خان نے کہا", "عمران خان", "لاہور"));
        enriched.pipeInput("a2", article("a2", t2, "دوسری خبر", "وزیر اعظم عمران نے بات کی", "عمران"));

        assertThat(queries.latest(10)).extracting(ArticleSummary::id).containsExactly("a2", "a1");
        assertThat(queries.article("a1")).get().satisfies(a -> {
            assertThat(a.outlet()).isEqualTo("example.pk");
            assertThat(a.entities()).extracting(ArticleView.Entity::key).containsExactly("Q193625", "location:لاہور");
        });
        EntityInfo imran = queries.entity("Q193625").orElseThrow();
        assertThat(imran.articles()).isEqualTo(2);
        assertThat(imran.mentions())
                .isEqualTo(2); // the adapter keeps the first mention of "عمران خان" only once per offset
        assertThat(imran.variants()).containsOnlyKeys("عمران خان", "عمران");
        assertThat(queries.entityArticles("Q193625", 0, 10).items())
                .extracting(ArticleSummary::id)
                .containsExactly("a2", "a1");
        assertThat(queries.entityArticles("Q193625", 0, 1)).satisfies(p -> {
            assertThat(p.items()).extracting(ArticleSummary::id).containsExactly("a2");
            assertThat(p.hasMore()).isTrue();
        });
        assertThat(queries.mentionsPerDay("Q193625", LocalDate.parse("2021-09-13"), LocalDate.parse("2021-09-15")))
                .containsExactly(
                        Map.entry(LocalDate.parse("2021-09-13"), 0L),
                        Map.entry(LocalDate.parse("2021-09-14"), 1L),
                        Map.entry(LocalDate.parse("2021-09-15"), 1L));
        assertThat(queries.search("عمران", 10)).extracting(EntityInfo::key).containsExactly("Q193625");
        assertThat(queries.search("imran", 10)).extracting(EntityInfo::key).containsExactly("Q193625");
        assertThat(queries.search("لاہ", 10)).extracting(EntityInfo::key).containsExactly("location:لاہور");
        var trends = queries.trending(Duration.ofDays(7), t2, 5);
        assertThat(trends.get("PERSON"))
                .extracting(t -> t.entity().key(), ViewQueries.Trend::mentions)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Q193625", 2L));
        assertThat(queries.trending(Duration.ofHours(6), t2, 5).get("LOCATION")).isNull();
    }

    @Test
    void shouldTakeBackWhatAnOlderVersionAddedWhenAnArticleChangesOrIsDeleted() {
        Instant t1 = Instant.parse("2021-09-14T10:00:00Z");
        enriched.pipeInput("a1", article("a1", t1, "خبر", "عمران خان لاہور گئے", "عمران خان", "لاہور"));
        enriched.pipeInput("a2", article("a2", t1.plusSeconds(60), "خبر ۲", "لاہور میں بارش", "لاہور"));
        enriched.pipeInput("a1", article("a1", t1, "خبر", "لاہور میں بارش ہوئی", "لاہور"));

        assertThat(queries.entity("Q193625")).isEmpty();
        assertThat(queries.search("عمران", 10)).isEmpty();
        assertThat(queries.entity("location:لاہور").orElseThrow().articles()).isEqualTo(2);
        assertThat(queries.latest(10)).extracting(ArticleSummary::id).containsExactly("a2", "a1");
        assertThat(queries.mentionsPerDay("Q193625", LocalDate.parse("2021-09-14"), LocalDate.parse("2021-09-14")))
                .containsEntry(LocalDate.parse("2021-09-14"), 0L);

        enriched.pipeInput("a1", (EnrichedArticle) null);
        assertThat(queries.article("a1")).isEmpty();
        assertThat(queries.latest(10)).extracting(ArticleSummary::id).containsExactly("a2");
        assertThat(queries.entity("location:لاہور").orElseThrow().articles()).isEqualTo(1);
        assertThat(queries.entityArticles("location:لاہور", 0, 10).items())
                .extracting(ArticleSummary::id)
                .containsExactly("a2");
    }

    @Test
    void shouldSkipARecordItCannotReadCountItAndGoOn() {
        var bytes = driver.createInputTopic(Topics.ENRICHED, new StringSerializer(), new ByteArraySerializer());
        long before = ServeDeadLetterHandler.count();
        bytes.pipeInput("bad-1", "{not json".getBytes(StandardCharsets.UTF_8));
        enriched.pipeInput("a1", article("a1", Instant.parse("2021-09-14T10:00:00Z"), "خبر", "لاہور", "لاہور"));
        assertThat(ServeDeadLetterHandler.count()).isEqualTo(before + 1);
        assertThat(queries.article("a1")).isPresent();
    }

    @Test
    void shouldBuildADeadLetterWithTheOriginalBytesAndTheServeStage() {
        var handler = new ServeDeadLetterHandler();
        var record = new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                Topics.ENRICHED,
                2,
                17L,
                "bad-1".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8));
        var response =
                handler.handleError(null, record, new org.apache.kafka.common.errors.SerializationException("bad"));
        assertThat(response.result())
                .isEqualTo(org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result.RESUME);
        var dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.STAGE)).isEqualTo("serve");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET))
                .isEqualTo("17");
    }

    @Test
    void shouldListAStorysArticlesAndMoveAnArticleThatChangesStory() {
        Instant t = Instant.parse("2021-09-14T10:00:00Z");
        enriched.pipeInput("a1", article("a1", t, "خبر", "لاہور", "لاہور").withStory("a1", 1.0));
        enriched.pipeInput(
                "a2", article("a2", t.plusSeconds(60), "خبر", "لاہور", "لاہور").withStory("a1", 0.8));
        enriched.pipeInput(
                "a3", article("a3", t.plusSeconds(120), "اور", "کراچی", "کراچی").withStory("a3", 1.0));
        assertThat(queries.storyArticles("a1", 0, 10).items())
                .extracting(ArticleSummary::id, ArticleSummary::storySimilarity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a2", 0.8), org.assertj.core.groups.Tuple.tuple("a1", 1.0));
        // a story key never meets an entity key
        assertThat(queries.entity(ServeTopology.storyKey("a1"))).isEmpty();

        enriched.pipeInput(
                "a2", article("a2", t.plusSeconds(60), "خبر", "لاہور", "لاہور").withStory("a3", 0.7));
        assertThat(queries.storyArticles("a1", 0, 10).items())
                .extracting(ArticleSummary::id)
                .containsExactly("a1");
        assertThat(queries.storyArticles("a3", 0, 10).items())
                .extracting(ArticleSummary::id)
                .containsExactly("a3", "a2");
        var page = org.jsoup.Jsoup.parse(Pages.story("a3", queries.storyArticles("a3", 0, 10)));
        assertThat(page.select("#story-articles li"))
                .extracting(li -> li.attr("data-id"))
                .containsExactly("a3", "a2");
    }

    @Test
    void shouldDropMentionsWhoseOffsetsDoNotFitTheText() {
        EnrichedArticle a = article("a1", Instant.parse("2021-09-14T10:00:00Z"), "خبر", "لاہور", "لاہور");
        List<Entity> bad = new ArrayList<>(a.mentions());
        bad.add(new Entity(EntityType.PERSON, "x", Entity.BODY, 3, 400, 3, 400, null, null, Entity.Method.RULE));
        enriched.pipeInput(
                "a1",
                new EnrichedArticle(
                        1,
                        "a1",
                        a.contentHash(),
                        a.article(),
                        a.title(),
                        a.body(),
                        "ur",
                        1,
                        1,
                        1,
                        ArticleEntities.group(bad, ArticleEntities.FALLBACK_KEYS),
                        "t",
                        a.enrichedAt()));
        assertThat(queries.article("a1").orElseThrow().entities())
                .extracting(ArticleView.Entity::key)
                .containsExactly("location:لاہور");
    }
}
