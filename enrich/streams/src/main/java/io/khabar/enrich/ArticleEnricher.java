package io.khabar.enrich;

import io.khabar.model.ArticleEntities;
import io.khabar.model.ArticleEntity;
import io.khabar.model.ArticleIds;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityKeyFunction;
import io.khabar.model.EntityType;
import io.khabar.model.RawArticle;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.NameMemory;
import io.khabar.ner.identity.EntityKeys;
import io.khabar.ner.identity.Romanizer;
import io.khabar.text.LanguageGuess;
import io.khabar.text.LanguageIdentifier;
import io.khabar.text.NormalizedText;
import io.khabar.text.SentenceSplitter;
import io.khabar.text.Tokenizer;
import io.khabar.text.UrduNormalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a raw article into an enriched one: normalises title and body, counts sentences and tokens, identifies
 * the language and tags entities. Pure and thread-safe; the Streams topology calls it once per record.
 */
public final class ArticleEnricher implements Enricher {

    /** The version written into every enriched record. */
    public static final String VERSION = versionOf(ArticleEnricher.class);

    /** Publication dates are read in Pakistan's time zone to resolve "today", "Tuesday" and the like. */
    private static final ZoneId NEWS_ZONE = ZoneId.of("Asia/Karachi");

    /**
     * The one place entity keys are chosen: the Wikidata id when known (as {@link ArticleEntities#FALLBACK_KEYS},
     * so records upgraded from version 1 keep their keys), else {@link EntityKeys}, which gives spelling and spacing
     * variants of one name one key.
     */
    static final EntityKeyFunction KEYS = (type, canonical, wikidataId, text) ->
            wikidataId != null && !wikidataId.isBlank() ? wikidataId : EntityKeys.key(type, text, canonical);

    private final UrduNormalizer normalizer;
    private final Tokenizer tokenizer;
    private final SentenceSplitter sentenceSplitter;
    private final LanguageIdentifier languageIdentifier;
    private final EntityTagger tagger;
    private final Clock clock;
    private final EntityMemory memory;

    public ArticleEnricher(UrduNormalizer normalizer, EntityTagger tagger, Clock clock) {
        this(normalizer, tagger, clock, null);
    }

    /**
     * An enricher whose tagger also recognises the names of {@code memory} and teaches it what each article
     * establishes (null: no memory); {@link EnrichTopology} then adds the memory's topic branch.
     */
    public ArticleEnricher(UrduNormalizer normalizer, EntityTagger tagger, Clock clock, EntityMemory memory) {
        this.memory = memory;
        tagger = memory == null ? tagger : tagger.withMemory(memory.names());
        this.normalizer = normalizer;
        this.tokenizer = new Tokenizer();
        this.sentenceSplitter = new SentenceSplitter();
        this.languageIdentifier = new LanguageIdentifier();
        this.tagger = tagger;
        this.clock = clock;
    }

    /** The name memory, or null. */
    public EntityMemory entityMemory() {
        return memory;
    }

    /** An enricher with the default normaliser options and gazetteers. */
    public static ArticleEnricher withDefaults() {
        return new ArticleEnricher(new UrduNormalizer(), EntityTagger.withDefaultGazetteers(), Clock.systemUTC());
    }

    /** Enriches one article. */
    @Override
    public EnrichedArticle enrich(RawArticle raw) {
        return enrich(raw, null);
    }

    /**
     * Enriches one article with its content hash as computed by the caller from title and body (null: computed
     * here). The topology computes it once when it validates the record.
     */
    @Override
    public EnrichedArticle enrich(RawArticle raw, String contentHash) {
        String rawTitle = raw.title() == null ? "" : raw.title();
        String rawBody = raw.body() == null ? "" : raw.body();
        LanguageGuess language = languageIdentifier.identify(rawTitle + "\n" + rawBody);
        NormalizedText title = normalizer.normalize(rawTitle);
        NormalizedText body = normalizer.normalize(rawBody);
        int sentences = sentenceSplitter.split(title.text()).size()
                + sentenceSplitter.split(body.text()).size();
        int tokens = tokenizer.scan(title.text()).size()
                + tokenizer.scan(body.text()).size();
        LocalDate published = raw.publishedAt() == null
                ? null
                : raw.publishedAt().atZone(NEWS_ZONE).toLocalDate();
        List<NameMemory.Observation> seen = memory == null ? null : new ArrayList<>();
        List<Entity> mentions = tagger.tagArticle(title, body, published, seen);
        if (memory != null) {
            memory.learned(raw.id(), memory.names().observe(seen, published));
        }
        // the hash is computed from the content, never taken from the record (a forged one must not count)
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                contentHash != null ? contentHash : ArticleIds.contentHash(rawTitle, rawBody),
                raw,
                title.text(),
                body.text(),
                language.code(),
                language.confidence(),
                sentences,
                tokens,
                romanized(ArticleEntities.group(mentions, KEYS)),
                VERSION,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** People, places and organisations without a canonical name get their romanised name ({@link Romanizer}). */
    static List<ArticleEntity> romanized(List<ArticleEntity> entities) {
        List<ArticleEntity> out = new ArrayList<>(entities.size());
        for (ArticleEntity e : entities) {
            boolean named = e.type() == EntityType.PERSON
                    || e.type() == EntityType.LOCATION
                    || e.type() == EntityType.ORGANIZATION;
            out.add(
                    named && e.canonicalName() == null && e.text() != null
                            ? e.withRomanized(Romanizer.romanize(e.text()))
                            : e);
        }
        return out;
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
