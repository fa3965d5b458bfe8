package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;

/** Organisation shapes beyond a head word: names calqued on English with آف / فار (یونیورسٹی آف X). */
final class OrgRules {
    private static final String OF = Keys.of("آف");
    private static final String FOR = Keys.of("فار");
    /** Words that join the parts of such a name: اینڈ (and), ان (in), دی (the). */
    private static final java.util.Set<String> JOINERS = Lexicon.words("اینڈ", "ان", "دی", "آف", "فار");

    private static final int NOT_IN_NAME =
            Lexicon.F_FUNCTION | Lexicon.F_POSTPOSITION | Lexicon.F_DATE_WORD | Lexicon.F_SPEECH_VERB;

    private OrgRules() {}

    /**
     * X آف Y, X فار Y (یونیورسٹی آف میری لینڈ, انڈین کونسل آف میڈیکل ریسرچ, آرگنائزیشن فار سیکیورٹی اینڈ
     * کوآپریشن ان یورپ): an organisation, or an institution word, before آف or فار takes the words after it, up to
     * a postposition, punctuation or a function word; places inside become part of the name.
     */
    static void ofNames(Field f) {
        Tokens t = f.tokens;
        for (int i = 1; i + 1 < t.size; i++) {
            if (!f.free(i) || !t.keyIs(i, OF) && !t.keyIs(i, FOR)) {
                continue;
            }
            Mention head = Field.findEndingAt(f, i - 1);
            int start;
            if (head != null && head.type == EntityType.ORGANIZATION) {
                start = head.first;
            } else if (head == null && f.free(i - 1) && f.has(i - 1, Lexicon.F_ORG_TAIL)) {
                start = i - 1;
                while (start - 1 >= 0 && start > i - 4 && f.unknown(start - 1)) {
                    start--; // انڈین کونسل آف
                }
            } else {
                continue;
            }
            int end = -1;
            boolean afterPlace = false;
            for (int j = i + 1; j < t.size && j <= i + 7; j++) {
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
                if (!f.free(j) || !t.isLetterWord(j) || f.has(j, NOT_IN_NAME)) {
                    break;
                }
                if (afterPlace && !JOINERS.contains(f.key(j))) {
                    break; // یونیورسٹی آف میری لینڈ سائنس دانوں: a place ends the name unless اینڈ, ان... go on
                }
                afterPlace = false;
                if (!JOINERS.contains(f.key(j))) {
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

    private static Mention covering(Field f, int j) {
        for (Mention m : f.mentions) {
            if (m.first <= j && j <= m.last) {
                return m.first == j ? m : null;
            }
        }
        return null;
    }
}
