package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;

/**
 * Organisation shapes beyond a head word: names calqued on English with آف / فار (یونیورسٹی آف X) and bodies
 * "for" a field with برائے (کمیٹی برائے خارجہ امور).
 */
final class OrgRules {
    private static final String OF = Keys.of("آف");
    private static final String FOR = Keys.of("فار");
    private static final String BARAYE = Keys.of("برائے");
    /**
     * Institution words that head an "X برائے Y" body besides the organisation tails (کمیٹی, کمیشن, کونسل): a
     * ministry, an agency or office (ادارہ برائے مہاجرین, دفتر برائے منشیات), a department, a centre, an
     * organisation. Not a minister or an adviser (وزیر مملکت برائے, مشیر برائے خزانہ): those are designations.
     */
    private static final java.util.Set<String> FOR_HEADS = Lexicon.words(
            "وزارت", "وزارتِ", "ادارہ", "ادارے", "دفتر", "محکمہ", "محکمے", "محکمۂ", "مرکز", "تنظیم", "بیورو");
    /**
     * Words before the head that belong to an "X برائے Y" name though lists know them: قائمہ کمیٹی (standing
     * committee), قومی کمیشن, عالمی ادارہ, بین الاقوامی مرکز, ہائی کمیشن.
     */
    private static final java.util.Set<String> FOR_HEAD_ADJECTIVES =
            Lexicon.words("قائمہ", "قومی", "عالمی", "بین", "الاقوامی", "ہائی", "خصوصی");
    /**
     * Nouns after برائے that make it "for (doing) Y", not a body's field: برائے غور (for consideration), برائے
     * فروخت (for sale), برائے نام (nominal), برائے مہربانی (please).
     */
    private static final java.util.Set<String> NOT_A_FIELD =
            Lexicon.words("غور", "فروخت", "نام", "مہربانی", "کرم", "منظوری", "اطلاع", "کرایہ", "تبصرہ", "رائے");
    /** Words that end the field of an "X برائے Y" body: a person's name, title or role, a number. */
    private static final int NOT_IN_FIELD = Lexicon.F_TITLE_HONORIFIC | Lexicon.F_ROLE | Lexicon.F_WAZIR;
    /** Words that join the parts of such a name: اینڈ (and), ان (in), دی (the), و (and: سائنس و ثقافت). */
    private static final java.util.Set<String> JOINERS = Lexicon.words("اینڈ", "ان", "دی", "آف", "فار", "و");

    private static final int NOT_IN_NAME =
            Lexicon.F_FUNCTION | Lexicon.F_POSTPOSITION | Lexicon.F_DATE_WORD | Lexicon.F_SPEECH_VERB;

    private OrgRules() {}

    /**
     * X آف Y, X فار Y (یونیورسٹی آف میری لینڈ, انڈین کونسل آف میڈیکل ریسرچ, آرگنائزیشن فار سیکیورٹی اینڈ
     * کوآپریشن ان یورپ): an organisation, or an institution word, before آف or فار takes the words after it, up to
     * a postposition, punctuation or a function word; places inside become part of the name. X برائے Y (قائمہ
     * کمیٹی برائے خارجہ امور, وزارت برائے انسانی حقوق, ادارہ برائے مہاجرین) the same, with the heads of {@link
     * #FOR_HEADS} too, a field of at most four words that ends before a person, and not before برائے غور, برائے
     * فروخت.
     */
    static void ofNames(Field f) {
        Tokens t = f.tokens;
        for (int i = 1; i + 1 < t.size; i++) {
            boolean baraye = f.free(i) && t.keyIs(i, BARAYE);
            if (!f.free(i) || !t.keyIs(i, OF) && !t.keyIs(i, FOR) && !baraye) {
                continue;
            }
            if (baraye && NOT_A_FIELD.contains(f.key(i + 1))) {
                continue; // کمیٹی کو برائے غور بھیجا گیا
            }
            Mention head = Field.findEndingAt(f, i - 1);
            int start;
            if (head != null && head.type == EntityType.ORGANIZATION) {
                start = head.first;
            } else if (head == null
                    && f.free(i - 1)
                    && (f.has(i - 1, Lexicon.F_ORG_TAIL) || baraye && FOR_HEADS.contains(f.key(i - 1)))) {
                start = i - 1;
                int unknowns = 0;
                while (start - 1 >= 0 && start > i - 4) {
                    if (baraye && forHeadAdjective(f, start - 1)) {
                        start--; // قائمہ کمیٹی برائے, بین الاقوامی ادارہ برائے
                    } else if (f.unknown(start - 1) && (!baraye || unknowns++ == 0)) {
                        start--; // انڈین کونسل آف; before برائے one such word (چیئر مین [اسٹینڈنگ کمیٹی برائے)
                    } else {
                        break;
                    }
                }
            } else {
                continue;
            }
            int end = -1;
            boolean afterPlace = false;
            int words = 0;
            for (int j = i + 1; j < t.size && j <= i + 7; j++) {
                if (baraye && words > 0 && listGoesOn(f, j)) {
                    continue; // ادارہ برائے تعلیم، سائنس و ثقافت: a comma in a list of fields that ends in و
                }
                Mention inside = covering(f, j);
                if (inside != null) {
                    if (inside.type != EntityType.LOCATION && inside.type != EntityType.ORGANIZATION) {
                        break;
                    }
                    j = inside.last;
                    end = j;
                    afterPlace = inside.type == EntityType.LOCATION;
                    continue;
                }
                if (baraye && words > 0 && f.keyIs(j, KE) && f.keyIs(j + 1, UMOOR) && f.free(j + 1)) {
                    end = j + 1; // دفتر برائے انسانی ہمدردی کے امور: "affairs" closes the field
                    break;
                }
                if (!f.free(j) || !t.isLetterWord(j) || f.has(j, NOT_IN_NAME)) {
                    break;
                }
                if (baraye && (f.has(j, NOT_IN_FIELD) || personWord(f, j))) {
                    break; // کمیٹی برائے خزانہ سینیٹر سلیم: the field ends before a person
                }
                if (afterPlace && !JOINERS.contains(f.key(j))) {
                    break; // یونیورسٹی آف میری لینڈ سائنس دانوں: a place ends the name unless اینڈ, ان... go on
                }
                afterPlace = false;
                if (!JOINERS.contains(f.key(j))) {
                    if (baraye && words == 4) {
                        break; // a field has at most four words
                    }
                    words++;
                    end = j;
                }
            }
            if (end <= i) {
                continue;
            }
            int s = start;
            int e = end;
            f.mentions.removeIf(m -> m.first >= s && m.last <= e);
            Mention org = new Mention(EntityType.ORGANIZATION, s, e, null, null, Entity.Method.RULE);
            org.evidence = Mention.E_SHAPE;
            f.add(org);
            i = end;
        }
    }

    private static final String WA = Keys.of("و");
    private static final String KE = Keys.of("کے");
    private static final String UMOOR = Keys.of("امور");
    private static final String AAL = Keys.of("آل");

    /**
     * آل ("All") before an organisation's name belongs to it (آل پاکستان نیوز پیپرز سوسائٹی), with one word no list
     * knows between (آل پارٹیز کشمیر کمیٹی): the shapes start the name at the place or the words after آل.
     */
    static void allPrefix(Field f) {
        for (int n = 0; n < f.mentions.size(); n++) {
            Mention m = f.mentions.get(n);
            if (m.type != EntityType.ORGANIZATION || m.method != Entity.Method.RULE) {
                continue;
            }
            int k = m.first - 1;
            int first = f.free(k) && f.keyIs(k, AAL)
                    ? k
                    : f.unknown(k) && f.free(k) && f.free(k - 1) && f.keyIs(k - 1, AAL) ? k - 1 : -1;
            if (first >= 0) {
                Mention all = new Mention(EntityType.ORGANIZATION, first, m.last, null, null, Entity.Method.RULE);
                all.evidence = m.evidence;
                f.mentions.set(n, all);
                for (int i = first; i < m.first; i++) {
                    f.used[i] = true;
                }
            }
        }
    }

    /** Whether token j is a comma followed by a field word and و and another word (تعلیم، سائنس و ثقافت). */
    private static boolean listGoesOn(Field f, int j) {
        Tokens t = f.tokens;
        if (j + 3 >= t.size || t.word[j]) {
            return false;
        }
        char c = t.text.charAt(t.start[j]);
        return (c == '،' || c == ',') && fieldWord(f, j + 1) && f.keyIs(j + 2, WA) && fieldWord(f, j + 3);
    }

    private static boolean fieldWord(Field f, int k) {
        return f.free(k) && f.tokens.isLetterWord(k) && !f.has(k, NOT_IN_NAME | NOT_IN_FIELD) && !personWord(f, k);
    }

    private static boolean forHeadAdjective(Field f, int k) {
        return f.free(k) && FOR_HEAD_ADJECTIVES.contains(f.key(k));
    }

    /** A given name, family name or honorific that is no common word: part of a person's name. */
    private static boolean personWord(Field f, int k) {
        return f.has(k, Lexicon.F_GIVEN | Lexicon.F_SURNAME | Lexicon.F_HONORIFIC) && !f.has(k, Lexicon.F_COMMON)
                || NumberWords.value(f.key(k)) > 0;
    }

    private static Mention covering(Field f, int j) {
        for (Mention m : f.mentions) {
            if (m.first <= j && j <= m.last) {
                return m.first == j ? m : null;
            }
        }
        return null;
    }
}
