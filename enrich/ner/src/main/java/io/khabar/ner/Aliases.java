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
                f.add(alias);
            }
        }
    }

    /** Other mentions of an acronym introduced in parentheses (… (ایس سی او)) anywhere in the article. */
    static void linkAliases(Field title, Field body) {
        KeyTrie aliases = null;
        List<Mention> targets = new ArrayList<>();
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
                    aliases.put(key.toString(), targets.size());
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
                    f.add(new Mention(m.type, i, last, m.canonical, m.wikidataId, Entity.Method.COREFERENCE));
                    i = last;
                }
            }
        }
    }
}
