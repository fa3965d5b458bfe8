package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import java.util.List;

/** Recognises remembered names in a field, and reports what a field teaches the memory. */
final class MemoryPass {
    private static final int STRONG = Mention.E_DESIGNATION | Mention.E_SPEECH;

    private MemoryPass() {}

    /** Longest matches of the memory's active names on the tokens no earlier pass took. */
    static void recognise(Field f, NameMemory.Snapshot s) {
        if (s.entries.isEmpty()) {
            return;
        }
        Tokens t = f.tokens;
        for (int i = 0; i < t.size; i++) {
            if (!f.free(i)) {
                continue;
            }
            long r = s.trie.longest(t, i, s.maxTokens, f.used);
            if (r < 0) {
                continue;
            }
            int last = (int) (r >>> 32);
            LearnedName n = s.entries.get((int) r);
            if (last == i && !(n.has(NameMemory.Evidence.RECALLED) ? confirmedNameFits(f, i) : loneNameFits(f, i))) {
                continue;
            }
            if (last == i && t.keyLength(i) < 4 && !shortNameStarts(f, i)) {
                continue; // زی جن پنگ, صحبت اور فیض نے: a 3-letter part ends a name spelled another way, or a noun
            }
            if (last > i && Tokens.of(n.surface()).size == 1) {
                continue; // a one-word name matched over two words (کوبتایا on "کو بتایا") is another phrase
            }
            Mention m = new Mention(n.type(), i, last, null, null, Entity.Method.MEMORY);
            m.evidence = Mention.E_MEMORY;
            f.add(m);
            i = last;
        }
    }

    /**
     * Whether a one-word name may stand alone at token i: only where a noun phrase ends (فیض نے, فیض کے نواسے), not
     * as the end of a longer name (سعید احمد اکبر آبادی, مسرت مصباح), nor after a determiner or a number (کسی عزیز
     * سے, دوسرے انعام, 633542 نمبر), nor before a light verb (وضاحت کی جائے, انجام دیا): those make a common noun.
     */
    static boolean loneNameFits(Field f, int i) {
        return (Field.closes(f, i + 1)
                        || f.has(i + 1, Lexicon.F_FUNCTION)
                        || f.has(i - 1, Lexicon.F_ROLE | Lexicon.F_PERSON_NOUN))
                && !(f.free(i - 1) && (f.unknown(i - 1) || f.has(i - 1, Lexicon.F_GIVEN | Lexicon.F_SURNAME)))
                && !determined(f, i - 1)
                && !LIGHT_VERBS.contains(f.key(i + 1));
    }

    /**
     * Whether a confirmed part (a candidate a frame confirmed in another article: the person is established twice)
     * may stand alone at token i: also where no noun phrase ends and after a determiner, but not inside a longer name
     * or a thing's name (a word no list knows, a name word, an entity or an institution or place word on either
     * side) nor before a light verb (رابرٹس بائیں بازو کے, یہ رابرٹس کی زندگی; not X رابرٹس, سمتھ سونیئن, رابرٹس کیا).
     */
    static boolean confirmedNameFits(Field f, int i) {
        return !(f.free(i - 1) && (f.unknown(i - 1) || f.has(i - 1, Lexicon.F_GIVEN | Lexicon.F_SURNAME)))
                && !(i + 1 < f.tokens.size
                        && f.tokens.word[i + 1]
                        && (!f.free(i + 1) || f.unknown(i + 1) || f.has(i + 1, NAME_GOES_ON)))
                && !LIGHT_VERBS.contains(f.key(i + 1));
    }

    /** Words after which a noun phrase starts: a 3-letter remembered part may follow them (انھوں نے فیض سے). */
    private static final KeySet SHORT_NAME_AFTER = KeySet.of(Lexicon.words(
            "نے", "کے", "کی", "کا", "سے", "کو", "میں", "پر", "تک", "کہ", "بقول", "جب", "لیکن", "مگر", "تو"));

    /**
     * Whether a remembered part of 3 letters (فیض of فیض احمد فیض, see {@link NameMemory#learnable(EntityType,
     * String, int)}) may stand alone at token i, which {@link #loneNameFits} already allows: also only where a noun
     * phrase starts, at the start of the text, after punctuation or after a postposition or conjunction of
     * {@link #SHORT_NAME_AFTER} (میں فیض نے, بتایا کہ فیض). A short word after another word is as often the end
     * of the name in another spelling (صدر زی جن پنگ) or a noun in a coordination (صحبت اور فیض نے).
     */
    static boolean shortNameStarts(Field f, int i) {
        return i == 0 || !f.tokens.word[i - 1] || SHORT_NAME_AFTER.contains(f.tokens, i - 1);
    }

    /** Words after which a name goes on or names a thing (سمتھ سونیئن, جیکسن ہائیٹس, X گروپ). */
    private static final int NAME_GOES_ON =
            Lexicon.F_GIVEN | Lexicon.F_SURNAME | Lexicon.F_ORG_TAIL | Lexicon.F_PLACE_TAIL;

    /** Forms of کرنا, دینا, ہونا, رکھنا that make a compound verb with the noun before them. */
    private static final java.util.Set<String> LIGHT_VERBS = Lexicon.words(
            "کر", "کرکے", "کرنے", "کرتے", "کرتا", "کرتی", "کریں", "کرے", "کرو", "کرنا", "کیا", "کیے", "کئے", "کیں",
            "کرلی", "کرلیا", "دیا", "دی", "دیے", "دیئے", "دیں", "دینے", "دیتے", "دیتا", "دیتی", "دے", "دینا", "ہو",
            "ہوا", "ہوئی", "ہوئے", "ہوگا", "ہوگی", "ہوں", "ہونے", "ہوتا", "ہوتی", "ہوتے", "ہوجاتا", "ہوگیا", "رکھا",
            "رکھنے", "رکھتے", "پایا", "لیا", "لی", "لیتے");

    static final java.util.Set<String> DETERMINERS = Lexicon.words(
            "کسی", "کوئی", "ایک", "ہر", "اس", "ان", "یہ", "وہ", "پہلے", "پہلی", "پہلا", "دوسرے", "دوسری", "دوسرا",
            "تیسرے", "تیسری", "تیسرا", "چوتھے", "اپنے", "اپنی", "اپنا", "کئی", "چند", "بعض", "تمام", "کچھ", "سب");

    /** Whether token i is a determiner, an ordinal, a number word or digits. */
    private static boolean determined(Field f, int i) {
        if (i < 0 || i >= f.tokens.size || !f.tokens.word[i]) {
            return false;
        }
        String k = f.tokens.key(i);
        return DETERMINERS.contains(k) || Character.isDigit(k.charAt(0)) || f.has(i, Lexicon.F_DATE_START);
    }

    /** The names a field gives evidence for: rule-found names with evidence, and parts of confident people. */
    static void observe(Field f, List<NameMemory.Observation> out) {
        if (f == null) {
            return;
        }
        for (Mention m : f.mentions) {
            if (m.type == EntityType.PERSON && m.last > m.first) {
                if (m.method == Entity.Method.GAZETTEER && m.canonical != null) {
                    knownParts(f, m, out);
                    continue;
                }
                if ((m.evidence & Mention.E_MEMORY) != 0) {
                    // a remembered full name seen again counts this article, and teaches its last word
                    out.add(new NameMemory.Observation(m.type, surface(f, m), 0));
                    part(f, m.last, out);
                    continue;
                }
            }
            if ((m.evidence & Mention.E_RECALLED) != 0 && m.type == EntityType.PERSON && m.last == m.first) {
                // a candidate part confirmed by a frame (رابرٹس نے کہا): a part of that person from now on
                out.add(new NameMemory.Observation(
                        m.type, surface(f, m), NameMemory.Evidence.PART.bit | NameMemory.Evidence.RECALLED.bit));
                continue;
            }
            if (m.type == EntityType.PERSON
                    && m.last > m.first
                    && m.method == Entity.Method.RULE
                    && m.canonical == null
                    && (m.evidence & (Mention.E_MEMORY | Mention.E_SHAPE | Mention.E_LIST)) == 0
                    && (m.evidence & STRONG) == 0
                    && (m.evidence != 0 || givenBefore(f, m))
                    && Coreference.source(f, m)) {
                candidatePart(f, m.last, out); // صحافی سرگی کوالسکی, ڈیوڈ رابرٹس: a candidate, not a name yet
            }
            // People only: place and organisation shapes fire again by themselves, and remembering them spreads
            // generic phrases (اوپن مارکیٹ); a one-word name is learned only as the part of a longer confident one
            if (m.evidence == 0
                    || (m.evidence & (Mention.E_MEMORY | Mention.E_SHAPE | Mention.E_LIST)) != 0
                    || m.canonical != null
                    || m.type != EntityType.PERSON
                    || m.last == m.first) {
                continue;
            }
            if (!Coreference.source(f, m)) {
                continue; // a frame around words no list knows: good enough to tag here, not to teach the memory
            }
            out.add(new NameMemory.Observation(m.type, surface(f, m), bits(m.evidence)));
            if (m.type == EntityType.PERSON && m.last > m.first && (m.evidence & STRONG) != 0) {
                if (givenBefore(f, m)) {
                    strongPart(f, m.last, out); // ڈیوڈ رابرٹس کا کہنا ہے: a known given name and a frame
                } else {
                    part(f, m.last, out);
                }
            }
        }
    }

    /**
     * Whether {@code m} is a one-word person found by a rule after a designation and framed by speech after it, the
     * word in no word list and not a part many people share (صدر کریموف نے کہا): strong enough to name the word's
     * other mentions in this article (see {@link Coreference}). Not taught to the memory: on real news a designation
     * before one word is as often an office before a noun no list knows (وزیر اقتصادی امور, منصوبہ بندی).
     */
    static boolean strongSingle(Field f, Mention m) {
        return m.type == EntityType.PERSON
                && m.first == m.last
                && m.method != Entity.Method.GAZETTEER
                && m.canonical == null
                && (m.evidence & Mention.E_DESIGNATION) != 0
                && (m.evidence & Mention.E_SPEECH) != 0
                && f.flags[m.first] == 0
                && f.tokens.isLetterWord(m.first)
                && !Coreference.WEAK_NAME_PARTS.contains(f.tokens.key(m.first))
                && NameMemory.learnable(EntityType.PERSON, surface(f, m));
    }

    private static String surface(Field f, Mention m) {
        return f.tokens.text.substring(f.tokens.start[m.first], f.tokens.end[m.last]);
    }

    /** The last word of a confident name, when it is in no word list and not a part many people share. */
    private static void part(Field f, int k, List<NameMemory.Observation> out) {
        if (f.flags[k] == 0 && !Coreference.WEAK_NAME_PARTS.contains(f.tokens.key(k))) {
            out.add(new NameMemory.Observation(EntityType.PERSON, f.tokens.text(k), NameMemory.Evidence.PART.bit));
        }
    }

    private static final String VERB_TI = Keys.of("تی");
    private static final String VERB_TA = Keys.of("تا");

    /** {@link #part}, as a candidate: inactive until a frame confirms the bare word in a later article. */
    private static void candidatePart(Field f, int k, List<NameMemory.Observation> out) {
        String key = f.tokens.key(k);
        if (f.flags[k] == 0
                && !Coreference.WEAK_NAME_PARTS.contains(key)
                && Character.UnicodeScript.of(key.codePointAt(0)) == Character.UnicodeScript.ARABIC
                && !key.endsWith(VERB_TI)
                && !key.endsWith(VERB_TA)) { // بتاتی, Print: a verb form or a Latin word is no name part
            out.add(new NameMemory.Observation(EntityType.PERSON, f.tokens.text(k), NameMemory.Evidence.CANDIDATE.bit));
        }
    }

    /** Whether a known given name stands before the last word of {@code m}. */
    private static boolean givenBefore(Field f, Mention m) {
        for (int k = m.first; k < m.last; k++) {
            if (f.has(k, Lexicon.F_GIVEN)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #part}, of a name with strong evidence and a known given name: active at once. */
    private static void strongPart(Field f, int k, List<NameMemory.Observation> out) {
        if (f.flags[k] == 0 && !Coreference.WEAK_NAME_PARTS.contains(f.tokens.key(k))) {
            out.add(new NameMemory.Observation(
                    EntityType.PERSON,
                    f.tokens.text(k),
                    NameMemory.Evidence.PART.bit | NameMemory.Evidence.STRONG_PART.bit));
        }
    }

    /**
     * 3-letter last words of {@code gazetteer/persons.tsv} that are common words or family names many people share
     * (ملت of مادر ملت "nation", تنگ "narrow", بیگ "bag" and a frequent family name, ششم "sixth", رشد "guidance",
     * برگ "leaf", پین "pen", دہل, راؤ, بھٹ, گپت): the memory never learns them alone. They are not {@link
     * Coreference#WEAK_NAME_PARTS}: within one article, after the full name (نصر اللہ بیگ), they still link.
     */
    private static final java.util.Set<String> SHORT_COMMON = Lexicon.words(
            "ملت", "تنگ", "بیگ", "برگ", "پین", "ششم", "رشد", "ننگ", "لنگ", "زاد", "دہل", "راؤ", "راو", "بھٹ", "گپت",
            "کیٹ", "کین", "ایر", "واس", "پاد", "سبل");

    /**
     * The words of a gazetteer person's full form that no word list knows (روسیف, فراق); a word of 3 letters only in
     * the family-name position, the last word (فیض of فیض احمد فیض: a bare فیض نے in a later article is the poet).
     */
    private static void knownParts(Field f, Mention m, List<NameMemory.Observation> out) {
        for (int k = m.first; k <= m.last; k++) {
            if (f.flags[k] == 0
                    && !Coreference.WEAK_NAME_PARTS.contains(f.tokens.key(k))
                    && (f.tokens.keyLength(k) >= 4 || k == m.last && !SHORT_COMMON.contains(f.tokens.key(k)))
                    && !(k > m.first && f.tokens.key(k).endsWith("ی"))) { // آبادی, گورکھپوری: a nisba, not the person
                out.add(new NameMemory.Observation(
                        EntityType.PERSON,
                        f.tokens.text(k),
                        NameMemory.Evidence.PART.bit | NameMemory.Evidence.KNOWN_PART.bit));
            }
        }
    }

    private static int bits(int e) {
        int b = 0;
        if ((e & Mention.E_DESIGNATION) != 0) {
            b |= NameMemory.Evidence.DESIGNATION.bit;
        }
        if ((e & Mention.E_SPEECH) != 0) {
            b |= NameMemory.Evidence.SPEECH.bit;
        }
        if ((e & Mention.E_ATTRIBUTION) != 0) {
            b |= NameMemory.Evidence.ATTRIBUTION.bit;
        }
        if ((e & (Mention.E_ADDRESS | Mention.E_HONORIFIC)) != 0) {
            b |= NameMemory.Evidence.HONORIFIC.bit;
        }
        if ((e & Mention.E_ROLE) != 0) {
            b |= NameMemory.Evidence.ROLE.bit;
        }
        if ((e & Mention.E_SURNAME) != 0) {
            b |= NameMemory.Evidence.SURNAME.bit;
        }
        if ((e & Mention.E_SHAPE) != 0) {
            b |= NameMemory.Evidence.SHAPE.bit;
        }
        if ((e & Mention.E_NAMED) != 0) {
            b |= NameMemory.Evidence.NAMED.bit;
        }
        return b;
    }
}
