package io.khabar.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Word lists the rules use, read from {@code lexicon/*.txt} (one word or phrase a line), stored as match keys. */
final class Lexicon {
  /** Postpositions, pronouns, auxiliaries, conjunctions: a name never contains one. */
  static final Set<String> FUNCTION = load("lexicon/function-words.txt");
  /** Frequent content words (and the function words): never a single-word name on their own. */
  static final Set<String> COMMON = union(FUNCTION, load("lexicon/common-words.txt"));
  /** Given names that start a person's name. */
  static final Set<String> GIVEN = load("lexicon/given-names.txt");
  /** Family names and name endings (خان, قریشی, الدین …). */
  static final Set<String> SURNAME = load("lexicon/surnames.txt");
  /** Honorifics that belong to a name (میاں, چوہدری, سید, مولانا …). */
  static final Set<String> HONORIFIC = load("lexicon/honorifics.txt");
  /** Words that end an organisation name (پارٹی, لیگ, یونیورسٹی, کمیشن …). */
  static final Set<String> ORG_TAIL = load("lexicon/org-tails.txt");
  /** Words before a place name (صوبہ, ضلع, شہر …). */
  static final Set<String> LOC_HEAD = load("lexicon/location-heads.txt");

  private Lexicon() {
  }

  static boolean isNameWord(Tokens t, int i) {
    if (!t.isLetterWord(i)) {
      return false;
    }
    String k = t.key(i);
    return k.length() >= 2 && !COMMON.contains(k) || GIVEN.contains(k) || SURNAME.contains(k);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }

  static Set<String> load(String name) {
    Set<String> out = new HashSet<>();
    try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/khabar/ner/" + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        int hash = line.indexOf('#');
        if (hash >= 0) {
          line = line.substring(0, hash);
        }
        for (String w : line.split("[|\t,]")) {
          String k = Keys.of(w);
          if (!k.isEmpty()) {
            out.add(k);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }
}
