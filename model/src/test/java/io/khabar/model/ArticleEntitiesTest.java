package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ArticleEntitiesTest {

    private static final Instant T = Instant.parse("2021-09-21T10:00:00Z");
    private static final String TITLE = "عمران خان کا دورہ";
    private static final String BODY =
            "وزیر اعظم عمران خان نے کہا۔ عمران نے لاہور میں کہا۔ احمد رضا آئے اور رضا نے کہا۔";

    /** Mentions as a tagger gives them: a full name, its coreference, an unknown person and its name part. */
    static List<Entity> mentions() {
        int imran = BODY.indexOf("عمران خان");
        int part = BODY.indexOf("عمران نے");
        int lahore = BODY.indexOf("لاہور");
        int ahmad = BODY.indexOf("احمد رضا");
        int raza = BODY.lastIndexOf("رضا");
        return List.of(
                new Entity(
                        EntityType.PERSON,
                        "عمران خان",
                        Entity.TITLE,
                        0,
                        9,
                        0,
                        9,
                        "Imran Khan",
                        "Q193625",
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.DESIGNATION,
                        "وزیر اعظم",
                        Entity.BODY,
                        0,
                        9,
                        0,
                        9,
                        "Prime Minister",
                        null,
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.PERSON,
                        "عمران خان",
                        Entity.BODY,
                        imran,
                        imran + 9,
                        imran + 1,
                        imran + 10,
                        "Imran Khan",
                        "Q193625",
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.PERSON,
                        "عمران",
                        Entity.BODY,
                        part,
                        part + 5,
                        part + 1,
                        part + 6,
                        "Imran Khan",
                        "Q193625",
                        Entity.Method.COREFERENCE),
                new Entity(
                        EntityType.LOCATION,
                        "لاہور",
                        Entity.BODY,
                        lahore,
                        lahore + 5,
                        lahore + 1,
                        lahore + 6,
                        "Lahore",
                        "Q11739",
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.PERSON,
                        "احمد رضا",
                        Entity.BODY,
                        ahmad,
                        ahmad + 8,
                        ahmad + 1,
                        ahmad + 9,
                        null,
                        null,
                        Entity.Method.RULE),
                new Entity(
                        EntityType.PERSON,
                        "رضا",
                        Entity.BODY,
                        raza,
                        raza + 3,
                        raza + 1,
                        raza + 4,
                        null,
                        null,
                        Entity.Method.COREFERENCE));
    }

    @Test
    void shouldGroupMentionsByEntityWithCoreferencesInTheirEntity() {
        List<ArticleEntity> entities = ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS);

        assertThat(entities)
                .extracting(ArticleEntity::key)
                .containsExactly("Q193625", "designation:prime_minister", "Q11739", "person:احمد_رضا");
        ArticleEntity imran = entities.get(0);
        assertThat(imran.mentions())
                .extracting(EntityMention::field, EntityMention::method)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Entity.TITLE, Entity.Method.GAZETTEER),
                        org.assertj.core.groups.Tuple.tuple(Entity.BODY, Entity.Method.GAZETTEER),
                        org.assertj.core.groups.Tuple.tuple(Entity.BODY, Entity.Method.COREFERENCE));
        ArticleEntity ahmad = entities.get(3);
        assertThat(ahmad.text()).isEqualTo("احمد رضا");
        assertThat(ahmad.canonicalName()).isNull();
        assertThat(ahmad.mentions())
                .hasSize(2)
                .last()
                .extracting(EntityMention::method)
                .isEqualTo(Entity.Method.COREFERENCE);
    }

    @Test
    void shouldFlattenBackToExactlyTheMentionsItWasMadeFrom() {
        List<Entity> flat = mentions();
        List<ArticleEntity> grouped = ArticleEntities.group(flat, ArticleEntities.FALLBACK_KEYS);

        assertThat(ArticleEntities.flatten(grouped, TITLE, BODY)).containsExactlyElementsOf(flat);
    }

    @Test
    void shouldMergeGroupsTheKeyFunctionCallsTheSameEntity() {
        EntityKeyFunction oneKeyPerType = (type, canonical, wikidata, text) -> type.name();
        List<ArticleEntity> entities = ArticleEntities.group(mentions(), oneKeyPerType);

        assertThat(entities).extracting(ArticleEntity::key).containsExactly("PERSON", "DESIGNATION", "LOCATION");
        assertThat(entities.get(0).mentions()).hasSize(5);
        assertThat(entities.get(0).canonicalName()).isEqualTo("Imran Khan");
    }

    @Test
    void shouldWriteMentionsAsCompactArrays() throws Exception {
        EnrichedArticle a = article(ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS));
        String json = new String(JsonSerde.enrichedArticle().toBytes(a), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"schemaVersion\":2")
                .contains(
                        "{\"key\":\"Q193625\",\"type\":\"PERSON\",\"text\":\"عمران خان\",\"canonicalName\":\"Imran Khan\","
                                + "\"wikidataId\":\"Q193625\",\"mentions\":[[\"t\",0,9,0,9,\"g\"],");
        assertThat(JsonSerde.enrichedArticle().fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(a);
    }

    @Test
    void shouldUpgradeAVersionOneRecordWhenReadingIt() throws Exception {
        EnrichedArticle v2 = article(ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS));
        ObjectNode v1 = (ObjectNode) Json.mapper().valueToTree(v2);
        v1.put("schemaVersion", 1);
        v1.set("entities", Json.mapper().valueToTree(mentions()));
        assertThat(v1.get("entities").get(0).has("start"))
                .as("the v1 shape: flat mentions")
                .isTrue();

        EnrichedArticle read =
                JsonSerde.enrichedArticle().fromBytes(Json.mapper().writeValueAsBytes(v1));

        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read).isEqualTo(v2);
        assertThat(read.mentions()).containsExactlyElementsOf(mentions());
    }

    @Test
    void shouldRejectAMalformedMentionWithAMessage() throws Exception {
        EnrichedArticle a = article(ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS));
        ObjectNode tree = (ObjectNode) Json.mapper().valueToTree(a);
        JsonNode mention = tree.get("entities").get(0).get("mentions");
        ((com.fasterxml.jackson.databind.node.ArrayNode) mention)
                .set(0, Json.mapper().readTree("[\"x\",0,9,0,9,\"g\"]"));

        assertThatThrownBy(() ->
                        JsonSerde.enrichedArticle().fromBytes(Json.mapper().writeValueAsBytes(tree)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown mention field code 'x'");
    }

    private static EnrichedArticle article(List<ArticleEntity> entities) {
        RawArticle raw = RawArticle.of("file:a.txt", null, " " + TITLE, " " + BODY, "ur", T, T, null);
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                TITLE,
                BODY,
                "ur",
                0.99,
                3,
                20,
                entities,
                "0.1.0",
                T);
    }
}
