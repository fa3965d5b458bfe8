package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Links partial person mentions to full ones in the same article (title and body, both ways). */
final class Coreference {
    /** Name parts too common to link a partial mention to one person. */
    static final Set<String> WEAK_NAME_PARTS = Lexicon.load("lexicon/weak-name-parts.txt");

    /**
     * Evidence around a rule-found name strong enough to lend its words no list knows to lone mentions; a name found
     * only from a given name lends only its known name parts.
     */
    private static final int CONFIDENT = Mention.E_DESIGNATION
            | Mention.E_SPEECH
            | Mention.E_ATTRIBUTION
            | Mention.E_ADDRESS
            | Mention.E_HONORIFIC
            | Mention.E_ROLE
            | Mention.E_SURNAME
            | Mention.E_NAMED;

    private Coreference() {}

    /**
     * Whether a multi-word person mention may lend its parts to lone mentions: not one found only by a speech,
     * attribution or address frame around words no list knows (a wrong one there would spread over the article).
     */
    static boolean source(Field f, Mention m) {
        int weak = Mention.E_SPEECH | Mention.E_ATTRIBUTION | Mention.E_ADDRESS | Mention.E_LIST;
        if (m.method == Entity.Method.GAZETTEER || (m.evidence & ~weak) != 0 || (m.evidence & weak) == 0) {
            return true;
        }
        for (int k = m.first; k <= m.last; k++) {
            if (f.has(k, Lexicon.F_GIVEN | Lexicon.F_SURNAME | Lexicon.F_HONORIFIC)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> FAMILY = Lexicon.words("فیملی", "خاندان", "برادری", "قبیلہ", "قبیلے");

    /** Whether token i makes the name before it part of something else: an institution or place word, a family. */
    private static boolean namesAThing(Field f, int i) {
        return f.has(i, Lexicon.F_ORG_TAIL | Lexicon.F_PLACE_TAIL) || FAMILY.contains(f.key(i));
    }

    private static boolean hasNamePart(Field f, Mention m) {
        for (int k = m.first; k <= m.last; k++) {
            if (f.has(k, Lexicon.F_GIVEN | Lexicon.F_SURNAME | Lexicon.F_HONORIFIC)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> keys(Field f, Mention m) {
        Set<String> out = new java.util.HashSet<>();
        for (int k = m.first; k <= m.last; k++) {
            out.add(f.key(k));
        }
        return out;
    }

    /** Links partial person mentions to full ones in the same article, in both directions. */
    static void corefer(Field title, Field body) {
        Map<String, Mention> byPart = new HashMap<>();
        Map<Mention, Field> sourceField = new HashMap<>();
        Set<String> ambiguous = new java.util.HashSet<>();
        List<Mention> singles = new ArrayList<>();
        Map<Mention, Field> singleField = new HashMap<>();
        for (Field f : new Field[] {title, body}) {
            if (f == null) {
                continue;
            }
            for (Mention m : f.mentions) {
                if (MemoryPass.strongSingle(f, m)) {
                    singles.add(m);
                    singleField.put(m, f);
                    continue;
                }
                if (m.type != EntityType.PERSON || m.last == m.first || !source(f, m)) {
                    continue;
                }
                if (f == title && m.method != Entity.Method.GAZETTEER && !hasNamePart(f, m)) {
                    continue; // headlines are telegraphic (وزیراعظم پرل ہاربر کے دورے): their rule names lend nothing
                }
                boolean confident = m.method == Entity.Method.GAZETTEER || (m.evidence & CONFIDENT) != 0;
                for (int k = m.first; k <= m.last; k++) {
                    String key = f.key(k);
                    if (!confident && f.flags[k] == 0) {
                        continue; // یاسر پہ اعتماد, حمید کالجز: a given name's rule run may take nouns no list knows
                    }
                    if (Lexicon.HONORIFIC.contains(key)
                            || WEAK_NAME_PARTS.contains(key)
                            || key.length() < 3
                            || f.has(k, Lexicon.F_COMMON)) {
                        continue;
                    }
                    sourceField.put(m, f);
                    Mention prev = byPart.putIfAbsent(key, m);
                    if (prev != null
                            && prev != m
                            && !Objects.equals(prev.canonical, m.canonical)
                            && !(prev.canonical == null || m.canonical == null)) {
                        ambiguous.add(key);
                    } else if (prev != null && prev.canonical == null && m.canonical != null) {
                        byPart.put(key, m);
                    }
                }
            }
        }
        ambiguous.forEach(byPart::remove);
        for (Mention m : singles) {
            // صدر کریموف نے کہا … کریموف کی موت: a one-word name a designation and a speech frame established names
            // its other mentions in the article where a noun phrase ends (MemoryPass.loneNameFits); a part of a
            // longer name keeps its link
            Field f = singleField.get(m);
            if (!ambiguous.contains(f.key(m.first)) && byPart.putIfAbsent(f.key(m.first), m) == null) {
                sourceField.put(m, f);
            }
        }
        if (byPart.isEmpty()) {
            return;
        }
        Map<Mention, Set<String>> sourceKeys = new HashMap<>();
        Map<String, Integer> partIds = new HashMap<>();
        List<Mention> partMentions = new ArrayList<>();
        byPart.forEach((key, m) -> {
            if (!key.isEmpty()) { // a key of no chars matches no token
                partIds.put(key, partMentions.size());
                partMentions.add(m);
            }
        });
        KeySet parts = KeySet.of(partIds); // one probe per token, by the key hash Tokens computed
        for (Field f : new Field[] {title, body}) {
            if (f == null) {
                continue;
            }
            for (Mention m : f.mentions) {
                if (m.type != EntityType.PERSON || m.canonical != null) {
                    continue;
                }
                Mention full = null;
                for (int k = m.first; k <= m.last; k++) {
                    Mention c = byPart.get(f.key(k));
                    if (c != null && c != m) {
                        full = c;
                        break;
                    }
                }
                if (full != null && full.canonical != null) {
                    m.canonical = full.canonical;
                    m.wikidataId = full.wikidataId;
                    m.method = Entity.Method.COREFERENCE;
                } else if (full != null
                        && m.first == m.last
                        && (m.evidence & (Mention.E_SPEECH | Mention.E_RECALLED)) != 0) {
                    m.method = Entity.Method.COREFERENCE; // "مرزوق نے کہا" after "ارسلان مرزوق": the same person
                }
            }
            Tokens t = f.tokens;
            for (int i = 0; i < t.size; i++) {
                if (!f.free(i)) {
                    continue;
                }
                int id = parts.get(t, i, -1);
                Mention full = id < 0 ? null : partMentions.get(id);
                if (full != null && namesAThing(f, i + 1)) {
                    // اڈانی گروپ, بچن فیملی, کپور روڈ: the name names a company, a family or a place here
                    if (f.free(i + 1) && f.has(i + 1, Lexicon.F_ORG_TAIL)) {
                        Mention org = new Mention(EntityType.ORGANIZATION, i, i + 1, null, null, Entity.Method.RULE);
                        org.evidence = Mention.E_SHAPE;
                        f.add(org);
                        i++;
                    }
                    continue;
                }
                if (full != null && full.first == full.last && !MemoryPass.loneNameFits(f, i)) {
                    continue; // a one-word name: only where a noun phrase ends, as a remembered one
                }
                if (full != null) {
                    // سیلین حیدر, ژیو ہوینگ: the full name's other words next to the part belong to the mention
                    Set<String> words = sourceKeys.computeIfAbsent(full, m -> keys(sourceField.get(m), m));
                    int a = i;
                    int b = i;
                    while (f.free(a - 1) && words.contains(f.key(a - 1)) && b - a < 3) {
                        a--;
                    }
                    while (f.free(b + 1) && words.contains(f.key(b + 1)) && b - a < 3) {
                        b++;
                    }
                    f.add(new Mention(
                            EntityType.PERSON, a, b, full.canonical, full.wikidataId, Entity.Method.COREFERENCE));
                    i = b;
                }
            }
        }
    }
}
