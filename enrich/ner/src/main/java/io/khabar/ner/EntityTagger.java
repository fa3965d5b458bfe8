package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.NormalizedText;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tags people, places, organisations, designations and dates in normalised Urdu text.
 * One pass over the tokens with a trie over gazetteer match keys (longest match wins), then rules
 * (dates, designation/role/honorific/given name + name, name + family name, acronym aliases, place shapes)
 * and coreference of partial person names and acronyms within an article (title and body).
 * Thread-safe after construction (do not change a {@link Gazetteer} after handing it over); build once per app.
 * See docs/ner.md.
 */
public final class EntityTagger {
  private static final Set<String> TIME_BEFORE_SHAM = Set.of(Keys.of("آج"), Keys.of("کل"), Keys.of("اس"),
      Keys.of("ہر"), Keys.of("صبح"), Keys.of("گزشتہ"), Keys.of("روز"), Keys.of("پیر"), Keys.of("منگل"),
      Keys.of("بدھ"), Keys.of("جمعرات"), Keys.of("جمعہ"), Keys.of("ہفتہ"), Keys.of("ہفتے"), Keys.of("اتوار"),
      Keys.of("دن"), Keys.of("رات"), Keys.of("سہ"), Keys.of("کی"), Keys.of("ایک"));
  private static final Set<String> TIME_AFTER_SHAM = Set.of(Keys.of("ڈھلے"), Keys.of("بجے"), Keys.of("سات"),
      Keys.of("پانچ"), Keys.of("چھ"), Keys.of("چار"), Keys.of("آٹھ"), Keys.of("کا"), Keys.of("تک"));
  private static final String SHAM = Keys.of("شام");
  private static final Set<String> AUXILIARIES = Lexicon.words("ہے", "ہیں", "تھا", "تھے", "تھی", "تھیں", "رہے",
      "رہا", "رہی", "ہو", "ہوں");
  /** Name parts too common to link a partial mention to one person. */
  private static final Set<String> WEAK_NAME_PARTS = Lexicon.load("lexicon/weak-name-parts.txt");


  private final Gazetteer gazetteer;

  private EntityTagger(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  /** A tagger with the CLDR names and the curated lists. */
  public static EntityTagger withDefaultGazetteers() {
    return new EntityTagger(Gazetteer.defaults());
  }

  /** Defaults plus user files (or only the user files when replaceDefaults). */
  public static EntityTagger withGazetteers(List<Path> files, boolean replaceDefaults) {
    Gazetteer g = replaceDefaults ? new Gazetteer() : Gazetteer.defaults();
    for (Path f : files) {
      g.addFile(f);
    }
    return new EntityTagger(g);
  }

  /** A tagger over a gazetteer built by the caller. */
  public static EntityTagger withGazetteer(Gazetteer gazetteer) {
    return new EntityTagger(Objects.requireNonNull(gazetteer));
  }

  /** The gazetteer this tagger matches against. */
  public Gazetteer gazetteer() {
    return gazetteer;
  }

  /**
   * Entities of one article: title entities first, then body, by offset. Coreference links across title and
   * body. {@code title} or {@code body} may be null; publicationDate may be null (then relative dates stay
   * unresolved: canonicalName null).
   */
  public List<Entity> tagArticle(NormalizedText title, NormalizedText body, LocalDate publicationDate) {
    Field t = title == null ? null : tagField(title.text(), publicationDate);
    Field b = body == null ? null : tagField(body.text(), publicationDate);
    linkAliases(t, b);
    corefer(t, b);
    List<Entity> out = new ArrayList<>();
    if (t != null) {
      t.emit(title, Entity.TITLE, out);
    }
    if (b != null) {
      b.emit(body, Entity.BODY, out);
    }
    return out;
  }

  /** Entities of one normalised text, offsets into it (original offsets equal normalised ones). */
  public List<Entity> tag(String normalizedText, LocalDate publicationDate) {
    Field f = tagField(normalizedText, publicationDate);
    corefer(f, null);
    List<Entity> out = new ArrayList<>();
    f.emit(null, Entity.BODY, out);
    return out;
  }

  /** Mentions of one field. */
  private static final class Field {
    final Tokens tokens;
    final List<Mention> mentions = new ArrayList<>();
    final boolean[] used;
    final int[] flags;

    Field(Tokens tokens) {
      this.tokens = tokens;
      this.used = new boolean[tokens.size];
      this.flags = new int[tokens.size];
      for (int i = 0; i < tokens.size; i++) {
        flags[i] = Lexicon.flags(tokens, i);
      }
    }

    /** Whether token i is a word with any of these flags. */
    boolean has(int i, int bits) {
      return i >= 0 && i < tokens.size && (flags[i] & bits) != 0;
    }

    /** Whether token i is a letter word in no word list (a likely name), at least 2 letters long. */
    boolean unknown(int i) {
      return i >= 0 && i < tokens.size && flags[i] == 0 && tokens.end[i] - tokens.start[i] >= 2
          && tokens.isLetterWord(i);
    }

    /** Whether token i can be part of a person's name. */
    boolean nameWord(int i) {
      if (i < 0 || i >= tokens.size || !tokens.isLetterWord(i) || (flags[i] & Lexicon.F_DATE_WORD) != 0) {
        return false;
      }
      int fl = flags[i];
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
        out.add(new Entity(m.type, tokens.text.substring(s, e), field, s, e, os, oe, m.canonical, m.wikidataId,
            m.method));
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
  }

  private Field tagField(String text, LocalDate pub) {
    Field f = new Field(Tokens.of(text));
    Tokens t = f.tokens;
    DateRules.find(t, f.flags, f.used, pub, f.mentions);
    gazetteerPass(f);
    extendMentions(f);
    acronymAliases(f);
    placeTails(f);
    personRules(f);
    placeRules(f);
    roleRule(f);
    surnameRule(f);
    return f;
  }

  private void gazetteerPass(Field f) {
    Tokens t = f.tokens;
    KeyTrie trie = gazetteer.trie();
    int max = gazetteer.maxTokens();
    int i = 0;
    while (i < t.size) {
      if (!t.word[i] || f.used[i]) {
        i++;
        continue;
      }
      long r = trie.longest(t, i, max, f.used);
      if (r < 0) {
        i++;
        continue;
      }
      int last = (int) (r >>> 32);
      if (f.has(i, Lexicon.F_FUNCTION) && i + 1 < t.size) {
        // "کے پی ٹی آئی": a match that starts with a postposition yields to one that starts after it
        long next = trie.longest(t, i + 1, max, f.used);
        if (next >= 0 && (int) (next >>> 32) > last) {
          i++;
          continue;
        }
      }
      GazetteerEntry e = gazetteer.entry((int) r);
      if (e.type() == null) {
        for (int k = i; k <= last; k++) {
          f.used[k] = true;
        }
      } else if (accept(f, e, i, last)) {
        f.add(new Mention(e.type(), i, last, e.canonicalName(), e.wikidataId(), Entity.Method.GAZETTEER));
      } else {
        i++;
        continue;
      }
      i = last + 1;
    }
  }

  /**
   * Widens gazetteer mentions the way readers and annotators count them: an honorific before a known person
   * (سید یوسف رضا گیلانی) and a compass word before a place (شمالی عراق).
   */
  private static void extendMentions(Field f) {
    List<Mention> list = f.mentions;
    for (int n = 0; n < list.size(); n++) {
      Mention m = list.get(n);
      if (m.method != Entity.Method.GAZETTEER) {
        continue;
      }
      int first = m.first;
      if (m.type == EntityType.PERSON) {
        while (f.free(first - 1) && f.has(first - 1, Lexicon.F_HONORIFIC)
            && !f.has(first - 1, Lexicon.F_WEAK_HONORIFIC | Lexicon.F_TITLE_HONORIFIC)) {
          first--;
        }
      } else if (m.type == EntityType.LOCATION && f.free(first - 1) && f.has(first - 1, Lexicon.F_DIRECTION)) {
        first--;
      }
      if (first != m.first) {
        Mention wider = new Mention(m.type, first, m.last, m.canonical, m.wikidataId, m.method);
        list.set(n, wider);
        for (int k = first; k < m.first; k++) {
          f.used[k] = true;
        }
      }
    }
  }

  /** Context checks for the few names that are also common words. */
  private static boolean accept(Field f, GazetteerEntry e, int first, int last) {
    if (first == last && "Egypt".equals(e.canonicalName()) && f.has(last + 1, Lexicon.F_FUNCTION)
        && AUXILIARIES.contains(f.key(last + 1))) {
      return false; // "وہ اپنے موقف پر مصر ہیں": insistent, not Egypt
    }
    if (first == last && "Syria".equals(e.canonicalName()) && f.key(first).equals(SHAM)) {
      String prev = f.key(first - 1);
      String next = f.key(last + 1);
      return !TIME_BEFORE_SHAM.contains(prev) && !TIME_AFTER_SHAM.contains(next)
          && !(next.equals(Keys.of("کے")) && f.key(last + 2).equals(Keys.of("وقت")))
          && !(last + 1 < f.tokens.size && f.tokens.isNumber(last + 1));
    }
    return true;
  }

  /** شنگھائی تعاون تنظیم (ایس سی او): the acronym in parentheses is an alias of the organisation. */
  private static void acronymAliases(Field f) {
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

  private static void personRules(Field f) {
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
      if (f.has(d.last, Lexicon.F_WAZIR) && f.free(j) && f.tokens.isLetterWord(j)
          && !f.has(j, Lexicon.F_GIVEN | Lexicon.F_HONORIFIC | Lexicon.F_FUNCTION)) {
        // وزیر تعلیم X: the word after وزیر is the portfolio, part of the title
        Mention wider = new Mention(EntityType.DESIGNATION, d.first, j, d.canonical, d.wikidataId, d.method);
        f.mentions.set(f.mentions.indexOf(d), wider);
        f.used[j] = true;
        j++;
      }
      int end = nameRun(f, j, 4);
      if (end >= j) {
        f.add(new Mention(EntityType.PERSON, j, end, null, null, Entity.Method.RULE));
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
      boolean given = f.has(j, Lexicon.F_GIVEN);
      boolean strong = honorific && !f.has(j - 1, Lexicon.F_WEAK_HONORIFIC);
      if (!given && !(strong && (f.has(j, Lexicon.F_SURNAME) || f.unknown(j)))) {
        continue;
      }
      int end = nameRun(f, j, 4 - (j - s));
      if (end < j) {
        continue;
      }
      boolean alone = end == s && given && (f.has(end + 1, Lexicon.F_FUNCTION) || end + 1 < f.tokens.size
          && !f.tokens.word[end + 1]) && !f.has(s, Lexicon.F_COMMON | Lexicon.F_SURNAME);
      while (s < j && f.has(s, Lexicon.F_TITLE_HONORIFIC)) {
        s++; // مسٹر جانسن: the name starts after the title
      }
      if (end - s + 1 >= 2 || alone) {
        f.add(new Mention(EntityType.PERSON, s, end, null, null, Entity.Method.RULE));
        i = end;
      }
    }
  }

  /** "رہنما طفیل گوہر", "اداکارہ ریما": a role word followed by a closed run of name words. */
  private static void roleRule(Field f) {
    Tokens t = f.tokens;
    for (int i = 0; i + 1 < t.size; i++) {
      if (!f.has(i, Lexicon.F_ROLE) || !f.free(i + 1)) {
        continue;
      }
      int end = nameRun(f, i + 1, 3);
      boolean ok = end > i + 1 || end == i + 1 && f.has(i + 1, Lexicon.F_GIVEN);
      if (ok && closes(f, end + 1)) {
        f.add(new Mention(EntityType.PERSON, i + 1, end, null, null, Entity.Method.RULE));
        i = end;
      }
    }
  }

  /** "ماہرہ خان": an unknown word followed by a family name is a person's name. */
  private static void surnameRule(Field f) {
    Tokens t = f.tokens;
    for (int i = 0; i + 1 < t.size; i++) {
      if (!f.free(i) || !f.unknown(i) || !f.free(i + 1) || !f.has(i + 1, Lexicon.F_SURNAME)
          || f.has(i + 1, Lexicon.F_COMMON)) {
        continue;
      }
      int end = nameRun(f, i + 1, 2);
      if (!closes(f, end + 1)) {
        continue;
      }
      f.add(new Mention(EntityType.PERSON, i, end, null, null, Entity.Method.RULE));
      i = end;
    }
  }

  /** Last token of a run of name words starting at {@code j} (at most {@code max}); j-1 when none. */
  private static int nameRun(Field f, int j, int max) {
    int k = j;
    while (k < j + max && f.free(k) && f.nameWord(k)
        && !(k > j + 1 && f.has(k, Lexicon.F_HONORIFIC) && !f.has(k, Lexicon.F_WEAK_HONORIFIC))) {
      k++; // "اکرم ملک میاں یوسف": a strong honorific after two name words starts the next name
    }
    return k - 1;
  }

  /** Whether token i closes a noun phrase: a postposition, punctuation or the end of the text. */
  private static boolean closes(Field f, int i) {
    return i >= f.tokens.size || !f.tokens.word[i] || f.has(i, Lexicon.F_POSTPOSITION);
  }

  /** Whether the folded chars of token i end with {@code suffix} and have at least 2 more before it. */
  private static boolean endsWith(Tokens t, int i, String suffix) {
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

  /** X روڈ, X ٹاؤن, X ڈیم, X آباد, X پور: a name followed by a place word is a place, the word included. */
  private static void placeTails(Field f) {
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
      if (f.free(i - 1) && (f.unknown(i - 1) || f.has(i - 1, Lexicon.F_GIVEN | Lexicon.F_SURNAME))) {
        s = i - 1;
        if (tail && f.free(s - 1) && (f.unknown(s - 1) || f.has(s - 1, Lexicon.F_GIVEN | Lexicon.F_SURNAME))) {
          s--;
        }
      }
      if (tail) {
        Mention prev = findEndingAt(f, s - 1);
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
      if (suffix && f.free(i + 1) && f.has(i + 1, Lexicon.F_PLACE_QUALIFIER)) {
        end++;
      }
      f.add(new Mention(EntityType.LOCATION, s, end, null, null, Entity.Method.RULE));
      i = end;
    }
  }

  private static void placeRules(Field f) {
    Tokens t = f.tokens;
    for (int i = 0; i < t.size; i++) {
      if (!f.free(i)) {
        continue;
      }
      // صوبہ X, ضلع X, شہر X
      if (f.has(i, Lexicon.F_LOC_HEAD) && f.free(i + 1) && f.unknown(i + 1)) {
        int end = i + 1;
        if (f.free(end + 1) && f.has(end + 1, Lexicon.F_LOC_SUFFIX)) {
          end++;
        }
        if (!closes(f, end + 1)) {
          continue; // "شہر بسایا گیا": a name closes with a postposition or punctuation
        }
        f.add(new Mention(EntityType.LOCATION, i + 1, end, null, null, Entity.Method.RULE));
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

  private static Mention findEndingAt(Field f, int last) {
    for (Mention m : f.mentions) {
      if (m.last == last) {
        return m;
      }
    }
    return null;
  }

  /** Other mentions of an acronym introduced in parentheses (… (ایس سی او)) anywhere in the article. */
  private static void linkAliases(Field title, Field body) {
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

  /** Links partial person mentions to full ones in the same article, in both directions. */
  private static void corefer(Field title, Field body) {
    Map<String, Mention> byPart = new HashMap<>();
    Set<String> ambiguous = new java.util.HashSet<>();
    for (Field f : new Field[] {title, body}) {
      if (f == null) {
        continue;
      }
      for (Mention m : f.mentions) {
        if (m.type != EntityType.PERSON || m.last == m.first) {
          continue;
        }
        for (int k = m.first; k <= m.last; k++) {
          String key = f.key(k);
          if (Lexicon.HONORIFIC.contains(key) || WEAK_NAME_PARTS.contains(key) || key.length() < 3
              || f.has(k, Lexicon.F_COMMON)) {
            continue;
          }
          Mention prev = byPart.putIfAbsent(key, m);
          if (prev != null && prev != m && !Objects.equals(prev.canonical, m.canonical)
              && !(prev.canonical == null || m.canonical == null)) {
            ambiguous.add(key);
          } else if (prev != null && prev.canonical == null && m.canonical != null) {
            byPart.put(key, m);
          }
        }
      }
    }
    ambiguous.forEach(byPart::remove);
    if (byPart.isEmpty()) {
      return;
    }
    KeyTrie parts = new KeyTrie(64);
    List<Mention> partMentions = new ArrayList<>();
    byPart.forEach((key, m) -> {
      parts.put(key, partMentions.size());
      partMentions.add(m);
    });
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
        }
      }
      Tokens t = f.tokens;
      for (int i = 0; i < t.size; i++) {
        if (!f.free(i)) {
          continue;
        }
        int id = parts.exact(t, i);
        Mention full = id < 0 ? null : partMentions.get(id);
        if (full != null) {
          f.add(new Mention(EntityType.PERSON, i, i, full.canonical, full.wikidataId, Entity.Method.COREFERENCE));
        }
      }
    }
  }
}
