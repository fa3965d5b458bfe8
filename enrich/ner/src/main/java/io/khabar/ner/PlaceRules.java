package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;

/** Place shapes: place heads (صوبہ X), place words after a name (X روڈ), place endings (X آباد). */
final class PlaceRules {
    private PlaceRules() {}

    /** X روڈ, X ٹاؤن, X ڈیم, X آباد, X پور: a name followed by a place word is a place, the word included. */
    static void placeTails(Field f) {
        Tokens t = f.tokens;
        for (int i = 1; i < t.size; i++) {
            if (!f.free(i)) {
                continue;
            }
            boolean tail = f.has(i, Lexicon.F_PLACE_TAIL);
            boolean suffix = f.has(i, Lexicon.F_LOC_SUFFIX);
            if (!tail && !suffix) {
                continue;
            }
            int s = i;
            if (f.free(i - 1)
                    && (f.unknown(i - 1) && !obliquePlural(f, i - 1)
                            || f.has(i - 1, Lexicon.F_GIVEN | Lexicon.F_SURNAME))) {
                s = i - 1;
                if (tail && f.free(s - 1) && (f.unknown(s - 1) || f.has(s - 1, Lexicon.F_GIVEN | Lexicon.F_SURNAME))) {
                    s--;
                }
            }
            if (tail) {
                Mention prev = Field.findEndingAt(f, s - 1);
                // لاہور ریلوے اسٹیشن, لیاقت علی خان چوک: a place or person before a place word names the place
                if (prev != null && (prev.type == EntityType.LOCATION || prev.type == EntityType.PERSON)) {
                    f.mentions.remove(prev);
                    s = prev.first;
                }
            }
            if (s == i) {
                continue;
            }
            int end = i;
            if (tail && f.free(i + 1) && f.has(i + 1, Lexicon.F_PLACE_TAIL) && f.has(i, Lexicon.F_PAIR_FIRST)) {
                end++; // بگرام ہوائی اڈہ: a two-word place word
            }
            if (suffix && f.free(i + 1) && f.has(i + 1, Lexicon.F_PLACE_QUALIFIER)) {
                end++;
            }
            Mention place = new Mention(EntityType.LOCATION, s, end, null, null, Entity.Method.RULE);
            place.evidence = Mention.E_SHAPE;
            f.add(place);
            i = end;
        }
    }

    private static final String OBLIQUE = Keys.of("وں");
    /** Settlement words that follow a place's name (ککوا گاؤں, مونگنو شہر, وردوج ضلعے). */
    private static final KeySet AFTER_NAME =
            KeySet.of(Lexicon.words("شہر", "گاؤں", "گاوں", "ضلع", "ضلعے", "قصبہ", "قصبے", "تحصیل"));

    private static final java.util.Set<String> AREA = Lexicon.words("علاقہ", "علاقے");
    private static final java.util.Set<String> GENITIVE = Lexicon.words("کی", "کا");

    /** پولیس کے ہاتھوں جیل میں: an oblique plural (…وں) before a place word is no name. */
    private static boolean obliquePlural(Field f, int i) {
        String k = f.key(i);
        return k.length() > 3 && k.endsWith(OBLIQUE);
    }

    static void placeRules(Field f) {
        Tokens t = f.tokens;
        for (int i = 0; i < t.size; i++) {
            if (!f.free(i)) {
                continue;
            }
            // X شہر کے, X گاؤں پر, X ضلعے میں: the name before a settlement word (the word stays outside)
            if (AFTER_NAME.contains(t, i) && Field.closes(f, i + 1) && f.free(i - 1) && f.unknown(i - 1)) {
                int s = i - 1;
                if (f.free(s - 1) && f.unknown(s - 1)) {
                    s--;
                }
                String k = f.key(i - 1);
                boolean describes = s == i - 1 && k.endsWith("ی") // آبائی گاؤں, نواحی قصبے, ساحلی شہر
                        || obliquePlural(f, i - 1)
                        || k.endsWith("یں")
                        || f.unknown(s - 1)
                        || f.has(s - 1, Lexicon.F_GIVEN | Lexicon.F_SURNAME);
                if (!describes) {
                    Mention place = new Mention(EntityType.LOCATION, s, i - 1, null, null, Entity.Method.RULE);
                    place.evidence = Mention.E_SHAPE;
                    f.add(place);
                    continue;
                }
            }
            // صوبہ X, ضلع X, شہر X
            if (f.has(i, Lexicon.F_LOC_HEAD) && f.free(i + 1) && f.unknown(i + 1)) {
                int end = i + 1;
                if (f.free(end + 1) && f.has(end + 1, Lexicon.F_LOC_SUFFIX)) {
                    end++;
                }
                if (!Field.closes(f, end + 1)) {
                    continue; // "شہر بسایا گیا": a name closes with a postposition or punctuation
                }
                if (AREA.contains(f.key(i)) && GENITIVE.contains(f.key(end + 1))) {
                    continue; // علاقہ کھونے کی رفتار, علاقے دھند کی لپیٹ: "area" before a noun's genitive is no place
                    // head
                }
                Mention place = new Mention(EntityType.LOCATION, i + 1, end, null, null, Entity.Method.RULE);
                place.evidence = Mention.E_SHAPE;
                f.add(place);
                i = end;
                continue;
            }
            if (f.unknown(i) && t.end[i] - t.start[i] >= 5) {
                for (String suffix : Lexicon.LOC_SUFFIXES) {
                    if (endsWith(t, i, suffix)) {
                        f.add(new Mention(EntityType.LOCATION, i, i, null, null, Entity.Method.RULE));
                        break;
                    }
                }
            }
        }
    }

    /** Whether the folded chars of token i end with {@code suffix} and have at least 2 more before it. */
    static boolean endsWith(Tokens t, int i, String suffix) {
        int n = suffix.length() - 1;
        int before = 0;
        for (int k = t.end[i] - 1; k >= t.start[i]; k--) {
            char c = Keys.fold(t.text.charAt(k));
            if (c == 0) {
                continue;
            }
            if (n >= 0) {
                if (c != suffix.charAt(n)) {
                    return false;
                }
                n--;
            } else if (++before >= 2) {
                return true;
            }
        }
        return false;
    }
}
