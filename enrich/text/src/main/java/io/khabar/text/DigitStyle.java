package io.khabar.text;

/** Digit system that {@link UrduNormalizer} writes ASCII, Arabic-Indic and Extended Arabic-Indic digits in. */
public enum DigitStyle {
    /** 0-9, so dates and numbers parse with plain Java. The default. */
    ASCII,
    /** U+0660-U+0669, the digits of Arabic text. */
    ARABIC_INDIC,
    /** U+06F0-U+06F9, the digits Urdu and Persian keyboards type. */
    EXTENDED_ARABIC_INDIC,
    /** Leave every digit as written. */
    KEEP;

    /** The zero of this style, or -1 for {@link #KEEP}. */
    char zero() {
        return switch (this) {
            case ASCII -> '0';
            case ARABIC_INDIC -> '\u0660';
            case EXTENDED_ARABIC_INDIC -> '\u06F0';
            case KEEP -> '\uFFFF';
        };
    }
}
