package io.khabar.ner.identity;

import com.ibm.icu.text.Transliterator;
import io.khabar.ner.Keys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Urdu-aware romanisation of names: {@code Romanizer.romanize("شہباز شریف")} is {@code "Shehbaz Sharif"}.
 * Thread-safe.
 *
 * <p>Urdu script leaves most short vowels unwritten, so no transliteration can be exact. Two steps:
 * <ol>
 *   <li>each word is looked up in a table of frequent name parts and words as Pakistani English-language news
 *       writes them ({@code identity/ur-latn-words.tsv}: محمد Muhammad, اللہ Allah, الدین uddin …);</li>
 *   <li>other words go through an ICU4J {@link Transliterator} built from Urdu rules of our own (ICU's
 *       Arabic-Latin knows no Urdu letters): ٹ ڈ ڑ as t d r, ں as n, ھ as the aspirate h of bh ph th …, ے as e,
 *       ی as y before a vowel and i elsewhere, و as w before a vowel and o after a consonant, final ہ after a
 *       consonant as a (راجہ Raja), ۃ as at, the izafat (a final zer, ۂ, ۓ) as -e, and an inserted a where
 *       two consonants meet at the start or end of a word (شریف Sharif, بابر Babar).</li>
 * </ol>
 * Words are capitalised; izafat and Arabic article parts stay lower case ({@code Wazir-e Azam}).
 */
public final class Romanizer {
    private static final String CONSONANTS = "بپتٹثجچحخدڈذرڑزژسشصضطظغفقکگلمنں";
    private static final Map<String, String> WORDS = loadWords();
    private static final String RULES = rules();
    private static final ThreadLocal<Transliterator> TRANSLITERATOR = ThreadLocal.withInitial(
            () -> Transliterator.createFromRules("ur-Latn-khabar", RULES, Transliterator.FORWARD));

    /**
     * Names recur across articles, and ICU's rule-based transliteration is the costliest step per entity (about a
     * tenth of the enrich thread's CPU on real news), so results are kept; the cache is emptied when it holds
     * {@value #CACHE_SIZE} names, which bounds its memory to a few MB.
     */
    private static final int CACHE_SIZE = 20_000;

    private static final java.util.concurrent.ConcurrentHashMap<String, String> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Romanizer() {}

    /** The romanised form of an Urdu phrase; Latin text and digits pass through; null for null. */
    public static String romanize(String urdu) {
        if (urdu == null) {
            return null;
        }
        String cached = CACHE.get(urdu);
        if (cached != null) {
            return cached;
        }
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        String out = romanizeUncached(urdu);
        CACHE.put(urdu, out);
        return out;
    }

    private static String romanizeUncached(String urdu) {
        StringBuilder out = new StringBuilder(urdu.length() + 8);
        int n = urdu.length();
        int i = 0;
        while (i < n) {
            char c = urdu.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int s = i;
            while (i < n && !Character.isWhitespace(urdu.charAt(i))) {
                i++;
            }
            String word = romanizeWord(urdu.substring(s, i));
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0 && !word.startsWith("-")) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    private static String romanizeWord(String word) {
        String known = WORDS.get(Keys.of(word));
        if (known != null) {
            char last = word.charAt(word.length() - 1);
            return last == '\u0650' || last == 'ۂ' || last == 'ۓ' ? known + "-e" : known;
        }
        // a name part glued to a known ending: عبدالرحمان, نظام الدین
        String key = Keys.of(word);
        for (String tail : new String[] {"الدین", "اللہ", "الرحمان", "الرحمن", "الحق", "پور", "آباد"}) {
            if (key.length() > tail.length() + 1 && key.endsWith(tail)) {
                String head = romanizeWord(key.substring(0, key.length() - tail.length()));
                String t = WORDS.get(tail);
                return head
                        + (t.startsWith("u")
                                ? t.substring(0, 1) + t.substring(1).replace(" ", "")
                                : t);
            }
        }
        String latin = TRANSLITERATOR.get().transliterate(guessVowels(word));
        return capitalise(latin);
    }

    /** Consonants for the vowel patterns: the rule consonants and ہ inside a word (زاہد, ظہور). */
    private static boolean consonant(char c) {
        return CONSONANTS.indexOf(c) >= 0 && c != 'ں' || c == 'ہ';
    }

    /**
     * Writes the vowels Urdu leaves out where the shape of a name tells them (docs/ner.md, "Romanisation"), as
     * Latin letters or a zer that the rules then read; a word with any diacritic is left as written. Patterns:
     * <ul>
     *   <li>CāCiC, the Arabic active participle (ناصر Nasir, خالد Khalid, زاہد Zahid): a zer before the last
     *       consonant after an alef;</li>
     *   <li>و between consonants in the last syllable is a long u (منصور Mansoor, رسول Rasool), after a word-initial
     *       alef or ain and one consonant a w with a (انور Anwar);</li>
     *   <li>عی after a consonant is ae-e (نعیم Naeem); a word-initial consonant before یا is i-a (ریاض Riaz, نیاز
     *       Niaz); a final یہ after a consonant is ia (نازیہ Nazia); و between a consonant and ی is v (نوید Navid,
     *       پرویز Parviz);</li>
     *   <li>a word-initial alef or ain before two consonants and an alef is i (iCCāC: اسلام Islam, عرفان Irfan,
     *       الیاس Ilyas), before three consonants a (aCCaC: اکرم Akram, stays as the rules read it); a word-initial
     *       م before one or two consonants and an alef is mu (مشتاق Mushtaq, مختار Mukhtar, مراد Murad).</li>
     * </ul>
     */
    static String guessVowels(String word) {
        StringBuilder w = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '\u064B' && c <= '\u065F' || c == '\u0670') {
                return word; // the writer gave the vowels
            }
            w.append(
                    switch (c) {
                        case 'ي', 'ى' -> 'ی';
                        case 'ك' -> 'ک';
                        case 'ه' -> 'ہ';
                        default -> c;
                    });
        }
        String s = w.toString();
        int n = s.length();
        if (n < 3) {
            return s;
        }
        char first = s.charAt(0);
        String prefix = "";
        int from = 0;
        if ((first == 'ا' || first == 'ع')
                && n >= 5
                && (consonant(s.charAt(1)) && consonant(s.charAt(2)) && s.charAt(3) == 'ا' && n > 4
                        || consonant(s.charAt(1)) && s.charAt(2) == 'ی' && s.charAt(3) == 'ا')) {
            prefix = "i"; // اسلام Islam, عرفان Irfan, الیاس Ilyas
            from = 1;
        } else if (first == 'م'
                && n >= 5
                && s.charAt(n - 1) != 'ا'
                && (consonant(s.charAt(1)) && consonant(s.charAt(2)) && s.charAt(3) == 'ا'
                        || consonant(s.charAt(1)) && s.charAt(2) == 'ا' && n >= 5)) {
            prefix = "mu"; // مشتاق Mushtaq, مراد Murad
            from = 1;
        } else if (consonant(first) && s.charAt(1) == 'ی' && s.charAt(2) == 'ا') {
            prefix = latinOf(first) + "ia"; // ریاض Riaz
            from = 3;
        } else if (first == 'ی' && s.charAt(1) == 'و') {
            prefix = "you"; // یونس Younas
            from = 2;
        } else if (consonant(first) && s.charAt(1) == 'و' && s.charAt(2) == 'ی') {
            prefix = latinOf(first) + "av"; // نوید Navid
            from = 2;
        }
        StringBuilder out = new StringBuilder(prefix);
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            char prev = i > 0 ? s.charAt(i - 1) : 0;
            char next = i + 1 < n ? s.charAt(i + 1) : 0;
            boolean last2 = i == n - 2;
            if (consonant(c) && c != 'ہ' || c == 'ہ' && i > 0 && i < n - 1) {
                out.append(c);
                // CāCiC: ا C C$ (not a final ہ, which is a vowel)
                if (i >= 2 && prev == 'ا' && last2 && consonant(next) && next != 'ہ' && next != 'ت') {
                    // (not before a final ت: لیاقت Liaqat, ریاست Riasat are nouns in -at)
                    out.append('\u0650');
                }
                continue;
            }
            if (c == 'و' && i >= 1 && consonant(prev) && i == n - 2 && consonant(next) && next != 'ہ') {
                if (i == 2 && (first == 'ا' || first == 'ع')) {
                    out.append("wa"); // انور Anwar
                } else if (i >= 2 && !(prev == 'پ' && next == 'ر')) {
                    out.append("oo"); // منصور Mansoor (not the place ending پور)
                } else {
                    out.append(c);
                }
                continue;
            }
            if (c == 'و' && i >= 1 && consonant(prev) && next == 'ی') {
                out.append('v'); // پرویز Parviz
                continue;
            }
            if (c == 'ع' && i >= 1 && consonant(prev) && next == 'ی' && i + 2 < n && consonant(s.charAt(i + 2))) {
                out.append("aee"); // نعیم Naeem
                i++;
                continue;
            }
            if (c == 'ی' && i == n - 2 && next == 'ہ' && i >= 1 && consonant(prev)) {
                out.append("ia"); // نازیہ Nazia
                i++;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String latinOf(char c) {
        return TRANSLITERATOR.get().transliterate(String.valueOf(c));
    }

    private static String capitalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                b.append(c);
                start = false; // the izafat stays lower case
                continue;
            }
            b.append(start && c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            start = false;
        }
        return b.toString();
    }

    private static Map<String, String> loadWords() {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = Romanizer.class.getResourceAsStream("ur-latn-words.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/khabar/ner/identity/ur-latn-words.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length == 2) {
                    m.put(Keys.of(f[0]), f[1].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }

    /** The ICU rules: letter table plus contexts; per-consonant rules are generated from the table. */
    static String rules() {
        Map<Character, String> cons = new LinkedHashMap<>();
        String[][] table = {
            {"ب", "b"}, {"پ", "p"}, {"ت", "t"}, {"ٹ", "t"}, {"ث", "s"}, {"ج", "j"}, {"چ", "ch"}, {"ح", "h"},
            {"خ", "kh"}, {"د", "d"}, {"ڈ", "d"}, {"ذ", "z"}, {"ر", "r"}, {"ڑ", "r"}, {"ز", "z"}, {"ژ", "zh"},
            {"س", "s"}, {"ش", "sh"}, {"ص", "s"}, {"ض", "z"}, {"ط", "t"}, {"ظ", "z"}, {"غ", "gh"}, {"ف", "f"},
            {"ق", "q"}, {"ک", "k"}, {"گ", "g"}, {"ل", "l"}, {"م", "m"}, {"ن", "n"}, {"ں", "n"}
        };
        for (String[] row : table) {
            cons.put(row[0].charAt(0), row[1]);
        }
        StringBuilder r = new StringBuilder();
        r.append("::NFC;\n");
        // Arabic letter forms the normaliser may not have seen (raw input)
        r.append("ي > ی; ى > ی; ك > ک; ه > ہ; ة > ۃ; ە > ہ; ٸ > ئ; ٴ > ئ;\n");
        r.append("::Null;\n");
        r.append("$c = [").append(CONSONANTS).append("];\n");
        r.append("$v = [اآوےیئع];\n");
        r.append("$h = [ھ];\n");
        // before-contexts see the Latin already written, after-contexts the Urdu still to come
        r.append("$lc = [bcdfghjklmnpqrstvwxz];\n");
        r.append("$lv = [aeiouy];\n");
        r.append("$mark = [\\u064B-\\u065F\\u0670];\n");
        // izafat and diacritics
        r.append("\\u0650 } $ > '-e';\n");
        r.append("ۂ } $ > 'a-e';\n");
        r.append("ۓ } $ > 'e-e';\n");
        r.append("\\u064E > a; \\u0650 > i; \\u064F > u; \\u064B > an; \\u0670 > a; $mark > ;\n");
        // alef and alef madda
        r.append("^ آ > a; آ > a;\n");
        r.append("^ ای } $c > i; ^ او } $c > o; ^ اے > e; ^ ا > a; ا > a;\n");
        // ain
        r.append("ع } $c > a; ^ ع } [اآوی] > ; ^ ع > a; ع > ;\n");
        // hamza seat
        r.append("ئ } [یے] > ; ئ > i; ء > ; $lc { ؤ > au; ؤ > o;\n"); // رؤف Rauf
        // waw
        r.append("a { و } $c $ > wa; a { و > w; و } [اآیے] > w; ^ و } $c > wa; ^ و > w; و > o;\n");
        // yeh and yeh barree
        r.append("ی } [اآو] > y; ^ ی > y; ی > i; ے > e;\n");
        // heh goal and do-chashmi heh
        r.append("$lc { ہ } $ > a; ہ > h;\n");
        r.append("ۃ > at;\n");
        // consonants: an inserted a at a consonant cluster at the start or end of a word
        for (Map.Entry<Character, String> e : cons.entrySet()) {
            char c = e.getKey();
            String l = e.getValue();
            r.append(c).append(" } $c $h? $ > '").append(l).append("a';\n");
            r.append("^ ").append(c).append(" } $c > '").append(l).append("a';\n");
            r.append(c).append(" > '").append(l).append("';\n");
        }
        r.append("^ $lc $lc? { $h } $c > ha;\n");
        r.append("$h > h;\n");
        r.append("۔ > '.'; ، > ','; ؟ > '?'; ؛ > ';';\n");
        r.append("[\\u200C\\u200D\\u0640] > ;\n");
        r.append("::Any-Latin; ::Latin-ASCII;\n");
        return r.toString();
    }
}
