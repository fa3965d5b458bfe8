package io.khabar.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Word lists the rules use, read from {@code lexicon/*.txt} (one or more words a line, separated by {@code |}),
 * stored as match keys. All lists are also merged into one trie of bit flags, so the rules classify a token
 * with one allocation-free walk instead of building its key.
 */
final class Lexicon {
    /** Postpositions, pronouns, auxiliaries, conjunctions: a name never contains one. */
    static final Set<String> FUNCTION = load("lexicon/function-words.txt");
    /** Frequent content words (and the function words): never a single-word name on their own. */
    static final Set<String> COMMON = union(FUNCTION, load("lexicon/common-words.txt"));
    /** Given names that start a person's name. */
    static final Set<String> GIVEN = load("lexicon/given-names.txt");
    /** Family names and name endings (خان, قریشی, الدین …). */
    static final Set<String> SURNAME = load("lexicon/surnames.txt");
    /** Honorifics that belong to a name (میاں, چوہدری, سید, مولانا …). */
    static final Set<String> HONORIFIC = load("lexicon/honorifics.txt");

    static final int F_FUNCTION = 1 << 0;
    static final int F_COMMON = 1 << 1;
    static final int F_GIVEN = 1 << 2;
    static final int F_SURNAME = 1 << 3;
    static final int F_HONORIFIC = 1 << 4;
    /** Honorifics that are also common words or titles: only a known given name may follow them. */
    static final int F_WEAK_HONORIFIC = 1 << 5;
    /** Words before a place name (صوبہ, ضلع, شہر …). */
    static final int F_LOC_HEAD = 1 << 6;
    /** Words after a name that make it a place (روڈ, ٹاؤن, ڈیم …). */
    static final int F_PLACE_TAIL = 1 << 7;
    /** آباد, پور, ستان, گڑھ: separate words or endings of place names. */
    static final int F_LOC_SUFFIX = 1 << 8;
    /** شرقیہ, خاص, کلاں: words that may follow a place name ending in a place suffix. */
    static final int F_PLACE_QUALIFIER = 1 << 9;
    /** شمالی, جنوبی …: compass words that belong to the place after them. */
    static final int F_DIRECTION = 1 << 10;
    /** A word a date may start with (month, weekday, سنہ, گزشتہ, number word). */
    static final int F_DATE_START = 1 << 11;
    /** وزیر alone: the next word is the portfolio. */
    static final int F_WAZIR = 1 << 12;
    /** Month and weekday names: never part of a person's name. */
    static final int F_DATE_WORD = 1 << 13;
    /** مسٹر, مسز, سر, جناب: they announce a name but are not part of it. */
    static final int F_TITLE_HONORIFIC = 1 << 14;
    /** Role words (رہنما, اداکارہ, شاعر …) that introduce a name without being a title themselves. */
    static final int F_ROLE = 1 << 15;
    /** Postpositions and اور, which close a noun phrase. */
    static final int F_POSTPOSITION = 1 << 16;
    /** Words after a name that make the whole an organisation (پارٹی, یونیورسٹی, کلب …). */
    static final int F_ORG_TAIL = 1 << 17;
    /** Spelled Latin letters (ایف, جے): initials inside a name. */
    static final int F_INITIAL = 1 << 18;
    /** جونیئر, سینئر: they close a person's name and belong to it. */
    static final int F_NAME_SUFFIX = 1 << 19;
    /** Words that start a speech or attribution frame after نے (کہا, بتایا, اعلان …). */
    static final int F_SPEECH_VERB = 1 << 20;
    /** First word of a two-word honorific or role written with a space (صاحب زادہ, ہیڈ کوچ). */
    static final int F_PAIR_FIRST = 1 << 21;

    /**
     * Nouns for one person that announce a name like a role word (آدم خور شخص X Y نے, چینی تاجر X Y کو), but are
     * as often followed by a description (ایک شخص کالی جیکٹ پہنے ہوئے); see {@code PersonRules.personNounRule}.
     */
    static final int F_PERSON_NOUN = 1 << 22;

    /** لارڈ, لیڈی, سر: titles of a peer or knight that belong to the name they style (لارڈ نذیر احمد). */
    static final Set<String> STYLE_TITLES = words("لارڈ", "لیڈی", "سر");

    /** Two-word honorifics and roles: key of the first word, a space, key of the second, to their flags. */
    static final java.util.Map<String, Integer> PAIRS = new java.util.HashMap<>();

    static final List<String> LOC_SUFFIXES = List.of(Keys.of("آباد"), Keys.of("پور"), Keys.of("ستان"), Keys.of("گڑھ"));

    /** The flags of every listed key, while the lists are read. */
    private static final java.util.Map<String, Integer> FLAGS = new java.util.HashMap<>();
    /** The same, looked up by a token's key hash: one probe per token instead of a trie walk. */
    private static final KeySet FLAG_TABLE;

    static {
        flag(FUNCTION, F_FUNCTION | F_COMMON);
        flag(COMMON, F_COMMON);
        flag(GIVEN, F_GIVEN);
        flag(SURNAME, F_SURNAME);
        flag(HONORIFIC, F_HONORIFIC);
        flag(
                words(
                        "ملک", "شاہ", "پیر", "سر", "امام", "ابو", "ام", "بن", "بنت", "مس", "بیگم", "حضرت", "شہزادہ",
                        "لیڈی", "ملا", "ملّا"),
                F_WEAK_HONORIFIC);
        flag(load("lexicon/location-heads.txt"), F_LOC_HEAD);
        flag(load("lexicon/place-tails.txt"), F_PLACE_TAIL);
        flag(Set.copyOf(LOC_SUFFIXES), F_LOC_SUFFIX);
        flag(words("شرقیہ", "غربیہ", "خاص", "کلاں", "خورد", "شریف"), F_PLACE_QUALIFIER);
        flag(words("شمالی", "جنوبی", "مشرقی", "مغربی", "وسطی"), F_DIRECTION);
        flag(words("وزیر", "وزیرِ"), F_WAZIR);
        flag(DateRules.startWords(), F_DATE_START);
        flag(DateRules.nameWords(), F_DATE_WORD);
        flag(
                words("مسٹر", "مسز", "مس", "سر", "لارڈ", "لیڈی", "جناب", "محترم", "محترمہ"),
                F_TITLE_HONORIFIC | F_HONORIFIC);
        flag(load("lexicon/roles.txt"), F_ROLE);
        flag(
                words(
                        "میں", "کے", "کی", "کا", "سے", "پر", "کو", "تک", "اور", "نے", "بھی", "پہ", "کیساتھ", "کیلئے",
                        "کیلیے"),
                F_POSTPOSITION);
        flag(load("lexicon/org-tails.txt"), F_ORG_TAIL);
        flag(load("lexicon/person-nouns.txt"), F_PERSON_NOUN);
        flag(
                words(
                        "اے", "بی", "سی", "ڈی", "ای", "ایف", "جی", "ایچ", "آئی", "جے", "ایل", "ایم", "این", "او", "پی",
                        "کیو", "آر", "ایس", "ٹی", "یو", "وی", "ڈبلیو", "ایکس", "وائی", "زیڈ"),
                F_INITIAL);
        flag(words("جونیئر", "جونئیر", "جونیر", "سینئر", "سینیئر", "سینیر"), F_NAME_SUFFIX);
        flag(
                words(
                        "کہا", "کہاکہ", "بتایا", "اعلان", "الزام", "دعوی", "دعویٰ", "مطالبہ", "زور", "اعتراف", "انکشاف",
                        "تصدیق", "تردید", "واضح", "خبردار", "ٹویٹ", "لکھا", "مزید", "اپنے", "میڈیا", "صحافیوں"),
                F_SPEECH_VERB);
        pairs("lexicon/honorifics.txt", F_HONORIFIC);
        pairs("lexicon/roles.txt", F_ROLE);
        pairs("lexicon/org-tails.txt", F_ORG_TAIL); // ایسوسی ایشن
        pairs("lexicon/place-tails.txt", F_PLACE_TAIL); // ہوائی اڈہ
        FLAGS.remove(""); // as in a trie: the empty key has no flags
        FLAG_TABLE = KeySet.of(FLAGS);
    }

    private Lexicon() {}

    /** The flags of token {@code i} (0 for a word in no list). */
    static int flags(Tokens t, int i) {
        if (!t.word[i]) {
            return 0;
        }
        return FLAG_TABLE.get(t, i, 0);
    }

    /** Registers the two-word entries (one space) of a list, so the rules see both tokens with these flags. */
    private static void pairs(String name, int bits) {
        try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                for (String w : line.split("[|\t,]")) {
                    String[] parts = w.strip().split(" ");
                    if (parts.length == 2) {
                        String first = Keys.of(parts[0]);
                        PAIRS.merge(first + " " + Keys.of(parts[1]), bits, (a, b) -> a | b);
                        FLAGS.merge(first, F_PAIR_FIRST, (a, b) -> a | b);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flag(Set<String> keys, int bits) {
        for (String k : keys) {
            FLAGS.merge(k, bits, (a, b) -> a | b);
        }
    }

    static Set<String> words(String... words) {
        Set<String> s = new HashSet<>();
        for (String w : words) {
            s.add(Keys.of(w));
        }
        return Set.copyOf(s);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    static Set<String> load(String name) {
        Set<String> out = new HashSet<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/khabar/ner/" + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                if (hash >= 0) {
                    line = line.substring(0, hash);
                }
                for (String w : line.split("[|\t,]")) {
                    String k = Keys.of(w);
                    if (!k.isEmpty()) {
                        out.add(k);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
