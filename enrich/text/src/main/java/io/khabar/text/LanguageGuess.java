package io.khabar.text;

/**
 * A language guess for a whole text. Codes: ur, ar, fa, pnb (Punjabi in Shahmukhi), en, mixed, und.
 * Confidence is in [0, 1].
 */
public record LanguageGuess(String code, double confidence) {
    /** Urdu. */
    public static final String URDU = "ur";
    /** Arabic. */
    public static final String ARABIC = "ar";
    /** Persian. */
    public static final String PERSIAN = "fa";
    /** Punjabi written in Shahmukhi. */
    public static final String PUNJABI_SHAHMUKHI = "pnb";
    /** English. */
    public static final String ENGLISH = "en";
    /** Substantial parts in more than one script. */
    public static final String MIXED = "mixed";
    /** Undetermined (no letters, or a script we do not tell apart). */
    public static final String UNDETERMINED = "und";

    /** Checks the confidence range. */
    public LanguageGuess {
        if (code == null || confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("bad guess " + code + " " + confidence);
        }
    }

    /** Whether Urdu normalisation rules (letter unification) fit this text: ur, pnb, mixed and und. */
    public boolean urduRulesApply() {
        return !code.equals(ARABIC) && !code.equals(PERSIAN);
    }
}
