package io.khabar.enrich;

import io.khabar.model.ArticleEntities;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Articles and fake enrichers shared by the tests. */
final class TestArticles {

    private TestArticles() {}

    static RawArticle article(int n) {
        return article(
                "https://example.pk/news/" + n, "خبر نمبر " + n, "اسلام آباد میں آج خبر نمبر " + n + " شائع ہوئی۔");
    }

    static RawArticle article(String url, String title, String body) {
        return RawArticle.of(
                "test",
                url,
                title,
                body,
                "ur",
                Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-01T10:05:00Z"),
                Map.of());
    }

    static byte[] json(RawArticle a) {
        return JsonSerde.rawArticle().toBytes(a);
    }

    /**
     * A fake enricher: one PLACE entity per occurrence of "اسلام آباد", throws when the body contains "BOOM".
     */
    static EnrichedArticle fakeEnrich(RawArticle raw) {
        if (raw.body().contains("BOOM")) {
            throw new IllegalStateException("fake enricher exploded");
        }
        List<Entity> entities = new ArrayList<>();
        String needle = "اسلام آباد";
        for (int i = raw.body().indexOf(needle); i >= 0; i = raw.body().indexOf(needle, i + 1)) {
            entities.add(new Entity(
                    EntityType.LOCATION,
                    needle,
                    Entity.BODY,
                    i,
                    i + needle.length(),
                    i,
                    i + needle.length(),
                    "Islamabad",
                    "Q1362",
                    Entity.Method.GAZETTEER));
        }
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                raw.title(),
                raw.body(),
                "ur",
                1.0,
                1,
                raw.body().split(" ").length,
                ArticleEntities.group(entities, ArticleEntities.FALLBACK_KEYS),
                "test",
                Instant.EPOCH);
    }
}
