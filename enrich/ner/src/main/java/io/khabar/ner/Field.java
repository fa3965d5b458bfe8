package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.text.NormalizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The tokens and mentions of one field (title or body) while it is tagged. */
final class Field {
    final Tokens tokens;
    final List<Mention> mentions = new ArrayList<>();
    final boolean[] used;
    final int[] flags;
    /** The name memory the tagger reads, or null: its candidate parts (see {@link NameMemory.Evidence#CANDIDATE}). */
    NameMemory memory;

    Field(Tokens tokens) {
        this.tokens = tokens;
        this.used = new boolean[tokens.size];
        this.flags = new int[tokens.size];
        for (int i = 0; i < tokens.size; i++) {
            flags[i] = Lexicon.flags(tokens, i);
        }
        for (int i = 0; i + 1 < tokens.size; i++) {
            if ((flags[i] & Lexicon.F_PAIR_FIRST) != 0 && tokens.word[i + 1]) {
                Integer bits = Lexicon.PAIRS.get(tokens.key(i) + " " + tokens.key(i + 1));
                if (bits != null) { // صاحب زادہ, ہیڈ کوچ: both words take the pair's flags and are no common words
                    flags[i] = flags[i] & ~Lexicon.F_COMMON | bits;
                    flags[i + 1] = flags[i + 1] & ~Lexicon.F_COMMON | bits;
                }
            }
        }
        givenBeforeName();
        devotionalNames();
        compoundGivenNames();
    }

    private static final String GHULAM = Keys.of("غلام");
    private static final String BAKHSH = Keys.of("بخش");
    private static final String ALLAH_WORD = Keys.of("اللہ");
    private static final String GARHI = Keys.of("گڑھی");

    /** Second parts after غلام ("servant of"): غلام رسول, غلام نبی, غلام مصطفیٰ, غلام سرور. */
    private static final java.util.Set<String> AFTER_GHULAM = Lexicon.words(
            "رسول",
            "نبی",
            "مصطفی",
            "مصطفیٰ",
            "مرتضی",
            "مرتضیٰ",
            "قادر",
            "سرور",
            "شبیر",
            "فرید",
            "حیدر",
            "یاسین",
            "جیلانی",
            "دستگیر",
            "سجاد",
            "رضا",
            "مجتبی",
            "مجتبیٰ",
            "محی الدین",
            "صابر");

    /** First parts before بخش ("given by"): الہی بخش, نبی بخش, خدا بخش, امام بخش, اللہ بخش. */
    private static final java.util.Set<String> BEFORE_BAKHSH = Lexicon.words(
            "الہی", "الٰہی", "نبی", "خدا", "امام", "اللہ", "کریم", "رحیم", "مولا", "قادر", "فیض", "نور", "رب", "حق",
            "پیر", "میراں", "شاہ", "علی", "محمد", "رسول");

    /** Second parts after اللہ in Punjabi and Sindhi names: اللہ دتہ, اللہ یار, اللہ رکھا, اللہ ڈنو. */
    private static final java.util.Set<String> AFTER_ALLAH = Lexicon.words(
            "دتہ", "ڈتہ", "داد", "یار", "رکھا", "ڈنو", "جوایا", "وسایا", "ودھایا", "بچایا", "دینو", "ورایو");

    private static final KeySet AFTER_GHULAM_KEYS = KeySet.of(AFTER_GHULAM);
    private static final KeySet BEFORE_BAKHSH_KEYS = KeySet.of(BEFORE_BAKHSH);
    private static final KeySet AFTER_ALLAH_KEYS = KeySet.of(AFTER_ALLAH);

    /**
     * Devotional compound names whose parts are common words: غلام رسول, نبی بخش, الہی بخش, اللہ دتہ. The pair is a
     * given name followed by a family-name part, so the given-name rule takes both (and what follows: غلام رسول
     * جتوئی). Adjectives in بخش (اطمینان بخش, صحت بخش) have other first parts and stay common words.
     */
    private void devotionalNames() {
        for (int i = 0; i + 1 < tokens.size; i++) {
            if (!tokens.word[i] || !tokens.word[i + 1]) {
                continue;
            }
            boolean pair = tokens.keyIs(i, GHULAM) && AFTER_GHULAM_KEYS.contains(tokens, i + 1)
                    || tokens.keyIs(i + 1, BAKHSH) && BEFORE_BAKHSH_KEYS.contains(tokens, i)
                    || tokens.keyIs(i, ALLAH_WORD) && AFTER_ALLAH_KEYS.contains(tokens, i + 1);
            if (pair && !(i > 0 && tokens.word[i - 1] && tokens.keyIs(i - 1, GARHI))) { // گڑھی خدا بخش: a town
                flags[i] =
                        flags[i] & ~(Lexicon.F_COMMON | Lexicon.F_FUNCTION | Lexicon.F_DATE_WORD | Lexicon.F_DATE_START)
                                | Lexicon.F_GIVEN;
                flags[i + 1] = flags[i + 1] & ~(Lexicon.F_COMMON | Lexicon.F_FUNCTION) | Lexicon.F_SURNAME;
            }
        }
    }

    /** Common words that are also the first part of a given name (دوست محمد, گل حسین, دولت رام, نیک محمد). */
    private static final java.util.Set<String> GIVEN_IF_NAME_FOLLOWS = Lexicon.load("lexicon/given-before-name.txt");

    /** Second parts of such names: given names and family names that often follow them. */
    private static final java.util.Set<String> NAME_SECONDS = Lexicon.words(
            "محمد", "علی", "حسین", "حسن", "خان", "خاں", "اللہ", "الدین", "دین", "رام", "بخش", "زمان", "رحمان", "رحمن",
            "رحمٰن", "جان", "گل", "احمد", "شاہ", "اکبر", "اصغر", "حیدر", "عباس", "مراد", "نواز", "سنگھ", "کمار");

    /**
     * Words that end a noun phrase before a name's first part used as a common word: a genitive, a possessive, a
     * determiner or a number (ان کے دوست علی, اپنے دوست محمد, ایک گل): then the word keeps its common meaning.
     */
    private static final java.util.Set<String> NOT_BEFORE_GIVEN_PART = Lexicon.words(
            "کے", "کی", "کا", "اپنے", "اپنی", "اپنا", "میرے", "میری", "میرا", "ہمارے", "ہماری", "ہمارا", "تمہارے",
            "تمہاری", "تیرے", "آپ", "ان", "اس", "ایک", "یہ", "وہ", "کسی", "کوئی", "ہر", "قریبی", "پرانے", "دیرینہ",
            "بہترین", "عزیز", "پیارے", "جگری", "سچے", "اچھے", "بڑے", "چند", "کئی", "بہت", "زیادہ", "مزید", "والے",
            "والی", "والا", "سابق", "نئے");

    private static final KeySet GIVEN_FIRST_KEYS = KeySet.of(GIVEN_IF_NAME_FOLLOWS);

    private static final KeySet NAME_SECOND_KEYS = KeySet.of(NAME_SECONDS);

    /**
     * دوست محمد خان, گل حسین, دولت رام: a word of {@code lexicon/given-before-name.txt} (a common word that is also a
     * given name) right before a given or family name of {@link #NAME_SECONDS} is the name's first part, unless a
     * genitive, possessive, determiner or number before it makes it the common word (ان کے دوست علی).
     */
    private void givenBeforeName() {
        for (int i = 0; i + 1 < tokens.size; i++) {
            if (!tokens.word[i]
                    || !tokens.word[i + 1]
                    || !GIVEN_FIRST_KEYS.contains(tokens, i)
                    || !NAME_SECOND_KEYS.contains(tokens, i + 1)) {
                continue;
            }
            if (i > 0
                    && tokens.word[i - 1]
                    && (NOT_BEFORE_GIVEN_PART.contains(tokens.key(i - 1))
                            || Character.isDigit(tokens.key(i - 1).charAt(0)))) {
                continue;
            }
            flags[i] = flags[i] & ~(Lexicon.F_COMMON | Lexicon.F_ROLE) | Lexicon.F_GIVEN;
        }
    }

    /** Words before اللہ that make a phrase, not a name (ان شاء اللہ, بسم اللہ, حزب اللہ). */
    private static final java.util.Set<String> NOT_BEFORE_ALLAH = Lexicon.words(
            "انشاء",
            "انشا",
            "شاء",
            "ماشاء",
            "ماشا",
            "بسم",
            "سبحان",
            "الحمد",
            "الحمدللہ",
            "حزب",
            "جزاک",
            "استغفر",
            "نصر",
            "امان",
            "شکر",
            "خدا",
            "رسول",
            "اہل",
            "فی",
            "لا",
            "یا",
            "عند",
            "آیت",
            "کلام",
            "بیت",
            "راہ");

    private static final String ALLAH = Keys.of("اللہ");
    private static final String ABD = Keys.of("عبد");

    /**
     * Name-part shapes of Arabic compound given names: X اللہ (سیف اللہ, اکرام اللہ) and a word starting with عبد
     * (عبدالقدیر) start a name, and اللہ then continues it rather than being a common word.
     */
    private void compoundGivenNames() {
        for (int i = 0; i < tokens.size; i++) {
            if (!tokens.isLetterWord(i)) {
                continue;
            }
            int fl = flags[i];
            int length = tokens.keyLength(i);
            if (fl == 0 && tokens.keyStartsWith(i, ABD) && length >= 4) {
                flags[i] = Lexicon.F_GIVEN; // عبدالقدیر, عبدل
            }
            if (fl == 0 && gluedCompound(tokens, i)) {
                flags[i] = Lexicon.F_GIVEN; // عزالدین, بدرالدین, انوارالحق, نصراللہ: X + الدین written as one word
            }
            if (i + 1 < tokens.size
                    && tokens.word[i + 1]
                    && tokens.keyIs(i + 1, ALLAH)
                    && (fl & (Lexicon.F_FUNCTION | Lexicon.F_COMMON | Lexicon.F_HONORIFIC | Lexicon.F_ROLE)) == 0
                    && length >= 3
                    && !NOT_BEFORE_ALLAH.contains(tokens.key(i))) {
                flags[i] |= Lexicon.F_GIVEN; // سیف اللہ چٹھہ
                flags[i + 1] = flags[i + 1] & ~Lexicon.F_COMMON | Lexicon.F_SURNAME;
            }
        }
    }

    /** Second elements of Arabic compound names (شمس الدین, انوار الحق, فضل الرحمان) that are often written glued. */
    private static final String[] COMPOUND_ENDS = {
        Keys.of("الدین"), Keys.of("الحق"), Keys.of("الرحمان"), Keys.of("الرحمن"), Keys.of("الرحیم"), Keys.of("اللہ")
    };

    /** {@link #gluedCompound(String)} of token i's key, making the key string only when it ends like one. */
    private static boolean gluedCompound(Tokens t, int i) {
        int length = t.keyLength(i);
        for (String end : COMPOUND_ENDS) {
            if (length >= end.length() + 2 && t.keyEndsWith(i, end)) {
                return gluedCompound(t.key(i));
            }
        }
        return false;
    }

    /** Whether {@code key} is X + a compound name's second element in one word, X at least two letters. */
    static boolean gluedCompound(String key) {
        for (String end : COMPOUND_ENDS) {
            if (key.length() >= end.length() + 2
                    && key.endsWith(end)
                    && !NOT_BEFORE_ALLAH.contains(key.substring(0, key.length() - end.length()))) {
                return true; // not الحمداللہ, ماشااللہ
            }
        }
        return false;
    }

    /** Whether token i is a word with any of these flags. */
    boolean has(int i, int bits) {
        return i >= 0 && i < tokens.size && (flags[i] & bits) != 0;
    }

    /** Whether token i is a letter word in no word list (a likely name), at least 2 letters long. */
    boolean unknown(int i) {
        return i >= 0
                && i < tokens.size
                && flags[i] == 0
                && tokens.end[i] - tokens.start[i] >= 2
                && tokens.isLetterWord(i);
    }

    private static final String ORDINAL = Keys.of("ویں");
    private static final String FIELD_OF_STUDY = Keys.of("یات");

    /** Whether token i can be part of a person's name. */
    boolean nameWord(int i) {
        if (i < 0 || i >= tokens.size || !tokens.isLetterWord(i) || (flags[i] & Lexicon.F_DATE_WORD) != 0) {
            return false;
        }
        int fl = flags[i];
        if ((fl & (Lexicon.F_ROLE | Lexicon.F_ORG_TAIL | Lexicon.F_PERSON_NOUN)) != 0 && (fl & Lexicon.F_GIVEN) == 0) {
            return false; // ہیڈکوچ, کپتان: a role introduces a name, it is never part of one
        }
        int length = tokens.keyLength(i);
        if ((fl & (Lexicon.F_GIVEN | Lexicon.F_SURNAME)) == 0
                && length > 3
                && (tokens.keyEndsWith(i, "وں") || tokens.keyEndsWith(i, "ؤں"))) {
            return false; // خواجہ سراؤں: no name ends in an oblique plural
        }
        if ((fl & (Lexicon.F_GIVEN | Lexicon.F_SURNAME)) == 0 && length > 3 && tokens.keyEndsWith(i, ORDINAL)) {
            return false; // رحمان اللہ گرباز آٹھویں: an ordinal (…ویں) closes a name, it is never part of one
        }
        if ((fl & (Lexicon.F_GIVEN | Lexicon.F_SURNAME)) == 0 && length > 4 && tokens.keyEndsWith(i, FIELD_OF_STUDY)) {
            return false; // ماہرین طبیعیات, لسانیات: a field of study (…یات) is never a name
        }
        return (fl & (Lexicon.F_GIVEN | Lexicon.F_SURNAME)) != 0
                || (fl & Lexicon.F_COMMON) == 0 && tokens.end[i] - tokens.start[i] >= 2;
    }

    void emit(NormalizedText nt, String field, List<Entity> out) {
        mentions.sort(Comparator.comparingInt(m -> m.first));
        for (Mention m : mentions) {
            int s = tokens.start[m.first];
            int e = tokens.end[m.last];
            int os = nt == null ? s : nt.originalStart(s);
            int oe = nt == null ? e : nt.originalEnd(e);
            out.add(new Entity(
                    m.type,
                    tokens.text.substring(s, e),
                    field,
                    s,
                    e,
                    os,
                    oe,
                    m.canonical,
                    m.wikidataId,
                    m.method,
                    m.aliasOf));
        }
    }

    void add(Mention m) {
        for (int k = m.first; k <= m.last; k++) {
            used[k] = true;
        }
        mentions.add(m);
    }

    boolean free(int i) {
        return i >= 0 && i < tokens.size && tokens.word[i] && !used[i];
    }

    String key(int i) {
        return i >= 0 && i < tokens.size && tokens.word[i] ? tokens.key(i) : "";
    }

    /** Whether {@link #key}{@code (i)} is {@code key}, without making the key string. */
    boolean keyIs(int i, String key) {
        return i >= 0 && i < tokens.size && tokens.word[i] ? tokens.keyIs(i, key) : key.isEmpty();
    }

    /** Honorifics that are also family names, written after a name as well as before it. */
    private static final java.util.Set<String> FAMILY_HONORIFICS =
            Lexicon.words("سید", "چوہدری", "چودھری", "شیخ", "مرزا", "خواجہ", "راجہ", "ملک");

    private static final KeySet FAMILY_HONORIFIC_KEYS = KeySet.of(FAMILY_HONORIFICS);

    /** Last token of a run of name words starting at {@code j} (at most {@code max}); j-1 when none. */
    static int nameRun(Field f, int j, int max) {
        int k = j;
        while (k < j + max
                && f.free(k)
                && (f.nameWord(k)
                        || k > j
                                && f.has(k, Lexicon.F_INITIAL)
                                && f.free(k + 1)
                                && f.nameWord(k + 1)) // رابرٹ ایف کینیڈی
                && !(k > j + 1 && f.has(k, Lexicon.F_HONORIFIC) && !f.has(k, Lexicon.F_WEAK_HONORIFIC))
                && !(k > j + 1 && newGivenName(f, k))) {
            k++; // "اکرم ملک میاں یوسف": a strong honorific after two name words starts the next name
        }
        if (k > j + 1 && f.free(k) && FAMILY_HONORIFIC_KEYS.contains(f.tokens, k) && closes(f, k + 1)) {
            k++; // مشاہد حسین سید نے, اعزاز احمد چوہدری نے: a family honorific after a name, closed, ends it
        }
        if (k > j && f.free(k) && f.has(k, Lexicon.F_NAME_SUFFIX)) {
            k++; // رابرٹ ایف کینیڈی جونیئر
        }
        return k - 1;
    }

    /**
     * Whether token k, after two name words, starts the next person's name: a given name (in no family-name list)
     * after a family name (in no given-name list, no compound element or family honorific), and another name word
     * after it: شردھا کپور فرحان اختر, مہیش بھٹ عالیہ بھٹ are two people.
     */
    private static boolean newGivenName(Field f, int k) {
        String before = f.key(k - 1);
        return f.has(k, Lexicon.F_GIVEN)
                && !f.has(k, Lexicon.F_SURNAME)
                && f.has(k - 1, Lexicon.F_SURNAME)
                && !f.has(k - 1, Lexicon.F_GIVEN)
                && !before.startsWith(AL) // فرحت اللہ بابر, خلیل الرحمن قمر: the second element of a compound
                && !FAMILY_HONORIFICS.contains(before)
                && !before.equals(SHAH) // خالد شیخ محمد, سید حسن شاہ عباس
                && f.free(k + 1)
                && f.nameWord(k + 1); // the next name has two words too (فرحت اللہ بابر نے is one name)
    }

    private static final String AL = Keys.of("ال");
    private static final String SHAH = Keys.of("شاہ");

    /** Whether token i closes a noun phrase: a postposition, punctuation or the end of the text. */
    static boolean closes(Field f, int i) {
        return i >= f.tokens.size || !f.tokens.word[i] || f.has(i, Lexicon.F_POSTPOSITION);
    }

    static Mention findEndingAt(Field f, int last) {
        for (Mention m : f.mentions) {
            if (m.last == last) {
                return m;
            }
        }
        return null;
    }
}
