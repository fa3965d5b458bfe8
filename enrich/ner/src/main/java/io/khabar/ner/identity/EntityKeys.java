package io.khabar.ner.identity;

import io.khabar.model.EntityType;
import io.khabar.ner.Keys;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Stable keys that group the mentions of one entity across articles and spellings. Pure and thread-safe.
 *
 * <ul>
 *   <li>With a canonical name: {@code person:imran-khan} (type, then the canonical name as a lower-case ASCII slug).</li>
 *   <li>Without one: {@code person:ur:<skeleton>}, where the skeleton is the Urdu surface reduced to what
 *       stays the same across the usual spelling and spacing variants: the match-key folding (spaces, diacritics,
 *       Arabic letter forms), retroflex ٹ ڈ to ت د, ی between consonants dropped (ولادیمیر / ولادمیر,
 *       پیوٹن / پوتن), final ہ as ا (راجہ / راجا), hamza seat ئ as ی, doubled letters once.
 *       So بابر اعظم and بابراعظم, پیوٹن and پوتن share a key.</li>
 * </ul>
 * The key never contains a space, a slash or a control char. See docs/ner.md.
 */
public final class EntityKeys {
    private EntityKeys() {}

    /**
     * The key of an entity.
     *
     * @param type      its type (null is keyed as {@code entity})
     * @param surface   its surface text, normalised or raw
     * @param canonical its canonical English name, or null; for dates the ISO value
     */
    public static String key(EntityType type, String surface, String canonical) {
        String prefix = type == null ? "entity" : type.name().toLowerCase(Locale.ROOT);
        if (canonical != null && !canonical.isBlank()) {
            String slug = slug(canonical);
            if (!slug.isEmpty()) {
                return prefix + ":" + slug;
            }
        }
        return prefix + ":ur:" + skeleton(surface == null ? "" : surface);
    }

    /** The canonical name as lower-case ASCII words joined by {@code -} (accents dropped). */
    static String slug(String canonical) {
        String s = Normalizer.normalize(canonical, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(s.length());
        boolean dash = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (dash && b.length() > 0) {
                    b.append('-');
                }
                b.append(c);
                dash = false;
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                dash = true;
            }
        }
        return b.toString();
    }

    /** The spelling-variant skeleton of an Urdu surface (see the class doc). */
    public static String skeleton(String surface) {
        StringBuilder b = new StringBuilder(surface.length());
        for (String word : surface.split("[\\s\u200B]+")) {
            skeletonOfWord(Keys.of(word), b);
        }
        return b.toString();
    }

    /** The skeleton of one word (ی between consonants and doubled letters are judged inside a word). */
    private static void skeletonOfWord(String k, StringBuilder out) {
        StringBuilder b = new StringBuilder(k.length());
        int n = k.length();
        for (int i = 0; i < n; i++) {
            char c = map(k.charAt(i));
            if (c == 'ی' && i > 0 && i + 1 < n && consonant(k.charAt(i - 1)) && k.charAt(i + 1) != 'ا') {
                continue; // medial ی: a vowel sign that some spellings omit
            }
            if (c == 'ہ' && i == n - 1 && i > 0) {
                c = 'ا';
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) == c) {
                continue;
            }
            b.append(c);
        }
        out.append(b);
    }

    private static char map(char c) {
        return switch (c) {
            case 'ٹ' -> 'ت';
            case 'ڈ' -> 'د';
            case 'ئ' -> 'ی';
            case 'ۃ' -> 'ت';
            case 'آ' -> 'ا';
            default -> c;
        };
    }

    private static boolean consonant(char c) {
        return Character.isLetter(c) && "اآوےیئعہ".indexOf(c) < 0;
    }
}
