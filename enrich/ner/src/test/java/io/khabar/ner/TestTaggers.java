package io.khabar.ner;

/** One default tagger shared by the tests (building it reads CLDR and the lists once). */
final class TestTaggers {
    static final EntityTagger DEFAULT = EntityTagger.withDefaultGazetteers();

    private TestTaggers() {}
}
