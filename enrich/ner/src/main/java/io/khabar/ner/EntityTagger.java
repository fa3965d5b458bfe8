package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.text.NormalizedText;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tags people, places, organisations, designations and dates in normalised Urdu text.
 * One pass over the tokens with a trie over gazetteer match keys (longest match wins), then rules
 * (dates, designation/role/honorific/given name + name, name + family name, acronym aliases, place shapes)
 * and coreference of partial person names and acronyms within an article (title and body).
 * Thread-safe after construction (do not change a {@link Gazetteer} after handing it over); build once per app.
 * See docs/ner.md.
 */
public final class EntityTagger {
    private final Gazetteer gazetteer;
    private final GazetteerPass gazetteerPass;
    private final NameMemory memory;

    private EntityTagger(Gazetteer gazetteer, NameMemory memory) {
        this.gazetteer = gazetteer;
        this.gazetteerPass = new GazetteerPass(gazetteer);
        this.memory = memory;
    }

    private EntityTagger(Gazetteer gazetteer) {
        this(gazetteer, null);
    }

    /** This tagger, also recognising the active names of {@code memory} (null: none). */
    public EntityTagger withMemory(NameMemory memory) {
        return new EntityTagger(gazetteer, memory);
    }

    /** The name memory this tagger reads, or null. */
    public NameMemory memory() {
        return memory;
    }

    /** A tagger with the CLDR names and the curated lists. */
    public static EntityTagger withDefaultGazetteers() {
        return new EntityTagger(Gazetteer.defaults());
    }

    /** Defaults plus user files (or only the user files when replaceDefaults). */
    public static EntityTagger withGazetteers(List<Path> files, boolean replaceDefaults) {
        Gazetteer g = replaceDefaults ? new Gazetteer() : Gazetteer.defaults();
        for (Path f : files) {
            g.addFile(f);
        }
        return new EntityTagger(g);
    }

    /** A tagger over a gazetteer built by the caller. */
    public static EntityTagger withGazetteer(Gazetteer gazetteer) {
        return new EntityTagger(Objects.requireNonNull(gazetteer));
    }

    /** The gazetteer this tagger matches against. */
    public Gazetteer gazetteer() {
        return gazetteer;
    }

    /**
     * Entities of one article: title entities first, then body, by offset. Coreference links across title and
     * body. {@code title} or {@code body} may be null; publicationDate may be null (then relative dates stay
     * unresolved: canonicalName null).
     */
    public List<Entity> tagArticle(NormalizedText title, NormalizedText body, LocalDate publicationDate) {
        return tagArticle(title, body, publicationDate, null);
    }

    /**
     * {@link #tagArticle(NormalizedText, NormalizedText, LocalDate)}, also adding to {@code observations} (when not
     * null) the names this article gives evidence for, for {@link NameMemory#observe}.
     */
    public List<Entity> tagArticle(
            NormalizedText title,
            NormalizedText body,
            LocalDate publicationDate,
            List<NameMemory.Observation> observations) {
        Field t = title == null ? null : tagField(title.text(), publicationDate);
        Field b = body == null ? null : tagField(body.text(), publicationDate);
        Aliases.linkAliases(t, b);
        Coreference.corefer(t, b);
        if (observations != null) {
            MemoryPass.observe(t, observations);
            MemoryPass.observe(b, observations);
        }
        List<Entity> out = new ArrayList<>();
        if (t != null) {
            t.emit(title, Entity.TITLE, out);
        }
        if (b != null) {
            b.emit(body, Entity.BODY, out);
        }
        return out;
    }

    /** Entities of one normalised text, offsets into it (original offsets equal normalised ones). */
    public List<Entity> tag(String normalizedText, LocalDate publicationDate) {
        Field f = tagField(normalizedText, publicationDate);
        Coreference.corefer(f, null);
        List<Entity> out = new ArrayList<>();
        f.emit(null, Entity.BODY, out);
        return out;
    }

    private Field tagField(String text, LocalDate pub) {
        Field f = new Field(Tokens.of(text));
        f.memory = memory;
        Tokens t = f.tokens;
        DateRules.find(t, f.flags, f.used, pub, f.mentions);
        gazetteerPass.run(f);
        GazetteerPass.extendMentions(f);
        Aliases.acronymAliases(f);
        PlaceRules.placeTails(f);
        ContextRules.orgTails(f);
        OrgRules.ofNames(f);
        OrgRules.allPrefix(f);
        // again, for the organisations the rules above found: X اتھارٹی آف پاکستان (ٹی ڈی اے پی)
        Aliases.acronymAliases(f);
        PersonRules.qualifiedOffice(f);
        PersonRules.personRules(f);
        PlaceRules.placeRules(f);
        PersonRules.roleRule(f);
        PersonRules.personNounRule(f);
        PersonRules.surnameRule(f);
        ContextRules.speechFrames(f);
        ContextRules.named(f);
        if (memory != null) {
            MemoryPass.recognise(f, memory.snapshot());
        }
        ContextRules.coordination(f);
        return f;
    }
}
