package io.khabar.serve;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders an article field with its mentions highlighted as links to the entities' pages. Spans are placed by the
 * record's UTF-16 offsets, widened where needed to whole grapheme clusters (ICU), so a highlight never cuts a
 * letter from its diacritics, a surrogate pair, or a ZWJ/ZWNJ from its letter. Overlapping mentions keep the one
 * that starts first (the longer on a tie). Runs of Latin letters and digits outside mentions are isolated with
 * {@code <bdi>} so they do not scramble the right-to-left text around them. The text itself is unchanged: the
 * element's {@code textContent} equals the field, so DOM positions equal record offsets.
 */
public final class Highlighter {

    /**
     * A mention to highlight.
     *
     * @param start  UTF-16 offset, inclusive
     * @param end    UTF-16 offset, exclusive
     * @param entity the entity it belongs to
     */
    public record Span(int start, int end, ArticleView.Entity entity) {}

    private Highlighter() {}

    /** The spans of one field of the article ({@code title} or {@code body}), in text order, overlaps removed, snapped. */
    public static List<Span> spans(ArticleView article, String field) {
        String text = "title".equals(field) ? article.title() : article.body();
        List<Span> raw = new ArrayList<>();
        for (ArticleView.Entity e : article.entities()) {
            for (ArticleView.Mention m : e.mentions()) {
                if (field.equals(m.field())) {
                    raw.add(new Span(m.start(), m.end(), e));
                }
            }
        }
        return place(text, raw);
    }

    /** Snaps spans to grapheme boundaries inside the text, drops empty and out-of-range ones and overlaps. */
    static List<Span> place(String text, List<Span> spans) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance(ULocale.forLanguageTag("ur"));
        graphemes.setText(text);
        List<Span> snapped = new ArrayList<>(spans.size());
        for (Span s : spans) {
            int start = Math.max(0, s.start());
            int end = Math.min(text.length(), s.end());
            if (start >= end) {
                continue;
            }
            if (!graphemes.isBoundary(start)) {
                start = graphemes.preceding(start);
            }
            if (!graphemes.isBoundary(end)) {
                end = graphemes.following(end);
            }
            snapped.add(new Span(start, end, s.entity()));
        }
        snapped.sort(Comparator.comparingInt(Span::start)
                .thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> out = new ArrayList<>(snapped.size());
        int covered = 0;
        for (Span s : snapped) {
            if (s.start() >= covered) {
                out.add(s);
                covered = s.end();
            }
        }
        return out;
    }

    /** Appends the field's text with its spans as entity links. */
    public static void render(StringBuilder out, String text, String field, List<Span> spans) {
        int pos = 0;
        for (Span s : spans) {
            isolateLatin(out, text, pos, s.start());
            ArticleView.Entity e = s.entity();
            out.append("<a class=\"ent t-")
                    .append(typeClass(e.type()))
                    .append("\" href=\"/entity?key=")
                    .append(Html.escape(Html.param(e.key())))
                    .append('"');
            String hover = e.hoverName();
            out.append(" title=\"")
                    .append(Html.escape(hover != null ? hover + " · " + typeLabel(e.type()) : typeLabel(e.type())))
                    .append('"');
            out.append(" data-field=\"")
                    .append(Html.escape(field))
                    .append("\" data-start=\"")
                    .append(s.start())
                    .append("\" data-end=\"")
                    .append(s.end())
                    .append("\">");
            Html.escape(out, text, s.start(), s.end());
            out.append("</a>");
            pos = s.end();
        }
        isolateLatin(out, text, pos, text.length());
    }

    /** The CSS class suffix of a type: lower case ASCII letters only. */
    public static String typeClass(String type) {
        String t = type == null ? "other" : type.toLowerCase(Locale.ROOT);
        return t.chars().allMatch(c -> c >= 'a' && c <= 'z') && !t.isEmpty() ? t : "other";
    }

    /** A type as shown to people: {@code PERSON} → {@code person}. */
    public static String typeLabel(String type) {
        return type == null ? "other" : type.toLowerCase(Locale.ROOT);
    }

    /** Appends {@code text[from, to)} escaped, each run of left-to-right letters or digits inside {@code <bdi>}. */
    static void isolateLatin(StringBuilder out, String text, int from, int to) {
        int i = from;
        int plain = from;
        while (i < to) {
            int cp = text.codePointAt(i);
            if (startsRun(cp)) {
                int end = runEnd(text, i, to);
                Html.escape(out, text, plain, i);
                out.append("<bdi>");
                Html.escape(out, text, i, end);
                out.append("</bdi>");
                i = end;
                plain = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        Html.escape(out, text, plain, to);
    }

    private static boolean startsRun(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_LEFT_TO_RIGHT
                || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER
                || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
    }

    /** One past the run that starts at {@code i}: strong LTR letters and numbers, with separators and single spaces between them. */
    private static int runEnd(String text, int i, int to) {
        int end = i;
        int j = i;
        while (j < to) {
            int cp = text.codePointAt(j);
            int n = Character.charCount(cp);
            byte d = Character.getDirectionality(cp);
            if (startsRun(cp) || d == Character.DIRECTIONALITY_NONSPACING_MARK) {
                j += n;
                end = j;
            } else if ((d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR
                            || d == Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR
                            || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR
                            || cp == ' ')
                    && j + n < to
                    && startsRun(text.codePointAt(j + n))) {
                j += n;
            } else {
                break;
            }
        }
        return end;
    }
}
