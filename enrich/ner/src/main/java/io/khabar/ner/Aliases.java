package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import java.util.ArrayList;
import java.util.List;

/** Acronym aliases of organisations: introduced in parentheses, then linked across the article. */
final class Aliases {
    private Aliases() {}

    /** شنگھائی تعاون تنظیم (ایس سی او): the acronym in parentheses is an alias of the organisation. */
    static void acronymAliases(Field f) {
        Tokens t = f.tokens;
        List<Mention> orgs = new ArrayList<>();
        for (Mention m : f.mentions) {
            if (m.type == EntityType.ORGANIZATION) {
                orgs.add(m);
            }
        }
        for (Mention m : orgs) {
            int open = m.last + 1;
            if (!t.is(open, '(')) {
                continue;
            }
            int close = open + 1;
            while (close < t.size && close <= open + 6 && t.word[close] && !f.used[close]) {
                close++;
            }
            int letters = 0;
            for (int k = open + 1; k < close; k++) {
                letters += t.end[k] - t.start[k];
            }
            // (ن) after مسلم لیگ is a faction letter, not an alias
            if (close > open + 1 && t.is(close, ')') && close - open - 1 <= 5 && letters >= 2) {
                Mention alias = new Mention(m.type, open + 1, close - 1, m.canonical, m.wikidataId, Entity.Method.RULE);
                alias.alias = true;
                if (m.canonical == null && m.wikidataId == null) {
                    // a rule-found organisation: no canonical name to share, so the acronym points at its text
                    alias.aliasOf = t.text.substring(t.start[m.first], t.end[m.last]);
                }
                f.add(alias);
            }
        }
    }

    /**
     * Other mentions of an acronym introduced in parentheses (… (ایس سی او)) anywhere in the article, linked to the
     * organisation. An acronym introduced after two different organisations is tagged but linked to neither.
     */
    static void linkAliases(Field title, Field body) {
        KeyTrie aliases = null;
        List<Mention> targets = new ArrayList<>();
        List<Boolean> ambiguous = new ArrayList<>();
        for (Field f : new Field[] {title, body}) {
            if (f == null) {
                continue;
            }
            for (Mention m : f.mentions) {
                if (m.alias) {
                    if (aliases == null) {
                        aliases = new KeyTrie(64);
                    }
                    StringBuilder key = new StringBuilder();
                    for (int k = m.first; k <= m.last; k++) {
                        key.append(f.key(k));
                    }
                    int was = aliases.put(key.toString(), targets.size());
                    ambiguous.add(was >= 0
                            && (ambiguous.get(was) || !entity(targets.get(was)).equals(entity(m))));
                    targets.add(m);
                }
            }
        }
        if (aliases == null) {
            return;
        }
        for (Field f : new Field[] {title, body}) {
            if (f == null) {
                continue;
            }
            Tokens t = f.tokens;
            for (int i = 0; i < t.size; i++) {
                if (!f.free(i)) {
                    continue;
                }
                long r = aliases.longest(t, i, 6, f.used);
                if (r >= 0) {
                    Mention m = targets.get((int) r);
                    int last = (int) (r >>> 32);
                    if (ambiguous.get((int) r)) {
                        f.add(new Mention(m.type, i, last, null, null, Entity.Method.RULE));
                    } else {
                        Mention link =
                                new Mention(m.type, i, last, m.canonical, m.wikidataId, Entity.Method.COREFERENCE);
                        link.aliasOf = m.aliasOf;
                        f.add(link);
                    }
                    i = last;
                }
            }
        }
    }

    /** What makes an acronym's organisation one entity (as {@code ArticleEntities.group} sees it). */
    private static String entity(Mention m) {
        return m.type + "\u0000"
                + (m.wikidataId != null
                        ? "w" + m.wikidataId
                        : m.canonical != null ? "c" + m.canonical : "t" + m.aliasOf);
    }
}
