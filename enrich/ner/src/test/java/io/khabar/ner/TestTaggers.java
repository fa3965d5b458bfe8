package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.util.List;

/** One default tagger shared by the tests (building it reads CLDR and the lists once), and its common calls. */
final class TestTaggers {
    static final EntityTagger DEFAULT = EntityTagger.withDefaultGazetteers();
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();

    private TestTaggers() {}

    /** The default tagger's entities of {@code text} as an article body, with no title and no publication date. */
    static List<Entity> tagBody(String text) {
        return DEFAULT.tagArticle(null, NORMALIZER.normalize(text), null);
    }

    /** The texts of the PERSON mentions {@link #tagBody} finds, in order. */
    static List<String> peopleIn(String text) {
        return tagBody(text).stream()
                .filter(e -> e.type() == EntityType.PERSON)
                .map(Entity::text)
                .toList();
    }
}
