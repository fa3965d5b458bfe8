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
    void shouldWriteMentionsAsCompactArraysWithTheShiftToTheOriginalOnlyWhereThereIsOne() throws Exception {
        EnrichedArticle a = article(ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS));
        String json = new String(JsonSerde.enrichedArticle().toBytes(a), StandardCharsets.UTF_8);
        int imran = BODY.indexOf("عمران خان");
        int part = BODY.indexOf("عمران نے");

        assertThat(json)
                .contains("\"schemaVersion\":3")
                .as("the Wikidata id is the key")
                .contains("{\"key\":\"Q193625\",\"type\":\"PERSON\",\"canonicalName\":\"Imran Khan\","
                        + "\"mentions\":[[\"t\",0,9,\"g\"],[\"b\"," + imran + ","
                        + (imran + 9) + ",\"g\",1],[\"b\"," + part + "," + (part + 5) + ",\"c\",1]]}")
                .as("the text is the title's at the first mention, the content hash the article's")
                .doesNotContain("\"text\"")
                .doesNotContain("\"wikidataId\"")
                .doesNotContain("\"contentHash\":\"sha256:" + a.contentHash().substring(7) + "\",\"article\"");
        assertThat(JsonSerde.enrichedArticle().fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(a);
    }

    @Test
    void shouldWriteAMentionWhoseEndsMoveDifferentlyWithBothShifts() throws Exception {
        EntityMention m = new EntityMention(Entity.BODY, 10, 15, 12, 18, Entity.Method.RULE);

        assertThat(Json.mapper().writeValueAsString(m)).isEqualTo("[\"b\",10,15,\"r\",2,3]");
        assertThat(Json.mapper().readValue("[\"b\",10,15,\"r\",2,3]", EntityMention.class))
                .isEqualTo(m);
        assertThat(Json.mapper().readValue("[\"b\",10,15,\"r\",-2]", EntityMention.class))
                .isEqualTo(new EntityMention(Entity.BODY, 10, 15, 8, 13, Entity.Method.RULE));
    }

    @Test
    void shouldWriteTextContentHashAndOutletWhereTheRecordCannotGiveThemOtherwise() throws Exception {
        List<ArticleEntity> grouped = ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS);
        ArticleEntity renamed = grouped.get(2).withText("لاہور شہر");
        EnrichedArticle plain = article(List.of(grouped.get(0), grouped.get(1), renamed, grouped.get(3)));
        EnrichedArticle a = new EnrichedArticle(
                plain.schemaVersion(),
                plain.id(),
                "sha256:" + "0".repeat(64),
                plain.article(),
                plain.title(),
                plain.body(),
                plain.language(),
                plain.languageConfidence(),
                plain.sentenceCount(),
                plain.tokenCount(),
                plain.entities(),
                plain.enricherVersion(),
                plain.enrichedAt(),
                "Dawn",
                null,
                null);
        JsonNode tree = Json.mapper().readTree(JsonSerde.enrichedArticle().toBytes(a));

        assertThat(tree.get("contentHash").asText())
                .as("a hash other than the raw record's")
                .isEqualTo("sha256:" + "0".repeat(64));
        assertThat(tree.get("outlet").asText()).isEqualTo("Dawn");
        assertThat(tree.get("entities").get(2).get("text").asText())
                .as("a text that is not the text at the first mention")
                .isEqualTo("لاہور شہر");
        assertThat(tree.get("entities").get(3).has("text")).isFalse();
        EnrichedArticle back =
                JsonSerde.enrichedArticle().fromBytes(Json.mapper().writeValueAsBytes(tree));
        assertThat(back).isEqualTo(a);
        assertThat(back.entities().get(3).text()).isEqualTo("احمد رضا");
    }

    @Test
    void shouldUpgradeAVersionTwoRecordWhenReadingIt() throws Exception {
        EnrichedArticle current = article(ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS));
        ObjectNode v2 = (ObjectNode) Json.mapper().valueToTree(current);
        v2.put("schemaVersion", 2);
        v2.put("contentHash", current.contentHash());
        com.fasterxml.jackson.databind.node.ArrayNode entities = Json.mapper().createArrayNode();
        for (ArticleEntity e : current.entities()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("key", e.key()).put("type", e.type().name()).put("text", e.text());
            if (e.canonicalName() != null) {
                o.put("canonicalName", e.canonicalName());
            }
            if (e.wikidataId() != null) {
                o.put("wikidataId", e.wikidataId());
            }
            com.fasterxml.jackson.databind.node.ArrayNode ms = o.putArray("mentions");
            for (EntityMention m : e.mentions()) {
                ms.addArray()
                        .add(Entity.TITLE.equals(m.field()) ? "t" : "b")
                        .add(m.start())
                        .add(m.end())
                        .add(m.originalStart())
                        .add(m.originalEnd())
                        .add(EntityMention.methodCode(m.method()));
            }
            entities.add(o);
        }
        v2.set("entities", entities);

        EnrichedArticle read =
                JsonSerde.enrichedArticle().fromBytes(Json.mapper().writeValueAsBytes(v2));

        assertThat(read.schemaVersion()).isEqualTo(3);
        assertThat(read).isEqualTo(current);
        assertThat(RecordSchemas.enrichedErrors(Json.mapper().writeValueAsBytes(v2)))
                .as("the schema describes version 3 only")
                .isNotEmpty();
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

        assertThat(read.schemaVersion()).isEqualTo(3);
        assertThat(read).isEqualTo(v2);
        assertThat(read.mentions()).containsExactlyElementsOf(mentions());
    }

    @Test
    void shouldRejectAMalformedMentionWithAMessage() throws Exception {
        EnrichedArticle a = article(ArticleEntities.group(mentions(), ArticleEntities.FALLBACK_KEYS));
        ObjectNode tree = (ObjectNode) Json.mapper().valueToTree(a);
        JsonNode mention = tree.get("entities").get(0).get("mentions");
        ((com.fasterxml.jackson.databind.node.ArrayNode) mention)
                .set(0, Json.mapper().readTree("[\"x\",0,9,\"g\"]"));

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

    @Test
    void shouldMakeAnAcronymAliasOneEntityWithTheOrganisationItStandsFor() {
        String body = "ٹمبکٹو کونسل (ٹی سی) نے کہا۔ ٹی سی نے کہا۔";
        int org = body.indexOf("ٹمبکٹو کونسل");
        int acronym = body.indexOf("ٹی سی");
        int lone = body.lastIndexOf("ٹی سی");
        String name = "ٹمبکٹو کونسل";
        List<Entity> mentions = List.of(
                new Entity(
                        EntityType.ORGANIZATION,
                        name,
                        Entity.BODY,
                        org,
                        org + 12,
                        org,
                        org + 12,
                        null,
                        null,
                        Entity.Method.RULE),
                new Entity(
                        EntityType.ORGANIZATION,
                        "ٹی سی",
                        Entity.BODY,
                        acronym,
                        acronym + 5,
                        acronym,
                        acronym + 5,
                        null,
                        null,
                        Entity.Method.RULE,
                        name),
                new Entity(
                        EntityType.ORGANIZATION,
                        "ٹی سی",
                        Entity.BODY,
                        lone,
                        lone + 5,
                        lone,
                        lone + 5,
                        null,
                        null,
                        Entity.Method.COREFERENCE,
                        name));
        List<ArticleEntity> grouped = ArticleEntities.group(mentions, ArticleEntities.FALLBACK_KEYS);
        assertThat(grouped).hasSize(1);
        assertThat(grouped.get(0).key()).isEqualTo("organization:ٹمبکٹو_کونسل");
        assertThat(grouped.get(0).text()).isEqualTo(name);
        assertThat(ArticleEntities.flatten(grouped, null, body))
                .extracting(Entity::text)
                .containsExactly(name, "ٹی سی", "ٹی سی");
    }
}
