package io.khabar.ner;

import io.khabar.model.EntityType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names established with confidence in earlier articles, recognised in later ones. Thread-safe.
 *
 * <p>What teaches it: a rule-found name with strong evidence (a designation before it, a speech frame after it:
 * "X نے کہا", "X کا کہنا ہے") or weaker evidence (an honorific, a role word, a family name, an attribution
 * frame, an institution word) and the last word of a confident multi-word person name (a later "رابرٹس" for an
 * earlier "ڈیوڈ رابرٹس"). What makes a name active (recognised): evidence from at least
 * {@link #minArticles} articles, or strong evidence for a name of two words or more; and a last sighting at most
 * {@link #maxAgeDays} days before the newest one. Guards against poisoning: a name made of function words, role or date
 * words or digits is never learned, nor a single word that is in any word list, shorter than 4 letters (3 for the
 * last word of a gazetteer person's full form: فیض of فیض احمد فیض) or shaped
 * like a verb form or a plural; one article
 * counts once however often it repeats a name.
 *
 * <p>In the Streams app each instance publishes what it learns to a compacted topic and reads the topic back as
 * a global store into its memory ({@link #put}), so all instances agree. See docs/ner.md.
 */
public final class NameMemory {
    /** Kinds of evidence for a name. */
    public enum Evidence {
        /** A designation before the name (وزیر خارجہ X). Strong. */
        DESIGNATION(1, true),
        /** A speech frame after the name (X نے کہا, X کا کہنا ہے). Strong. */
        SPEECH(2, true),
        /** An attribution frame (X کے مطابق, بقول X). */
        ATTRIBUTION(4, false),
        /** An honorific or a form of address (مولانا X, X صاحب). */
        HONORIFIC(8, false),
        /** A role word before the name (کپتان X). */
        ROLE(16, false),
        /** A family name after an unknown word (X خان). */
        SURNAME(32, false),
        /** An institution or place word (X یونیورسٹی). */
        SHAPE(64, false),
        /** The last word of a confident multi-word person name. */
        PART(128, false),
        /**
         * A distinctive word (in no word list) of a gazetteer person's full form (فیض of فیض احمد فیض): the full name
         * is known, so the part is active at once.
         */
        KNOWN_PART(256, false),
        /**
         * The last word of a name established with strong evidence (رابرٹس of گریگری ڈیوڈ رابرٹس کا کہنا ہے): the
         * person is established, so the part is active at once.
         */
        STRONG_PART(512, false),
        /** A name before نامی and a person noun (X نامی شخص: "a man named X"). */
        NAMED(1024, false),
        /**
         * The last word of a person name with weaker evidence (صحافی سرگی کوالسکی, ڈیوڈ رابرٹس): never active by
         * itself, however many articles repeat it, but a bare mention of the word that a speech or attribution
         * frame confirms in a later article (کوالسکی نے کہا) is taken as the person and teaches it as {@link
         * #RECALLED}. Until then the entry stays inactive, whatever other part evidence it collects.
         */
        CANDIDATE(2048, false),
        /** A {@link #CANDIDATE} part confirmed by a speech frame or ergative نے around the bare word. */
        RECALLED(4096, false);

        final int bit;
        final boolean strong;

        Evidence(int bit, boolean strong) {
            this.bit = bit;
            this.strong = strong;
        }

        /** This kind's bit in {@link LearnedName#evidence()} and {@link Observation#evidence()}. */
        public int bit() {
            return bit;
        }

        /** Whether this kind alone establishes a name of two words or more. */
        public boolean strong() {
            return strong;
        }
    }

    /** One article's evidence for one name, as found by the tagger. */
    public record Observation(EntityType type, String surface, int evidence) {}

    private final int minArticles;
    private final int maxAgeDays;
    private final Map<String, LearnedName> names = new ConcurrentHashMap<>();
    private volatile LocalDate newest = LocalDate.EPOCH;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean dirty;
    private volatile long refreshNanos;
    private volatile long builtAt;
    private volatile boolean built;

    /** A memory with the defaults: 2 articles, 365 days. */
    public NameMemory() {
        this(2, 365);
    }

    /** A memory with these thresholds. */
    public NameMemory(int minArticles, int maxAgeDays) {
        this.minArticles = Math.max(1, minArticles);
        this.maxAgeDays = Math.max(1, maxAgeDays);
    }

    /** Evidence from at least this many articles makes a name active. */
    public int minArticles() {
        return minArticles;
    }

    /** Names not seen for more days than this (before the newest evidence) are inactive. */
    public int maxAgeDays() {
        return maxAgeDays;
    }

    /**
     * Records one article's observations (each name counts once per article) and returns the entries that changed,
     * to be published. {@code day} null means the newest day seen so far.
     */
    public List<LearnedName> observe(Collection<Observation> observations, LocalDate day) {
        LocalDate d = day == null ? newest : day;
        Map<String, Observation> distinct = new LinkedHashMap<>();
        for (Observation o : observations) {
            if (!learnable(o.type(), o.surface(), o.evidence())) {
                continue;
            }
            distinct.merge(
                    Keys.of(o.surface()),
                    o,
                    (a, b) -> new Observation(a.type(), a.surface(), a.evidence() | b.evidence()));
        }
        List<LearnedName> changed = new ArrayList<>();
        for (Map.Entry<String, Observation> e : distinct.entrySet()) {
            Observation o = e.getValue();
            LearnedName merged = names.compute(
                    e.getKey(),
                    (k, old) -> old == null
                            ? new LearnedName(k, o.type(), o.surface(), 1, o.evidence(), d, d)
                            : new LearnedName(
                                    k,
                                    old.type(),
                                    old.surface(),
                                    old.articles() + 1,
                                    old.evidence() | o.evidence(),
                                    old.firstSeen(),
                                    d.isAfter(old.lastSeen()) ? d : old.lastSeen()));
            changed.add(merged);
            touched(merged);
        }
        if (!changed.isEmpty() && d.isAfter(newest)) {
            newest = d;
            dirty = true; // ageing counts from the newest day
        }
        return changed;
    }

    /** Takes an entry from the memory topic (another instance's or our own); the larger counts win. */
    public void put(LearnedName n) {
        if (!learnable(n.type(), n.surface(), n.evidence())) {
            return;
        }
        LearnedName merged = names.merge(
                n.key(),
                n,
                (old, in) -> new LearnedName(
                        old.key(),
                        old.type(),
                        old.surface(),
                        Math.max(old.articles(), in.articles()),
                        old.evidence() | in.evidence(),
                        old.firstSeen().isBefore(in.firstSeen()) ? old.firstSeen() : in.firstSeen(),
                        old.lastSeen().isAfter(in.lastSeen()) ? old.lastSeen() : in.lastSeen()));
        if (n.lastSeen().isAfter(newest)) {
            newest = n.lastSeen();
            dirty = true;
        }
        touched(merged);
    }

    /**
     * Marks the snapshot stale only when this entry's activity differs from the snapshot's: most evidence only
     * counts for a name already active or still inactive, and rebuilding the trie for each article would cost
     * time in proportion to the memory's size.
     */
    private void touched(LearnedName n) {
        if (!dirty && active(n) != snapshot.keys.contains(n.key())) {
            dirty = true;
        }
    }

    /**
     * Whether the word with this match key is a one-word candidate part now (read live at the rare frames that ask,
     * so candidates never make the tagger's view be rebuilt).
     */
    boolean isCandidate(String key) {
        LearnedName n = names.get(key);
        return n != null && candidate(n);
    }

    /** Whether {@code n} is a one-word candidate part, not active yet (see {@link Evidence#CANDIDATE}). */
    boolean candidate(LearnedName n) {
        return n.type() == EntityType.PERSON
                && (n.has(Evidence.CANDIDATE) || n.has(Evidence.PART))
                && !active(n)
                && !n.lastSeen().plusDays(maxAgeDays).isBefore(newest)
                && n.key().equals(Keys.of(n.surface()))
                && Tokens.of(n.surface()).size == 1;
    }

    /** Forgets a name (a tombstone on the memory topic). */
    public void remove(String key) {
        if (names.remove(key) != null && snapshot.keys.contains(key)) {
            dirty = true;
        }
    }

    /** All entries, active or not, most articles first. */
    public List<LearnedName> all() {
        List<LearnedName> list = new ArrayList<>(names.values());
        list.sort(Comparator.comparingInt(LearnedName::articles).reversed().thenComparing(LearnedName::key));
        return list;
    }

    /** Whether the tagger recognises this entry now. */
    public boolean active(LearnedName n) {
        if (n.lastSeen().plusDays(maxAgeDays).isBefore(newest)) {
            return false;
        }
        if (n.has(Evidence.CANDIDATE)
                && !n.has(Evidence.RECALLED)
                && !n.has(Evidence.KNOWN_PART)
                && !n.has(Evidence.STRONG_PART)) {
            return false; // a candidate part: only a frame around the bare word makes it a name
        }
        boolean strong = false;
        for (Evidence e : Evidence.values()) {
            strong |= e.strong && n.has(e);
        }
        int words = Tokens.of(n.surface()).size;
        return n.articles() >= minArticles
                || strong && words >= 2
                || words == 1 && (n.has(Evidence.KNOWN_PART) || n.has(Evidence.STRONG_PART));
    }

    /**
     * Whether a name may be learned at all: 1 to 4 letter words, none a function word, a single word at least 4
     * letters long and in no list of common, role, date or institution words.
     */
    public static boolean learnable(EntityType type, String surface) {
        return learnable(type, surface, 0);
    }

    /**
     * {@link #learnable(EntityType, String)}, with the evidence for the name: a {@link Evidence#KNOWN_PART} (the last
     * word of a gazetteer person's full form, فیض of فیض احمد فیض) may also be a word of 3 letters, since the full
     * name is known and the gazetteer's own common-word parts are listed in {@code lexicon/weak-name-parts.txt}.
     */
    public static boolean learnable(EntityType type, String surface, int evidence) {
        if (surface == null
                || type != EntityType.PERSON && type != EntityType.ORGANIZATION && type != EntityType.LOCATION) {
            return false;
        }
        Tokens t = Tokens.of(surface);
        if (t.size == 0 || t.size > 4) {
            return false;
        }
        for (int i = 0; i < t.size; i++) {
            int fl = Lexicon.flags(t, i);
            if (!t.isLetterWord(i)
                    || (fl & (Lexicon.F_FUNCTION | Lexicon.F_POSTPOSITION | Lexicon.F_DATE_START)) != 0
                    || MemoryPass.DETERMINERS.contains(t.key(i)) // تیسرے نمبر, اپنے والد: not a name
                    || t.end[i] - t.start[i] < 2) {
                return false;
            }
            int shortest = (evidence & Evidence.KNOWN_PART.bit) != 0 ? 3 : 4;
            if (t.size == 1 && (fl != 0 || t.key(i).length() < shortest || wordEnding(t.key(i)) || glued(t.key(i)))) {
                return false; // one word: in no word list, 4 letters or more, not shaped like a verb form or a plural
            }
            if ((fl & (Lexicon.F_ROLE | Lexicon.F_DATE_WORD | Lexicon.F_ORG_TAIL | Lexicon.F_PERSON_NOUN)) != 0
                            && (fl & Lexicon.F_GIVEN) == 0
                    || t.key(i).endsWith("وں")
                    || t.key(i).endsWith("ؤں")) {
                return false; // خواجہ سراؤں: no name ends in an oblique plural
            }
        }
        return true;
    }

    private static final List<String> GLUED_POSTPOSITIONS = List.of(
            Keys.of("کے"),
            Keys.of("کی"),
            Keys.of("کا"),
            Keys.of("کو"),
            Keys.of("سے"),
            Keys.of("نے"),
            Keys.of("میں"),
            Keys.of("پر"),
            Keys.of("اور"));

    /**
     * Whether a one-word key is a postposition glued to a word of the lists, either way round (کےمطابق, کوبتایا,
     * ستاراور as scrapers write them): matched across the space, it would tag every "کے مطابق".
     */
    private static boolean glued(String key) {
        for (String p : GLUED_POSTPOSITIONS) {
            if (key.length() > p.length() + 1) {
                String rest = key.startsWith(p) ? key.substring(p.length()) : null;
                if (rest != null && Lexicon.COMMON.contains(rest)) {
                    return true;
                }
                if (key.endsWith(p)) {
                    return true; // فاروق ستاراور: a name ends in no postposition
                }
            }
        }
        return false;
    }

    /** Endings of Urdu verb forms and plurals (بننے, رشتہ داروں, کریں, والدین is left to the lists). */
    private static boolean wordEnding(String key) {
        return key.endsWith("نے")
                || key.endsWith("وں")
                || key.endsWith("یں")
                || key.endsWith("ئے")
                || key.endsWith("تے")
                || key.endsWith("گا")
                || key.endsWith("گی");
    }

    /** The trie of active names, rebuilt when the memory changed. */
    Snapshot snapshot() {
        if (dirty && (refreshNanos == 0 || !built || System.nanoTime() - builtAt >= refreshNanos)) {
            synchronized (this) {
                if (dirty) {
                    dirty = false;
                    snapshot = Snapshot.of(this);
                    builtAt = System.nanoTime();
                    built = true;
                }
            }
        }
        return snapshot;
    }

    /**
     * Rebuilds the tagger's view of the active names at most this often (zero, the default: before the next
     * article whenever the active names changed). Each rebuild costs time in proportion to the active names, so a
     * long-running stream sets a period (the Streams app: 1 s): a name is then recognised at most that much later.
     */
    public NameMemory refreshAtMostEvery(java.time.Duration period) {
        this.refreshNanos = Math.max(0, period.toNanos());
        return this;
    }

    /** An immutable view for one tagging call. */
    static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(new KeyTrie(16), List.of(), 1);
        final KeyTrie trie;
        final List<LearnedName> entries;
        final java.util.Set<String> keys;
        final int maxTokens;

        private Snapshot(KeyTrie trie, List<LearnedName> entries, int maxTokens) {
            this.trie = trie;
            this.entries = entries;
            this.maxTokens = maxTokens;
            java.util.Set<String> k = new java.util.HashSet<>();
            entries.forEach(n -> k.add(n.key()));
            this.keys = java.util.Set.copyOf(k);
        }

        static Snapshot of(NameMemory m) {
            List<LearnedName> active = new ArrayList<>();
            for (LearnedName n : m.names.values()) {
                if (m.active(n)) {
                    active.add(n);
                }
            }
            KeyTrie trie = new KeyTrie(Math.max(64, active.size() * 16));
            int max = 1;
            for (int i = 0; i < active.size(); i++) {
                trie.put(active.get(i).key(), i);
                max = Math.max(max, Tokens.of(active.get(i).surface()).size + 1);
            }
            return new Snapshot(trie, List.copyOf(active), max);
        }
    }
}
