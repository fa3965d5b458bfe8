package io.khabar.text;

import com.ibm.icu.lang.UScript;
import java.util.Set;

/**
 * Identifies the language of a whole article by script share, language-specific letters and function words.
 * No model files: Lingua's Urdu/Arabic/Persian/Punjabi models cost hundreds of MB of heap for a decision that the
 * letters themselves settle for news-length text (see docs/urdu-normalisation.md).
 *
 * <p>Method: count Latin and Arabic-script letters. Latin ≥ 80% → en (if English function words occur) else und;
 * both scripts ≥ 20% → mixed. Arabic-script text: letters only Urdu/Punjabi write (ٹ ڈ ڑ ں ے ھ ۂ ہ) against letters
 * only Arabic writes (ة ي ك ى إ) and Persian function words (است، این، را، می، که with Arabic heh); Punjabi in
 * Shahmukhi is told from Urdu by its function words (دا، نوں، وچ، تے، ہن) and letters ݨ ڄ ݪ.
 */
public final class LanguageIdentifier {
    private static final Set<String> URDU_WORDS = Set.of(
            "کے", "کی", "کا", "میں", "نے", "اور", "سے", "کو", "ہے", "ہیں", "کہ", "پر", "یہ", "بھی", "تھا", "تھی", "گیا",
            "ہو", "جو", "کیا", "لیے", "وہ");
    private static final Set<String> PUNJABI_WORDS = Set.of(
            "دا", "دی", "دے", "نوں", "وچ", "تے", "ہن", "سی", "اے", "نئیں", "ایہہ", "اوہ", "کیتا", "جیہڑا", "وی", "توں",
            "ہور", "اوہناں", "ساڈے", "تسیں");
    private static final Set<String> PERSIAN_WORDS = Set.of(
            "است", "این", "را", "می", "که", "در", "به", "از", "با", "آن", "برای", "شد", "شده", "بود", "هم", "یک", "خود",
            "نیز", "کرد", "ما");
    private static final Set<String> ARABIC_WORDS = Set.of(
            "في", "من", "على", "إلى", "أن", "التي", "الذي", "هذا", "عن", "مع", "كان", "قد", "هذه", "لا", "ما", "كما",
            "بين", "ذلك", "وقد", "أو");
    private static final Set<String> ENGLISH_WORDS = Set.of(
            "the", "of", "and", "to", "in", "is", "for", "on", "that", "with", "was", "as", "by", "he", "it", "at",
            "from", "said", "are", "has");

    private static final int URDU = 1;
    private static final int PUNJABI = 2;
    private static final int PERSIAN = 4;
    private static final int ARABIC = 8;
    private static final int ENGLISH = 16;
    /**
     * Every function word → the lists it is on, as an open-addressing table probed by the hash of a char range, so
     * the identifier looks words up without making a String of each (it reads every word of every article).
     */
    private static final String[] TABLE_WORDS;

    private static final int[] TABLE_BITS;
    /** Longer words are on no list, so they are not looked up (most content words). */
    private static final int LONGEST_LISTED;

    static {
        java.util.Map<String, Integer> lists = new java.util.HashMap<>();
        list(lists, URDU_WORDS, URDU);
        list(lists, PUNJABI_WORDS, PUNJABI);
        list(lists, PERSIAN_WORDS, PERSIAN);
        list(lists, ARABIC_WORDS, ARABIC);
        list(lists, ENGLISH_WORDS, ENGLISH);
        int longest = 0;
        for (String w : lists.keySet()) {
            longest = Math.max(longest, w.length());
        }
        LONGEST_LISTED = longest;
        int size = Integer.highestOneBit(lists.size() * 4);
        TABLE_WORDS = new String[size];
        TABLE_BITS = new int[size];
        lists.forEach((w, bits) -> {
            int slot = w.hashCode() & (size - 1);
            while (TABLE_WORDS[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            TABLE_WORDS[slot] = w;
            TABLE_BITS[slot] = bits;
        });
    }

    private static void list(java.util.Map<String, Integer> lists, Set<String> words, int bit) {
        for (String w : words) {
            lists.merge(w, bit, (a, b) -> a | b);
        }
    }

    private static final int K_LETTER = 1;
    private static final int K_MARK = 2;
    /** An Arabic-script letter ({@link Tokenizer#ARABIC}). */
    private static final int K_ARABIC = 4;
    /** A letter only Urdu (and Punjabi) write: ٹ ڈ ڑ ں ے ھ ہ ۂ ۓ. */
    private static final int K_URDU = 8;
    /** A letter only Arabic writes: ي ك ى ة إ. */
    private static final int K_ARABIC_ONLY = 16;
    /** A letter the Urdu-folded word lists are read with (ي ك ى ه). */
    private static final int K_FOLD = 32;
    /** A letter of Punjabi in Shahmukhi: ݨ ڄ ݪ ٻ. */
    private static final int K_PUNJABI = 64;
    /** A Latin letter ({@link UScript#LATIN}). */
    private static final int K_LATIN = 128;
    /**
     * What each char counts as, read once per char: the same letters, marks and scripts as {@link Tokenizer#CLASS},
     * {@link Tokenizer#ARABIC} and {@link UScript#getScript} say, worked out at class init.
     */
    private static final byte[] KIND = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            int k = 0;
            if (Tokenizer.CLASS[c] == Tokenizer.C_LETTER) {
                k = K_LETTER;
                if (Tokenizer.ARABIC[c]) {
                    k |= K_ARABIC;
                    switch (c) {
                        case '\u0679', '\u0688', '\u0691', '\u06BA', '\u06D2', '\u06BE', '\u06C1', '\u06C2', '\u06D3' ->
                            k |= K_URDU;
                        case '\u064A', '\u0643', '\u0649' -> k |= K_ARABIC_ONLY | K_FOLD;
                        case '\u0647' -> k |= K_FOLD;
                        case '\u0629', '\u0625' -> k |= K_ARABIC_ONLY;
                        case '\u0768', '\u0684', '\u076A', '\u067B' -> k |= K_PUNJABI;
                        default -> {}
                    }
                } else if (UScript.getScript(c) == UScript.LATIN) {
                    k |= K_LATIN;
                }
            } else if (Tokenizer.CLASS[c] == Tokenizer.C_MARK) {
                k = K_MARK;
            }
            KIND[c] = (byte) k;
        }
    }

    /** The lists the chars {@code [start, end)} of {@code text} are on, Urdu-folded when {@code fold}. */
    private static int lists(String text, int start, int end, boolean fold, boolean lowerAscii) {
        int h = 0;
        for (int k = start; k < end; k++) {
            h = 31 * h + fix(text.charAt(k), fold, lowerAscii);
        }
        int mask = TABLE_WORDS.length - 1;
        for (int slot = h & mask; TABLE_WORDS[slot] != null; slot = (slot + 1) & mask) {
            String w = TABLE_WORDS[slot];
            if (w.length() == end - start && matches(w, text, start, fold, lowerAscii)) {
                return TABLE_BITS[slot];
            }
        }
        return 0;
    }

    private static boolean matches(String w, String text, int start, boolean fold, boolean lowerAscii) {
        for (int k = 0; k < w.length(); k++) {
            if (w.charAt(k) != fix(text.charAt(start + k), fold, lowerAscii)) {
                return false;
            }
        }
        return true;
    }

    private static char fix(char c, boolean fold, boolean lowerAscii) {
        if (fold) {
            switch (c) {
                case '\u064A', '\u0649' -> {
                    return '\u06CC';
                }
                case '\u0643' -> {
                    return '\u06A9';
                }
                case '\u0647' -> {
                    return '\u06C1';
                }
                default -> {
                    return c;
                }
            }
        }
        return lowerAscii && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** The most likely language of {@code text}, with a confidence in [0, 1]. */
    public LanguageGuess identify(String text) {
        int latin = 0;
        int arabic = 0;
        int other = 0;
        int urduLetters = 0;
        int arabicLetters = 0;
        int punjabiLetters = 0;
        int urduWords = 0;
        int punjabiWords = 0;
        int persianWords = 0;
        int arabicWords = 0;
        int englishWords = 0;
        int arabicScriptWords = 0;
        int latinWords = 0;
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if ((KIND[c] & K_LETTER) == 0) {
                i++;
                continue;
            }
            int start = i;
            boolean arabicWord = (KIND[c] & K_ARABIC) != 0;
            boolean needsFold = false;
            int k;
            while (i < len && ((k = KIND[text.charAt(i)] & 0xFF) & (K_LETTER | K_MARK)) != 0) {
                if ((k & K_ARABIC) != 0) {
                    arabic++;
                    if (k != (K_LETTER | K_ARABIC)) {
                        urduLetters += (k & K_URDU) != 0 ? 1 : 0;
                        arabicLetters += (k & K_ARABIC_ONLY) != 0 ? 1 : 0;
                        punjabiLetters += (k & K_PUNJABI) != 0 ? 1 : 0;
                        needsFold |= (k & K_FOLD) != 0;
                    }
                } else if ((k & K_LATIN) != 0) {
                    latin++;
                } else if ((k & K_LETTER) != 0) {
                    other++;
                }
                i++;
            }
            boolean listed = i - start <= LONGEST_LISTED;
            if (arabicWord) {
                arabicScriptWords++;
                if (listed) {
                    int bits = lists(text, start, i, false, false);
                    if ((bits & ARABIC) != 0) {
                        arabicWords++;
                    }
                    if ((bits & PERSIAN) != 0) {
                        persianWords++;
                    }
                    int foldedBits = needsFold ? lists(text, start, i, true, false) : bits;
                    if ((foldedBits & URDU) != 0) {
                        urduWords++;
                    }
                    if ((foldedBits & PUNJABI) != 0) {
                        punjabiWords++;
                    }
                }
            } else if (c < 0x0250) {
                latinWords++;
                if (listed && (lists(text, start, i, false, true) & ENGLISH) != 0) {
                    englishWords++;
                }
            }
        }
        int letters = latin + arabic + other;
        if (letters == 0) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, 0);
        }
        double latinShare = (double) latin / letters;
        double arabicShare = (double) arabic / letters;
        if (latinShare >= 0.2 && arabicShare >= 0.2) {
            return new LanguageGuess(LanguageGuess.MIXED, round(1 - Math.abs(latinShare - arabicShare) / 2));
        }
        if (latinShare >= 0.8) {
            double rate = latinWords == 0 ? 0 : (double) englishWords / latinWords;
            if (rate >= 0.05 || latinWords < 5 && englishWords > 0) {
                return new LanguageGuess(LanguageGuess.ENGLISH, round(latinShare * Math.min(1, 0.5 + rate * 2)));
            }
            return new LanguageGuess(LanguageGuess.UNDETERMINED, round(latinShare * 0.5));
        }
        if (arabicShare < 0.8) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, round(1 - arabicShare - latinShare));
        }
        double words = Math.max(1, arabicScriptWords);
        double urduLetterRate = (double) urduLetters / arabic;
        double arabicLetterRate = (double) arabicLetters / arabic;
        double ur = urduWords / words + urduLetterRate;
        double pnb =
                punjabiWords / words + 4.0 * punjabiLetters / arabic + (punjabiWords > 0 ? urduLetterRate * 0.5 : 0);
        double fa = persianWords / words * (urduLetterRate > 0.02 ? 0.2 : 1);
        double ar = (arabicWords / words + arabicLetterRate) * (urduLetterRate > 0.02 ? 0.2 : 1);
        String best = LanguageGuess.URDU;
        double top = ur;
        if (pnb > top) {
            best = LanguageGuess.PUNJABI_SHAHMUKHI;
            top = pnb;
        }
        if (fa > top) {
            best = LanguageGuess.PERSIAN;
            top = fa;
        }
        if (ar > top) {
            best = LanguageGuess.ARABIC;
            top = ar;
        }
        double sum = ur + pnb + fa + ar;
        if (top <= 0) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, round(arabicShare * 0.3));
        }
        double evidence = Math.min(1, top * 3);
        return new LanguageGuess(best, round(arabicShare * (top / sum) * evidence));
    }

    private static double round(double v) {
        return Math.max(0, Math.min(1, Math.round(v * 1000) / 1000.0));
    }
}
