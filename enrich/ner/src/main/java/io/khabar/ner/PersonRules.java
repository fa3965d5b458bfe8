package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import java.util.ArrayList;
import java.util.List;

/** Rules that find people's names from titles, honorifics, given names, roles and family names. */
final class PersonRules {
    private PersonRules() {}

    static void personRules(Field f) {
        Tokens t = f.tokens;
        // designation + name: وزیر خارجہ سرگئی لاوروف, وزیر اعظم عمران
        List<Mention> designations = new ArrayList<>();
        for (Mention m : f.mentions) {
            if (m.type == EntityType.DESIGNATION) {
                designations.add(m);
            }
        }
        for (Mention d : designations) {
            int j = d.last + 1;
            if (f.has(d.last, Lexicon.F_WAZIR)
                    && f.free(j)
                    && f.tokens.isLetterWord(j)
                    && !f.has(j, Lexicon.F_GIVEN | Lexicon.F_HONORIFIC | Lexicon.F_FUNCTION)) {
                // وزیر تعلیم X: the word after وزیر is the portfolio, part of the title
                Mention wider = new Mention(EntityType.DESIGNATION, d.first, j, d.canonical, d.wikidataId, d.method);
                f.mentions.set(f.mentions.indexOf(d), wider);
                f.used[j] = true;
                j++;
            }
            int end = Field.nameRun(f, j, 4);
            if (end == j && VERB_AFTER.contains(f.key(end + 1))) {
                continue; // صدر بن جائے, وزیر اعظم ہو گئے: one word before a verb ending is a verb, not a name
            }
            if (end == j
                    && f.unknown(j)
                    && f.key(j).length() > 2
                    && f.key(j).endsWith(INFINITIVE_OBLIQUE)
                    && f.has(end + 1, Lexicon.F_POSTPOSITION)) {
                continue; // وزیر اعظم بننے کے بعد, صدر بننے کا: an infinitive before a postposition, not a name
            }
            if (end >= j) {
                Mention m = new Mention(EntityType.PERSON, j, end, null, null, Entity.Method.RULE);
                m.evidence = Mention.E_DESIGNATION;
                f.add(m);
            }
        }
        // honorific(s) / given name + name: میاں شہباز شریف, محمد علی جناح, چوہدری نثار علی خان
        for (int i = 0; i < t.size; i++) {
            if (!f.free(i)) {
                continue;
            }
            int s = i;
            int j = i;
            while (f.free(j) && f.has(j, Lexicon.F_HONORIFIC) && j - s < 3) {
                j++;
            }
            boolean honorific = j > s;
            if (!f.free(j)) {
                continue;
            }
            boolean given = f.has(j, Lexicon.F_GIVEN) && !age(f, j);
            boolean strong = honorific && !f.has(j - 1, Lexicon.F_WEAK_HONORIFIC);
            if (!given && !(strong && (f.has(j, Lexicon.F_SURNAME) || f.unknown(j)))) {
                continue;
            }
            int end = Field.nameRun(f, j, 4 - (j - s));
            if (end < j) {
                continue;
            }
            boolean alone = end == s
                    && given
                    && (f.has(end + 1, Lexicon.F_FUNCTION) || end + 1 < f.tokens.size && !f.tokens.word[end + 1])
                    && !f.has(s, Lexicon.F_COMMON | Lexicon.F_SURNAME);
            // مسٹر کوالسکی نے: a strong title before one word no list knows, closed after it, names that word
            boolean titled = end == j
                    && honorific
                    && f.has(j - 1, Lexicon.F_TITLE_HONORIFIC)
                    && !f.has(j - 1, Lexicon.F_WEAK_HONORIFIC)
                    && (f.unknown(j) || f.has(j, Lexicon.F_SURNAME))
                    && (Field.closes(f, end + 1) || f.has(end + 1, Lexicon.F_FUNCTION));
            while (s < j && f.has(s, Lexicon.F_TITLE_HONORIFIC) && !Lexicon.STYLE_TITLES.contains(f.key(s))) {
                s++; // مسٹر جانسن: the name starts after the title (لارڈ, سر and لیڈی belong to it)
            }
            alone |= titled;
            if (end - s + 1 >= 2 || alone) {
                if (s == j
                        && !honorific
                        && (f.has(s, Lexicon.F_SURNAME) || end > s)
                        && f.free(s - 1)
                        && f.unknown(s - 1)
                        && opensName(f, s - 2)
                        && (f.has(s, Lexicon.F_SURNAME) || !f.has(s - 2, Lexicon.F_POSTPOSITION))) {
                    // بیٹے مسرور نواز جھنگوی: a name does not start with a family name; خاتون فادومو حسن محمد: an
                    // unknown word between a role word or punctuation and a given name is the name's first part (not
                    // after a postposition: کی شناخت سلیمان, اور مارکسسٹ سجاد ظہیر)
                    s--;
                }
                if (end - s + 1 >= 2 && INDUSTRY_TAILS.containsWord(f, end + 1)) {
                    // چودھری شوگر ملز, عبداللہ ٹیکسٹائل انڈسٹریز: a name and a trade before ملز name a firm; before,
                    // the name and the trade were a PERSON and coreference made every bare شوگر one
                    Mention org = new Mention(EntityType.ORGANIZATION, s, end + 1, null, null, Entity.Method.RULE);
                    org.evidence = Mention.E_SHAPE;
                    f.add(org);
                    i = end + 1;
                    continue;
                }
                Mention m = new Mention(EntityType.PERSON, s, end, null, null, Entity.Method.RULE);
                m.evidence = honorific ? Mention.E_HONORIFIC : 0;
                f.add(m);
                i = end;
            }
        }
    }

    /** Words for mills and industries after a firm's name (lexicon/org-tails.txt flags them as well). */
    private static final KeySet INDUSTRY_TAILS = KeySet.of(Lexicon.words("ملز", "انڈسٹریز"));

    /** Verb endings and auxiliaries after a verb stem (بن جائے, بن گئے, رہ سکتے). */
    private static final java.util.Set<String> VERB_AFTER = Lexicon.words(
            "جائے", "جائیں", "جاتے", "جاتا", "جاتی", "جانا", "جانے", "گئے", "گیا", "گئی", "گئیں", "سکتے", "سکتا",
            "سکتی", "سکے", "سکا", "سکی", "چکے", "چکا", "چکی", "پائے", "پایا", "دیا", "دی", "دیے", "لیا", "لی", "لیے",
            "ہونے", "ہوگئے", "ہوگیا", "ہوگئی", "ہوجائے", "ہوجاتے", "کرنے", "کرتے", "کیا", "کی");

    /** The oblique infinitive's ending (بننے, رہنے, ہونے), as a key. */
    private static final String INFINITIVE_OBLIQUE = Keys.of("نے");

    private static final String UMAR = Keys.of("عمر");
    private static final java.util.Set<String> AGE_BEFORE = Lexicon.words("سال", "برس", "ساری", "پوری", "کم", "بڑی");

    /** عمر is also "age": after a year count or ساری/پوری (ساری عمر, 18 سال عمر) it is no given name. */
    private static boolean age(Field f, int j) {
        return f.key(j).equals(UMAR) && AGE_BEFORE.contains(f.key(j - 1));
    }

    /** Whether a name may start right after token i: text start, punctuation, a postposition or a role word. */
    private static boolean opensName(Field f, int i) {
        return i < 0 || !f.tokens.word[i] || f.has(i, Lexicon.F_POSTPOSITION | Lexicon.F_ROLE);
    }

    /** "رہنما طفیل گوہر", "اداکارہ ریما": a role word followed by a closed run of name words. */
    static void roleRule(Field f) {
        Tokens t = f.tokens;
        for (int i = 0; i + 1 < t.size; i++) {
            if (!f.has(i, Lexicon.F_ROLE) || !f.free(i + 1)) {
                continue;
            }
            int end = Field.nameRun(f, i + 1, 3);
            boolean ok = end > i + 1 || end == i + 1 && f.has(i + 1, Lexicon.F_GIVEN);
            // سربراہ جیم کولنز جو, مصنف روندر کالیا تھے: a relative pronoun or an auxiliary closes the name too
            if (ok && (Field.closes(f, end + 1) || f.has(end + 1, Lexicon.F_FUNCTION))) {
                Mention m = new Mention(EntityType.PERSON, i + 1, end, null, null, Entity.Method.RULE);
                m.evidence = Mention.E_ROLE;
                f.add(m);
                i = end;
            }
        }
    }

    /** Endings of verb forms (پہنے, لگنے, جاتا, پائیں): no word of a name announced by a person noun ends so. */
    private static final String[] VERB_ENDINGS = {"نے", "تے", "تا", "تی", "یں", "ئے", "گا", "گی", "ئی"};

    /**
     * "شخص X Y کو", "چینی تاجر X Y نے": a person noun ({@code lexicon/person-nouns.txt}) followed by two or three name
     * words (or a known given name) and a postposition or punctuation, no word shaped like a verb form (ایک شخص کالی
     * جیکٹ پہنے ہوئے is a description).
     */
    static void personNounRule(Field f) {
        Tokens t = f.tokens;
        for (int i = 0; i + 1 < t.size; i++) {
            if (!f.has(i, Lexicon.F_PERSON_NOUN) || !f.free(i + 1)) {
                continue;
            }
            int end = Field.nameRun(f, i + 1, 3);
            boolean ok = end > i + 1 || end == i + 1 && f.has(i + 1, Lexicon.F_GIVEN);
            for (int k = i + 1; ok && k <= end; k++) {
                if (f.unknown(k)) {
                    String key = t.key(k);
                    for (String v : VERB_ENDINGS) {
                        ok &= !(key.length() > 2 && key.endsWith(v));
                    }
                }
            }
            if (ok && Field.closes(f, end + 1)) {
                Mention m = new Mention(EntityType.PERSON, i + 1, end, null, null, Entity.Method.RULE);
                m.evidence = Mention.E_ROLE;
                f.add(m);
                i = end;
            }
        }
    }

    /** "ماہرہ خان": an unknown word followed by a family name is a person's name. */
    static void surnameRule(Field f) {
        Tokens t = f.tokens;
        for (int i = 0; i + 1 < t.size; i++) {
            if (!f.free(i)
                    || !f.unknown(i)
                    || !f.free(i + 1)
                    || !f.has(i + 1, Lexicon.F_SURNAME)
                    || f.has(i + 1, Lexicon.F_COMMON)) {
                continue;
            }
            int end = Field.nameRun(f, i + 1, 2);
            if (!Field.closes(f, end + 1)) {
                continue;
            }
            Mention m = new Mention(EntityType.PERSON, i, end, null, null, Entity.Method.RULE);
            m.evidence = Mention.E_SURNAME;
            f.add(m);
            i = end;
        }
    }

    /** Words for "deputy", "assistant", "acting" that only ever qualify an office (نائب صدر, اسسٹنٹ کمشنر). */
    private static final KeySet OFFICE_QUALIFIERS =
            KeySet.of(Lexicon.words("نائب", "ڈپٹی", "اسسٹنٹ", "ایڈیشنل", "قائمقام"));

    /** Heads of offices in English loan words that no list knows as such: they follow the office's other words. */
    private static final KeySet OFFICE_HEADS = KeySet.of(Lexicon.words(
            "چیف", "ایسوسی", "ایجنٹ", "افسر", "آفیسر", "آفسر", "انچارج", "منیجر", "مینیجر", "ایڈیٹر", "کوآرڈینیٹر"));

    /**
     * "نائب ڈائرکٹر X نے", "قائمقام منتظم X کا": an office qualifier (نائب, ڈپٹی, اسسٹنٹ, ایڈیشنل, قائمقام) followed by
     * a word no list knows and a closed run of name words. The word after the qualifier is an office (often one the
     * designation list spells otherwise, or not at all), so the qualifier and it make a DESIGNATION; the name after
     * it is then the designation's PERSON ({@link #personRules}). Without this the office word was taken into the
     * name by a speech frame (PERSON "ڈائرکٹر X").
     */
    static void qualifiedOffice(Field f) {
        Tokens t = f.tokens;
        for (int i = 0; i + 2 < t.size; i++) {
            if (!f.free(i) || !OFFICE_QUALIFIERS.contains(t, i) || !f.free(i + 1) || !f.unknown(i + 1)) {
                continue;
            }
            String office = t.key(i + 1);
            if (office.length() < 4 || !f.free(i + 2) || f.has(i + 2, Lexicon.F_FUNCTION | Lexicon.F_POSTPOSITION)) {
                continue;
            }
            if (OFFICE_HEADS.containsWord(f, i + 2)) {
                continue; // اسسٹنٹ ریسرچ ایسوسی ایٹ, ڈپٹی ڈسٹرکٹ چیف: the office has more words, the head is next
            }
            int end = Field.nameRun(f, i + 2, 3);
            // closed by a postposition or a function word, not by punctuation (اسسٹنٹ پولیٹکل ایجنٹ، is a list)
            if (end < i + 2 || !f.has(end + 1, Lexicon.F_POSTPOSITION | Lexicon.F_FUNCTION)) {
                continue;
            }
            Mention d = new Mention(EntityType.DESIGNATION, i, i + 1, null, null, Entity.Method.RULE);
            f.add(d);
            i++;
        }
    }
}
