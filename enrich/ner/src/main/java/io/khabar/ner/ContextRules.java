package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;

/**
 * Context and shape evidence for names no list knows: speech and attribution frames (X نے کہا, X کا کہنا ہے,
 * X کے مطابق, بقول X), forms of address (X صاحب) and organisation heads (X پارٹی, X یونیورسٹی, X کلب, a
 * place before a team word: اسلام آباد یونائیٹڈ).
 */
final class ContextRules {
    private static final String NE = Keys.of("نے");
    private static final String KA = Keys.of("کا");
    private static final String KI = Keys.of("کی");
    private static final String KE = Keys.of("کے");
    private static final String KEHNA = Keys.of("کہنا");
    private static final String MUTABIQ = Keys.of("مطابق");
    private static final String BAQAUL = Keys.of("بقول");
    private static final String SAHIB = Keys.of("صاحب");
    /** Speech verbs that frame the name before them without نے: X کہتے ہیں, X بتاتی ہیں. */
    private static final java.util.Set<String> SAYS = Lexicon.words("کہتے", "کہتی", "کہتا", "بتاتے", "بتاتی", "بتاتا");
    /** Auxiliaries that complete {@link #SAYS}. */
    private static final java.util.Set<String> AUX = Lexicon.words("ہیں", "ہے", "تھے", "تھی", "تھا", "تھیں");

    private static final KeySet SAYS_KEYS = KeySet.of(SAYS);
    private static final KeySet AUX_KEYS = KeySet.of(AUX);

    private static final String PLURAL_OBLIQUE = Keys.of("وں");
    /** نسلیں, باتیں: a feminine plural is never a name (ان کی نسلیں رانا صاحب). */
    private static final String PLURAL_FEMININE = Keys.of("یں");
    /** Tails that name an organisation after words no list knows; the others only after a known place or person. */
    private static final java.util.Set<String> NAMING_TAILS = Lexicon.words(
            "پارٹی",
            "لیگ",
            "یونیورسٹی",
            "بینک",
            "کلب",
            "یونائیٹڈ",
            "سٹی",
            "قلندرز",
            "کنگز",
            "سلطانز",
            "زلمی",
            "واریئرز",
            "ٹائیگرز",
            "ایئرلائنز",
            "ایئرویز",
            "ٹائمز",
            "فاؤنڈیشن",
            "ٹرسٹ",
            "اکیڈمی",
            "انسٹیٹیوٹ",
            "کالج",
            "موومنٹ",
            "الائنس",
            "فرنٹ",
            "فیڈریشن",
            "ٹربیونل",
            "لمیٹڈ",
            "ایسوسی",
            "سوسائٹی",
            "چیمبر");

    /**
     * Institution bodies that a known place before them names across up to three words (پنجاب فوڈ اتھارٹی, کراچی
     * واٹر اینڈ سیوریج بورڈ, سندھ پبلک سروس کمیشن). Without the place these words mostly describe (ٹیکنالوجی کمپنی,
     * خصوصی کمیٹی, خبر رساں ایجنسی), so they are not {@link #NAMING_TAILS}; right after a place they already name
     * (پنجاب بورڈ, the gazetteer branch of {@link #orgTails}).
     */
    private static final java.util.Set<String> BODIES = Lexicon.words(
            "کمیٹی", "کونسل", "کمیشن", "کمشن", "بورڈ", "اتھارٹی", "کمپنی", "کارپوریشن", "ایجنسی", "بیورو");

    /**
     * What a word between a place and a body must not be: a function word, postposition or verb (they end the noun
     * phrase: پنجاب میں قائم کمیٹی, کراچی پہنچنے والی کمیٹی), a date word or number (لاہور گزشتہ روز کمیٹی), a role,
     * title or minister word (a person's description), a speech verb.
     */
    private static final int NOT_IN_BODY_NAME = Lexicon.F_FUNCTION
            | Lexicon.F_POSTPOSITION
            | Lexicon.F_DATE_WORD
            | Lexicon.F_DATE_START
            | Lexicon.F_SPEECH_VERB
            | Lexicon.F_ROLE
            | Lexicon.F_WAZIR
            | Lexicon.F_TITLE_HONORIFIC
            | Lexicon.F_PERSON_NOUN;

    /**
     * Determiners and describing words that open a noun phrase after a place (پاکستان نئی کمیٹی بنائے گا), and نامی:
     * "X نامی کمپنی" is a company named X ({@link #named} types X).
     */
    private static final java.util.Set<String> NOT_BEFORE_BODY = Lexicon.words(
            "ایک", "نئی", "نیا", "نئے", "سابق", "سابقہ", "موجودہ", "پوری", "پورے", "متعلقہ", "مذکورہ", "نامی");

    /** Joining words of a calqued name: they may stand between the name's words, not next to the place or body. */
    private static final java.util.Set<String> BODY_JOINERS = Lexicon.words("اینڈ", "آف", "فار", "ان", "دی", "و");

    /** Words that join two places before a body (انگلینڈ و ویلز کرکٹ بورڈ). */
    private static final java.util.Set<String> PLACE_AND = Lexicon.words("و", "اینڈ");

    /**
     * English words of scope that open a body's name the way a place does (نیشنل ڈیزاسٹر مینجمنٹ اتھارٹی, فیڈرل
     * پبلک سروس کمیشن): written in Urdu letters they are the first word of a calqued name. Only with a word
     * between them and the body (انٹرنیشنل کمپنی is "an international company").
     */
    private static final java.util.Set<String> SCOPES =
            Lexicon.words("نیشنل", "فیڈرل", "انٹرنیشنل", "سینٹرل", "پراونشل", "ڈسٹرکٹ", "میٹروپولیٹن", "ورلڈ");

    /**
     * The first token of a body's name that ends with one to three name words at {@code last}, or -1: a known place
     * (a gazetteer LOCATION, or two joined by و / اینڈ) right before the words (پنجاب فوڈ اتھارٹی, انگلینڈ و
     * ویلز کرکٹ بورڈ), else a word of {@link #SCOPES} among them (نیشنل ہائی وے اتھارٹی). The words may be common
     * ones (فوڈ, پبلک, سروس) but no function word, verb, number, date, role or part of a person's name (see {@link
     * #bodyWord}); a joiner (اینڈ) only between two of them.
     */
    private static int bodyNameStart(Field f, int last) {
        int k = last;
        while (k > last - 3 && bodyWord(f, k)) {
            k--;
        }
        if (k == last || BODY_JOINERS.contains(f.key(last))) {
            return -1;
        }
        Mention place = Field.findEndingAt(f, k);
        if (knownPlace(place)) {
            if (BODY_JOINERS.contains(f.key(k + 1))) {
                return -1;
            }
            Mention other = Field.findEndingAt(f, place.first - 2);
            return PLACE_AND.contains(f.key(place.first - 1)) && knownPlace(other) ? other.first : place.first;
        }
        if (f.free(k) && SCOPES.contains(f.key(k))) {
            return k; // نیشنل الیکٹرک پاور ریگولیٹری اتھارٹی: a scope word before three name words
        }
        for (int j = k + 1; j < last; j++) {
            if (SCOPES.contains(f.key(j))) {
                return j;
            }
        }
        return -1;
    }

    private static boolean knownPlace(Mention m) {
        return m != null && m.type == EntityType.LOCATION && m.method == Entity.Method.GAZETTEER;
    }

    /** A free letter word that can stand between a place and a body word (see {@link #bodyNameStart}). */
    private static boolean bodyWord(Field f, int k) {
        if (!f.free(k) || !f.tokens.isLetterWord(k) || f.has(k, NOT_IN_BODY_NAME)) {
            return false;
        }
        if (f.has(k, Lexicon.F_GIVEN | Lexicon.F_SURNAME | Lexicon.F_HONORIFIC) && !f.has(k, Lexicon.F_COMMON)) {
            return false; // لاہور عمران خان کمیٹی: a person's name, not the body's
        }
        String key = f.key(k);
        return !NOT_BEFORE_BODY.contains(key) && NumberWords.value(key) <= 0;
    }

    private static final int NOT_A_NAME = Lexicon.F_FUNCTION
            | Lexicon.F_COMMON
            | Lexicon.F_DATE_WORD
            | Lexicon.F_ROLE
            | Lexicon.F_POSTPOSITION
            | Lexicon.F_ORG_TAIL
            | Lexicon.F_TITLE_HONORIFIC
            | Lexicon.F_INITIAL;

    private ContextRules() {}

    /** Organisation heads: X پارٹی, X یونیورسٹی, a known place or person before a team or institution word. */
    static void orgTails(Field f) {
        Tokens t = f.tokens;
        for (int i = 1; i < t.size; i++) {
            if (!f.free(i) || !f.has(i, Lexicon.F_ORG_TAIL)) {
                continue;
            }
            int end = i;
            while (f.free(end + 1) && f.has(end + 1, Lexicon.F_ORG_TAIL) && end - i < 2) {
                end++; // مسلم لیگ, کرکٹ کلب
            }
            Mention prev = Field.findEndingAt(f, i - 1);
            if (prev != null
                    && prev.method == Entity.Method.GAZETTEER
                    && prev.type != EntityType.DESIGNATION
                    && prev.type != EntityType.DATE) {
                f.mentions.remove(prev); // اسلام آباد یونائیٹڈ: the place names the team, it is not a place here
                Mention org = new Mention(EntityType.ORGANIZATION, prev.first, end, null, null, Entity.Method.RULE);
                org.evidence = Mention.E_SHAPE;
                f.add(org);
                i = end;
                continue;
            }
            if (BODIES.contains(t.key(i))) {
                int first = bodyNameStart(f, i - 1);
                if (first >= 0) {
                    int e = end;
                    // پنجاب فوڈ اتھارٹی: the place and the words after it name the body
                    f.mentions.removeIf(m -> m.first >= first && m.last <= e);
                    Mention org = new Mention(EntityType.ORGANIZATION, first, end, null, null, Entity.Method.RULE);
                    org.evidence = Mention.E_SHAPE;
                    f.add(org);
                    i = end;
                }
                continue;
            }
            int start = NAMING_TAILS.contains(t.key(i)) ? runBefore(f, i - 1, 3) : -1;
            if (start < 0 || endsInNisba(f, start, i - 1) || afterTitle(f, start - 1)) {
                continue;
            }
            Mention place = Field.findEndingAt(f, start - 1);
            if (place != null && place.type == EntityType.LOCATION && place.method == Entity.Method.GAZETTEER) {
                f.mentions.remove(place); // سندھ ڈیموکریٹک الائنس: the place before the name is part of it
                start = place.first;
            }
            Mention org = new Mention(EntityType.ORGANIZATION, start, end, null, null, Entity.Method.RULE);
            org.evidence = Mention.E_SHAPE;
            f.add(org);
            i = end;
        }
    }

    /**
     * The words at which {@link #speechFrames} may find a frame: its frame words and the number words a score starts
     * with (a score may also start with a digit). Every other word is skipped without making its key.
     */
    private static final KeySet FRAME_WORDS = frameWords();

    private static KeySet frameWords() {
        java.util.Set<String> s = new java.util.HashSet<>(SAYS);
        s.addAll(java.util.List.of(NE, KA, KI, KE, SAHIB, BAQAUL));
        s.addAll(NumberWords.positiveKeys());
        return KeySet.of(s);
    }

    /** Speech and attribution frames and X صاحب: the run of unknown name words they point at is a person. */
    static void speechFrames(Field f) {
        Tokens t = f.tokens;
        for (int i = 1; i < t.size; i++) {
            if (!t.word[i]
                    || t.keyLength(i) > 0
                            && !FRAME_WORDS.contains(t, i)
                            && !Character.isDigit(t.keyChars[t.keyStart[i]])) {
                continue;
            }
            boolean ne = t.keyIs(i, NE);
            boolean ki = t.keyIs(i, KI);
            int nameEnd = -1;
            int evidence = Mention.E_SPEECH;
            if (ne && speechVerbAfter(f, i + 1)) {
                nameEnd = i - 1; // X نے کہا
            } else if (SAYS_KEYS.contains(t, i) && AUX_KEYS.containsWord(f, i + 1)) {
                nameEnd = i - 1; // X کہتے ہیں
            } else if ((t.keyIs(i, KA) || ki) && f.keyIs(i + 1, KEHNA)) {
                nameEnd = i - 1; // X کا کہنا ہے
            } else if (t.keyIs(i, KE) && f.keyIs(i + 1, MUTABIQ)) {
                nameEnd = i - 1; // X کے مطابق
                evidence = Mention.E_ATTRIBUTION;
            } else if (scoreAfter(f, ne || ki ? i + 1 : i) || bowler(f, i)) {
                nameEnd = i - 1; // X نے 48 گیندوں پر 76 رنز, X 40 رنز بنا کر, X کی 63 رنز کی اننگز
                evidence = Mention.E_SPEECH;
                int start = runBefore(f, nameEnd, 3);
                if (start >= 0 && sportsName(f, start, nameEnd, ne || bowler(f, i))) {
                    addPerson(f, start, nameEnd, evidence);
                }
                continue;
            } else if (t.keyIs(i, SAHIB)) {
                nameEnd = i - 1; // X صاحب
                evidence = Mention.E_ADDRESS;
            } else if (t.keyIs(i, BAQAUL)) {
                int end = i + 1;
                while (end < i + 4 && candidate(f, end)) {
                    end++;
                }
                if (end > i + 1
                        && Field.closes(f, end)
                        && hasNameWord(f, i + 1, end - 1)
                        && (end > i + 2 || givenOrSurname(f, i + 1, i + 1))) { // بقول طاقت: one word needs a known name
                    addPerson(f, i + 1, end - 1, Mention.E_ATTRIBUTION);
                    i = end - 1;
                }
                continue;
            }
            if (nameEnd < 0) {
                if (ne && recalled(f, i - 1) && runBefore(f, i - 1, 3) == i - 1) {
                    addPerson(f, i - 1, i - 1, Mention.E_RECALLED); // رابرٹس نے اپنی کتاب لکھی, after ڈیوڈ رابرٹس
                }
                continue;
            }
            Mention found = Field.findEndingAt(f, nameEnd);
            if (found != null && found.type == EntityType.PERSON && found.method == Entity.Method.RULE) {
                // گریگری ڈیوڈ رابرٹس کا کہنا ہے: a name a given-name rule found is also framed; the frame is
                // evidence for it (the memory learns it)
                found.evidence |= evidence;
                continue;
            }
            int start = runBefore(f, nameEnd, 3);
            if (start >= 0 && start == nameEnd && evidence == Mention.E_SPEECH && recalled(f, start)) {
                addPerson(f, start, nameEnd, evidence | Mention.E_RECALLED); // رابرٹس نے کہا, after ڈیوڈ رابرٹس
                continue;
            }
            if (start >= 0
                    && (evidence == Mention.E_ATTRIBUTION || start == nameEnd && evidence == Mention.E_SPEECH)
                    && !givenOrSurname(f, start, nameEnd)
                    && !(start == nameEnd && announced(f, start - 1))) {
                continue; // "ذرائع کے مطابق", "محققین نے کہا": attribution, or one word no list knows, is weak evidence
            }
            if (start >= 0) {
                addPerson(f, start, nameEnd, evidence);
            }
        }
    }

    /**
     * Whether the one word at i, in no word list, is a candidate part of the name memory: the last word of a person
     * name an earlier article established (ڈیوڈ رابرٹس, صحافی سرگی کوالسکی). The frame around it here is the second
     * piece of evidence that it is that person. Attribution (X کے مطابق) is no such evidence: reports and briefings
     * are cited so too.
     */
    private static boolean recalled(Field f, int i) {
        return f.memory != null
                && f.flags[i] == 0
                && f.tokens.isLetterWord(i)
                && opensNounPhrase(f, i)
                && f.memory.isCandidate(f.tokens.key(i));
    }

    private static final KeySet GENITIVES = KeySet.of(java.util.List.of(KA, KI, KE));
    private static final KeySet PARTICIPLES = KeySet.of(Lexicon.words("والے", "والی", "والا"));

    /**
     * Whether a bare word at i starts its noun phrase, as a name standing for a person does (سمتھ نے after a full
     * stop, کہ مرخیل نے, میں سمتھ نے, بیچنے والے دیپک نے): at the start, after punctuation, a postposition or
     * another function word, or a participle in والا. Not after a genitive (امریکی افواج کے کمانڈر نے), a
     * determiner (اس آدمی نے) or a describing word (برطانوی باکسر نے, درخواست گزار نے): there the word is a noun.
     */
    private static boolean opensNounPhrase(Field f, int i) {
        Tokens t = f.tokens;
        if (i == 0 || !t.word[i - 1]) {
            return true;
        }
        if (GENITIVES.contains(t, i - 1) || MemoryPass.DETERMINERS.contains(t.key(i - 1))) {
            return false;
        }
        return f.has(i - 1, Lexicon.F_FUNCTION | Lexicon.F_POSTPOSITION) || PARTICIPLES.contains(t, i - 1);
    }

    private static final String AUR = Keys.of("اور");
    private static final String NAMI = Keys.of("نامی");

    /** Nouns for a person after "X نامی" (X نامی شخص, X نامی خاتون); role words count too. */
    private static final java.util.Set<String> NAMED_PERSON = Lexicon.words(
            "شخص",
            "شخصیت",
            "خاتون",
            "مرد",
            "عورت",
            "لڑکی",
            "لڑکا",
            "لڑکے",
            "بچی",
            "بچہ",
            "بچے",
            "نوجوان",
            "شہری",
            "صارف",
            "سیاح",
            "تاجر",
            "مزدور",
            "شوہر",
            "بیوی",
            "بھائی",
            "بھائیوں",
            "بہن",
            "بہنوں",
            "افراد",
            "ملزم",
            "ملزمان",
            "ڈاکو",
            "قیدی",
            "کسان",
            "طالب",
            "طالبہ",
            "طالبعلم",
            "فوٹوگرافر",
            "صحافی",
            "کھلاڑی",
            "اہلکار",
            "افسر",
            "کارکن",
            "رہنما",
            "بزرگ",
            "مریض",
            "ڈرائیور",
            "ملازم",
            "پائلٹ",
            "فوجی",
            "خاتون",
            "ٹیکنیشن",
            "مکینک",
            "دکاندار",
            "ملازمہ",
            "نرس",
            "استاد",
            "ٹیچر",
            "پروگرامر",
            "چوکیدار",
            "باورچی",
            "کاروباری",
            "پادری",
            "راہب",
            "شہزادی");
    /** Nouns for an organisation after "X نامی" (X نامی تنظیم); organisation tails count too. */
    private static final java.util.Set<String> NAMED_ORG = Lexicon.words(
            "تنظیم",
            "تنظیموں",
            "گروپ",
            "جماعت",
            "کمپنی",
            "ادارے",
            "ادارہ",
            "پارٹی",
            "تحریک",
            "بینک",
            "چینل",
            "اخبار",
            "ویب",
            "سکول",
            "اسکول",
            "یونیورسٹی",
            "پلیٹ",
            "ہاؤس",
            "ہاؤسز",
            "فرم",
            "کلب",
            "ٹیم");
    /** Nouns for a place after "X نامی" (X نامی گاؤں); place heads count too. */
    private static final java.util.Set<String> NAMED_PLACE = Lexicon.words(
            "گاؤں", "علاقے", "علاقہ", "قصبے", "قصبہ", "دیہات", "شہر", "جزیرے", "جزیرہ", "بستی", "محلے", "محلہ", "دریا",
            "پہاڑ", "مقام", "ضلع", "صوبے", "وادی", "جھیل");
    /** Words between نامی and its noun: determiners, numbers, adjectives of kind (ایک مرد, اس سیٹلائٹ, کالعدم تنظیم). */
    private static final java.util.Set<String> NAMED_SKIP = Lexicon.words(
            "ایک", "اس", "یہ", "دو", "تین", "چند", "کالعدم", "سیاسی", "مذہبی", "نئے", "نئی", "نیا", "اور", "سالہ",
            "سالا", "برس", "سال");

    /**
     * "X نامی N" (a man named X, a village called X): the run before نامی is named, and the noun after it gives the
     * type: a person (شخص, خاتون, a role word), an organisation (تنظیم, کمپنی, an institution word) or a place
     * (گاؤں, علاقے, a place head); any other noun (روبوٹ, دوا, مہم) makes no entity. The run is a quoted name
     * ('الفاران' نامی), or one to three free words before نامی that are no function word; for a person they must
     * also be no common word unless a given or family name.
     */
    static void named(Field f) {
        Tokens t = f.tokens;
        for (int i = 1; i < t.size; i++) {
            if (!t.word[i] || !t.keyIs(i, NAMI)) {
                continue;
            }
            EntityType type = null;
            int skippedUnknown = 0;
            for (int j = i + 1; j <= i + 6 && j < t.size && t.word[j] && type == null; j++) {
                String k = t.key(j);
                boolean near = j <= i + 3; // further on, only the nouns of these lists (not role words: اے آئی ماڈل)
                if (NAMED_PERSON.contains(k) || f.has(j, Lexicon.F_PERSON_NOUN) || near && f.has(j, Lexicon.F_ROLE)) {
                    type = EntityType.PERSON;
                } else if (NAMED_ORG.contains(k) || near && f.has(j, Lexicon.F_ORG_TAIL)) {
                    type = EntityType.ORGANIZATION;
                } else if (NAMED_PLACE.contains(k) || near && f.has(j, Lexicon.F_LOC_HEAD)) {
                    type = EntityType.LOCATION;
                } else if (f.unknown(j) && skippedUnknown == 0 && j > i + 1) {
                    skippedUnknown++; // X نامی اس 41 سالہ کمپیوٹر ٹیکنیشن: one modifier no list knows before the noun
                } else if (!NAMED_SKIP.contains(k)
                        && !f.has(j, Lexicon.F_COMMON)
                        && !Character.isDigit(k.charAt(0))
                        && NumberWords.value(k) <= 0) {
                    break; // determiners, numbers and ages (ایک, 41 سالہ, اکتالیس سالہ) are skipped
                }
            }
            if (type == null) {
                continue;
            }
            int last = i - 1;
            int first;
            if (!t.word[last] && quote(t, last)) {
                first = last - 1; // 'الفاران' نامی: the quoted words
                while (first > last - 6 && first > 0 && t.word[first] && f.free(first)) {
                    first--;
                }
                if (first < 0 || t.word[first] || !quote(t, first) || first + 1 > last - 1) {
                    continue;
                }
                first++;
                last--;
            } else {
                first = last + 1;
                while (first > i - 4 && namedWord(f, first - 1, type)) {
                    first--;
                }
                while (first < last && f.has(first, Lexicon.F_COMMON) && !f.has(first, Lexicon.F_GIVEN)) {
                    first++; // 200 سال قدیم اتولر نامی گاؤں, واقع پوکنوئے: a description before the name
                }
                if (first > last
                        || f.has(first, Lexicon.F_COMMON) && type != EntityType.PERSON
                        || type == EntityType.PERSON && !hasNameWord(f, first, last)) {
                    continue;
                }
            }
            Mention m = new Mention(type, first, last, null, null, Entity.Method.RULE);
            m.evidence = type == EntityType.PERSON ? Mention.E_NAMED : Mention.E_SHAPE;
            f.add(m);
        }
    }

    private static boolean quote(Tokens t, int i) {
        char c = t.text.charAt(t.start[i]);
        return c == '\'' || c == '"' || c == '‘' || c == '’' || c == '“' || c == '”';
    }

    /** A free letter word that can be part of a name before نامی: for a person, no common word unless a known name. */
    private static boolean namedWord(Field f, int k, EntityType type) {
        if (!f.free(k) || !f.tokens.isLetterWord(k) || f.has(k, Lexicon.F_FUNCTION | Lexicon.F_POSTPOSITION)) {
            return false;
        }
        if (type == EntityType.PERSON) {
            return candidate(f, k) || f.has(k, Lexicon.F_INITIAL) && !f.has(k, Lexicon.F_FUNCTION);
        }
        return !f.has(k, Lexicon.F_DATE_WORD | Lexicon.F_ROLE) && f.tokens.end[k] - f.tokens.start[k] >= 2;
    }

    /**
     * Lists of people: a closed run of one to three name words next to a person, separated by a comma or اور
     * (عبداللہ عبید، ظفر اقبال اور قاضی کاشف نیاز), is a person too. Runs to the right and left, repeated so that a
     * found item extends the list.
     */
    static void coordination(Field f) {
        for (int round = 0; round < 4; round++) {
            boolean added = false;
            for (Mention p : new java.util.ArrayList<>(f.mentions)) {
                if (p.type != EntityType.PERSON) {
                    continue;
                }
                int a = p.last + 2;
                if (separator(f, p.last + 1) && candidate(f, a)) {
                    int b = a;
                    while (b + 1 < a + 3 && candidate(f, b + 1)) {
                        b++;
                    }
                    if ((Field.closes(f, b + 1) || separator(f, b + 1)) && listItem(f, a, b)) {
                        addPerson(f, a, b, Mention.E_LIST);
                        added = true;
                    }
                }
                int z = p.first - 2;
                if (separator(f, p.first - 1) && candidate(f, z)) {
                    int y = z;
                    while (y - 1 > z - 3 && candidate(f, y - 1)) {
                        y--;
                    }
                    if (!candidate(f, y - 1) && opensItem(f, y - 1) && listItem(f, y, z)) {
                        addPerson(f, y, z, Mention.E_LIST);
                        added = true;
                    }
                }
            }
            if (!added) {
                return;
            }
        }
    }

    private static boolean separator(Field f, int i) {
        if (i < 0 || i >= f.tokens.size) {
            return false;
        }
        if (f.tokens.word[i]) {
            return f.tokens.key(i).equals(AUR);
        }
        char c = f.tokens.text.charAt(f.tokens.start[i]);
        return c == '،' || c == ',';
    }

    private static boolean opensItem(Field f, int i) {
        return i < 0 || separator(f, i) || !f.tokens.word[i] || f.has(i, Lexicon.F_POSTPOSITION | Lexicon.F_ROLE);
    }

    /** A list item: a name word in it, and a lone word no list knows of at least three letters. */
    private static boolean listItem(Field f, int a, int b) {
        if (!hasNameWord(f, a, b)) {
            return false;
        }
        return b > a
                || f.has(
                        a,
                        Lexicon.F_GIVEN | Lexicon.F_SURNAME); // نواز شریف اور اسٹیبلشمنٹ: one unknown word is no name
    }

    private static void addPerson(Field f, int first, int last, int evidence) {
        Mention m = new Mention(EntityType.PERSON, first, last, null, null, Entity.Method.RULE);
        m.evidence = evidence;
        f.add(m);
    }

    /** What a player scores or takes, after a number: runs, wickets, balls faced, goals, sixes, fours. */
    private static final java.util.Set<String> SCORES =
            Lexicon.words("رنز", "رن", "وکٹیں", "وکٹ", "گیندوں", "گول", "چھکے", "چوکے");

    private static final KeySet SCORE_KEYS = KeySet.of(SCORES);
    /** The number words a score may start with (NumberWords.value above 0). */
    private static final KeySet NUMBER_WORDS = KeySet.of(NumberWords.positiveKeys());

    private static final String GEND = Keys.of("گیند");
    private static final String PAR = Keys.of("پر");

    /** Whether tokens from i read "کی گیند پر" (X کی گیند پر آؤٹ: X bowled the ball). */
    private static boolean bowler(Field f, int i) {
        return f.keyIs(i, KI) && f.keyIs(i + 1, GEND) && f.keyIs(i + 2, PAR);
    }

    /**
     * Whether token i starts a score: a number (digits or a number word) and within two words after it a score
     * word (48 گیندوں پر, 76 رنز, تین وکٹیں), before any punctuation.
     */
    private static boolean scoreAfter(Field f, int i) {
        Tokens t = f.tokens;
        if (i >= t.size || !t.word[i]) {
            return false;
        }
        boolean number = t.keyLength(i) == 0
                ? Character.isDigit(t.key(i).charAt(0)) // an empty key fails here, as it always did
                : Character.isDigit(t.keyChars[t.keyStart[i]]) || NUMBER_WORDS.contains(t, i);
        if (!number) {
            return false;
        }
        for (int j = i + 1; j <= i + 2 && j < t.size && t.word[j]; j++) {
            if (SCORE_KEYS.contains(t, j)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A player's name before a score: the run holds a word no list knows or a known name, no word of a team (ٹیم,
     * teams' nicknames are common words) and is not a place or organisation the gazetteer took (those are teams).
     * Scores are runs, wickets taken, balls and goals; not وکٹوں (a team's margin: 9 وکٹوں سے) nor پوائنٹس (an index).
     */
    private static boolean sportsName(Field f, int start, int end, boolean ne) {
        // one word no list knows needs نے (X نے 76 رنز): before a bare number it is as often an adverb or a noun
        // (محض 6 رنز, 32 رنز کے عوض 3 وکٹیں)
        return hasNameWord(f, start, end) && (end > start || ne && f.unknown(start) || givenOrSurname(f, start, end));
    }

    /** Whether a speech verb follows within a few words after نے, before any punctuation. */
    private static boolean speechVerbAfter(Field f, int from) {
        for (int k = from; k < from + 5 && k < f.tokens.size && f.tokens.word[k]; k++) {
            if (f.has(k, Lexicon.F_SPEECH_VERB)) {
                return true;
            }
        }
        return false;
    }

    /**
     * First token of a closed run of 1 to max name words ending at {@code last}, or -1: the word before it must not
     * be a name word itself (else the run's start is unknown), and the run needs a word no list knows or a name
     * word.
     */
    private static int runBefore(Field f, int last, int max) {
        int k = last;
        while (k > last - max && candidate(f, k)) {
            k--;
        }
        if (k == last || candidate(f, k)) {
            return -1;
        }
        int start = k + 1;
        while (start <= last && f.has(start, Lexicon.F_HONORIFIC) && !f.has(start, Lexicon.F_GIVEN) && start < last) {
            start += f.has(start, Lexicon.F_TITLE_HONORIFIC) ? 1 : 0;
            break;
        }
        return hasNameWord(f, start, last) ? start : -1;
    }

    /** Whether token i announces a name: a role word (ایڈیٹر X کہتے ہیں) or a strong title (مسٹر X نے کہا). */
    private static boolean announced(Field f, int i) {
        return f.has(i, Lexicon.F_ROLE | Lexicon.F_PERSON_NOUN)
                || f.has(i, Lexicon.F_TITLE_HONORIFIC) && !f.has(i, Lexicon.F_WEAK_HONORIFIC);
    }

    private static boolean givenOrSurname(Field f, int first, int last) {
        for (int k = first; k <= last; k++) {
            if (f.has(k, Lexicon.F_GIVEN | Lexicon.F_SURNAME)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether token i is a title or honorific (ڈاکٹر اشرف کالج آن پہنچے: the name after a title is a person, and the
     * institution word after it is where the person went).
     */
    private static boolean afterTitle(Field f, int i) {
        if (f.has(i, Lexicon.F_TITLE_HONORIFIC | Lexicon.F_HONORIFIC) && !f.has(i, Lexicon.F_WEAK_HONORIFIC)) {
            return true;
        }
        Mention prev = Field.findEndingAt(f, i);
        return prev != null && prev.type == EntityType.DESIGNATION;
    }

    /** Whether every word ends in ی (عدالتی, تحقیقاتی): adjectives before a tail make a description, not a name. */
    private static boolean endsInNisba(Field f, int first, int last) {
        for (int k = first; k <= last; k++) {
            String key = f.tokens.key(k);
            if (!key.endsWith("ی")) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNameWord(Field f, int first, int last) {
        for (int k = first; k <= last; k++) {
            if (f.unknown(k) || f.has(k, Lexicon.F_GIVEN | Lexicon.F_SURNAME)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A free letter word of at least 2 letters, in no list that rules a name out, not an oblique or feminine plural
     * (…وں, …یں).
     */
    private static boolean candidate(Field f, int k) {
        if (!f.free(k)
                || !f.tokens.isLetterWord(k)
                || f.has(k, NOT_A_NAME) && !f.has(k, Lexicon.F_GIVEN)
                || f.tokens.end[k] - f.tokens.start[k] < 2) {
            return false;
        }
        String key = f.tokens.key(k);
        return !(key.length() > 3 && (key.endsWith(PLURAL_OBLIQUE) || key.endsWith(PLURAL_FEMININE)));
    }
}
