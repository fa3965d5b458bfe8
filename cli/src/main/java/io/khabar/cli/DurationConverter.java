package io.khabar.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration grammar of every {@code khabar} command: a whole number with a unit, {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 36h}, {@code 7d}), or an
 * ISO-8601 duration ({@code PT1H30M}, {@code P2D}). A number without a unit is refused (is {@code 5} seconds or
 * minutes?), except {@code 0}. Negative durations are refused.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern WITH_UNIT = Pattern.compile("([0-9]+)\\s*(ms|s|m|h|d)");
    static final String GRAMMAR = "use a whole number with a unit (500ms, 30s, 5m, 36h, 7d) or ISO-8601 (PT1H30M)";

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code text} by the grammar above; throws {@link TypeConversionException} saying what is accepted. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.matches("[0-9]+")) {
            throw new TypeConversionException("'" + text + "' has no unit: " + GRAMMAR);
        }
        Matcher m = WITH_UNIT.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            if (t.startsWith("p")) {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new TypeConversionException("'" + text + "' is negative: " + GRAMMAR);
                }
                return d;
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            // fall through to the message below
        }
        throw new TypeConversionException("'" + text + "' is not a duration: " + GRAMMAR);
    }
}
