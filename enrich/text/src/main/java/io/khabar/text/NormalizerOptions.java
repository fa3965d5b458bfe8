package io.khabar.text;

/**
 * Options of {@link UrduNormalizer}; immutable, changed with withers.
 * Defaults: diacritics removed, digits to ASCII, letters unified to Urdu code points.
 */
public final class NormalizerOptions {
    private static final NormalizerOptions DEFAULTS = new NormalizerOptions(true, DigitStyle.ASCII, true);

    private final boolean removeDiacritics;
    private final DigitStyle digits;
    private final boolean urduLetters;

    private NormalizerOptions(boolean removeDiacritics, DigitStyle digits, boolean urduLetters) {
        if (digits == null) {
            throw new IllegalArgumentException("digits must not be null");
        }
        this.removeDiacritics = removeDiacritics;
        this.digits = digits;
        this.urduLetters = urduLetters;
    }

    /** removeDiacritics=true, digits=ASCII, urduLetters=true. */
    public static NormalizerOptions defaults() {
        return DEFAULTS;
    }

    /** Whether harakat U+064B-U+065F and U+0670 are removed (after hamza/madda have been composed). */
    public boolean removeDiacritics() {
        return removeDiacritics;
    }

    /** The digit system digits are written in. */
    public DigitStyle digits() {
        return digits;
    }

    /**
     * Whether Arabic and Persian letter variants are unified to Urdu code points (ي ى → ی, ك → ک, ه → ہ, ة → ۃ).
     * Turned off for articles identified as Arabic or Persian, so Urdu rules do not mangle them.
     */
    public boolean urduLetters() {
        return urduLetters;
    }

    /** A copy with diacritic removal set. */
    public NormalizerOptions withRemoveDiacritics(boolean value) {
        return new NormalizerOptions(value, digits, urduLetters);
    }

    /** A copy with the digit style set. */
    public NormalizerOptions withDigits(DigitStyle value) {
        return new NormalizerOptions(removeDiacritics, value, urduLetters);
    }

    /** A copy with Urdu letter unification set. */
    public NormalizerOptions withUrduLetters(boolean value) {
        return new NormalizerOptions(removeDiacritics, digits, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalizerOptions other
                && other.removeDiacritics == removeDiacritics
                && other.digits == digits
                && other.urduLetters == urduLetters;
    }

    @Override
    public int hashCode() {
        return (removeDiacritics ? 1 : 0) + 2 * (urduLetters ? 1 : 0) + 4 * digits.ordinal();
    }

    @Override
    public String toString() {
        return "NormalizerOptions[removeDiacritics=" + removeDiacritics + ", digits=" + digits + ", urduLetters="
                + urduLetters + "]";
    }
}
