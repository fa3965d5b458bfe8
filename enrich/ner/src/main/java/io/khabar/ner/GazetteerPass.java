package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import java.util.List;
import java.util.Set;

/**
 * The gazetteer pass: longest matches of the gazetteer's trie, left to right, with context checks for names that
 * are also common words, then widening by honorifics and compass words.
 */
final class GazetteerPass {
    private static final Set<String> TIME_BEFORE_SHAM = Set.of(
            Keys.of("آج"),
            Keys.of("کل"),
            Keys.of("اس"),
            Keys.of("ہر"),
            Keys.of("صبح"),
            Keys.of("گزشتہ"),
            Keys.of("روز"),
            Keys.of("پیر"),
            Keys.of("منگل"),
            Keys.of("بدھ"),
            Keys.of("جمعرات"),
            Keys.of("جمعہ"),
            Keys.of("ہفتہ"),
            Keys.of("ہفتے"),
            Keys.of("اتوار"),
            Keys.of("دن"),
            Keys.of("رات"),
            Keys.of("سہ"),
            Keys.of("کی"),
            Keys.of("ایک"));
    private static final Set<String> TIME_AFTER_SHAM = Set.of(
            Keys.of("ڈھلے"),
            Keys.of("بجے"),
            Keys.of("سات"),
            Keys.of("پانچ"),
            Keys.of("چھ"),
            Keys.of("چار"),
            Keys.of("آٹھ"),
            Keys.of("کا"),
            Keys.of("تک"));
    private static final String SHAM = Keys.of("شام");
    private static final Set<String> AUXILIARIES =
            Lexicon.words("ہے", "ہیں", "تھا", "تھے", "تھی", "تھیں", "رہے", "رہا", "رہی", "ہو", "ہوں");

    private final Gazetteer gazetteer;

    GazetteerPass(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    void run(Field f) {
        Tokens t = f.tokens;
        KeyTrie trie = gazetteer.trie();
        int max = gazetteer.maxTokens();
        int i = 0;
        while (i < t.size) {
            if (!t.word[i] || f.used[i]) {
                i++;
                continue;
            }
            long r = trie.longest(t, i, max, f.used);
            if (r < 0) {
                i++;
                continue;
            }
            int last = (int) (r >>> 32);
            if (f.has(i, Lexicon.F_FUNCTION) && i + 1 < t.size) {
                // "کے پی ٹی آئی": a match that starts with a postposition yields to one that starts after it
                long next = trie.longest(t, i + 1, max, f.used);
                if (next >= 0 && (int) (next >>> 32) > last) {
                    i++;
                    continue;
                }
            }
            GazetteerEntry e = gazetteer.entry((int) r);
            if (e.type() == null) {
                for (int k = i; k <= last; k++) {
                    f.used[k] = true;
                }
            } else if (accept(f, e, i, last)) {
                f.add(new Mention(e.type(), i, last, e.canonicalName(), e.wikidataId(), Entity.Method.GAZETTEER));
            } else {
                i++;
                continue;
            }
            i = last + 1;
        }
    }

    /**
     * Widens gazetteer mentions the way readers and annotators count them: an honorific before a known person
     * (سید یوسف رضا گیلانی) and a compass word before a place (شمالی عراق).
     */
    static void extendMentions(Field f) {
        List<Mention> list = f.mentions;
        for (int n = 0; n < list.size(); n++) {
            Mention m = list.get(n);
            if (m.method != Entity.Method.GAZETTEER) {
                continue;
            }
            int first = m.first;
            if (m.type == EntityType.PERSON) {
                while (f.free(first - 1)
                        && f.has(first - 1, Lexicon.F_HONORIFIC)
                        && (!f.has(first - 1, Lexicon.F_WEAK_HONORIFIC | Lexicon.F_TITLE_HONORIFIC)
                                || Lexicon.STYLE_TITLES.contains(f.key(first - 1)))) {
                    first--; // سید یوسف رضا گیلانی, سر ٹم برنرز لی
                }
            } else if (m.type == EntityType.LOCATION && f.free(first - 1) && f.has(first - 1, Lexicon.F_DIRECTION)) {
                first--;
            }
            int last = m.last;
            if (m.type == EntityType.ORGANIZATION) {
                last += webSuffix(f, last + 1); // بی بی سی اردو ڈاٹ کام, بی بی سی نیوز آن لائن: the site's name
            }
            if (first != m.first || last != m.last) {
                Mention wider = new Mention(m.type, first, last, m.canonical, m.wikidataId, m.method);
                list.set(n, wider);
                for (int k = first; k <= last; k++) {
                    f.used[k] = true;
                }
            }
        }
    }

    private static final String ONLINE_1 = Keys.of("آن");
    private static final String ONLINE_2 = Keys.of("لائن");
    private static final String DOT = Keys.of("ڈاٹ");
    private static final String COM = Keys.of("کام");
    private static final java.util.Set<String> SITE_WORDS = Lexicon.words("اردو", "نیوز", "انگلش");

    /**
     * Number of tokens from i that name an organisation's web site: "آن لائن" or "ڈاٹ کام", after at most one of
     * اردو, نیوز, انگلش (the corpora annotate the whole site name); 0 if none.
     */
    private static int webSuffix(Field f, int i) {
        int j = i;
        if (f.free(j) && SITE_WORDS.contains(f.key(j))) {
            j++;
        }
        if (f.free(j) && f.free(j + 1)) {
            String a = f.key(j);
            String b = f.key(j + 1);
            if (a.equals(ONLINE_1) && b.equals(ONLINE_2) || a.equals(DOT) && b.equals(COM)) {
                return j + 2 - i;
            }
        }
        return 0;
    }

    /** Context checks for the few names that are also common words. */
    static boolean accept(Field f, GazetteerEntry e, int first, int last) {
        if (first == last
                && "Egypt".equals(e.canonicalName())
                && f.has(last + 1, Lexicon.F_FUNCTION)
                && AUXILIARIES.contains(f.key(last + 1))) {
            return false; // "وہ اپنے موقف پر مصر ہیں": insistent, not Egypt
        }
        if (first == last && "Syria".equals(e.canonicalName()) && f.key(first).equals(SHAM)) {
            String prev = f.key(first - 1);
            String next = f.key(last + 1);
            return !TIME_BEFORE_SHAM.contains(prev)
                    && !TIME_AFTER_SHAM.contains(next)
                    && !(next.equals(Keys.of("کے")) && f.key(last + 2).equals(Keys.of("وقت")))
                    && !(last + 1 < f.tokens.size && f.tokens.isNumber(last + 1));
        }
        return true;
    }
}
