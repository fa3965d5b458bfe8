package io.khabar.ner.eval;

import io.khabar.model.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a corpus's annotation guidelines put span boundaries differently from khabar's, applied to the tagger's
 * spans before they are scored. The tagger itself follows one convention (UNER's: titles, province and district
 * words stay outside names); these rules only translate its output into the corpus's convention, the way a
 * corpus's own encoding would. They are chosen per corpus by {@link #forCorpus} and printed with the figures.
 *
 * <ul>
 *   <li><b>IO encoding</b> (every {@code tokens-io} file): two entities of one type with no token between them
 *       cannot be told apart in IO tags (a run of equal tags is one entity), so adjacent predicted spans of one
 *       type become one span, as the corpus's reader would read them back.
 *   <li><b>Titles of address inside names</b>: the word before a person (صدر بش, ڈاکٹر X, جنرل X) is part of
 *       the PERSON span. Offices and roles (وزیر اعظم, چیئرمین, ترجمان) are not.
 *   <li><b>Province words inside places</b>: صوبہ before a place is part of the LOCATION span (صوبہ بلوچستان).
 * </ul>
 */
public record Guidelines(String name, boolean mergeAdjacent, Set<String> titlesInPerson, Set<String> headsInPlace) {
    /** khabar's own convention: spans are scored as the tagger makes them. */
    public static final Guidelines KHABAR = new Guidelines("khabar", false, Set.of(), Set.of());

    /** IO-tagged token files: adjacent spans of one type are one span. */
    public static final Guidelines IO = new Guidelines("io", true, Set.of(), Set.of());

    /**
     * The Jahangir news corpus (IO tags; PERSON, LOCATION, ORGANIZATION, DATE, TIME and no DESIGNATION tag): its
     * annotators put titles used as forms of address into the name (صدر بش, ڈاکٹر X) and صوبہ into the place.
     */
    public static final Guidelines JAHANGIR = new Guidelines(
            "jahangir",
            true,
            Set.of("صدر", "ڈاکٹر", "جنرل", "پروفیسر", "جسٹس", "کرنل", "میجر", "بریگیڈیئر", "ایڈمرل"),
            Set.of("صوبہ"));

    /**
     * The guidelines of a read corpus: Jahangir's when the file is named so or its tag set is Jahangir's (IO tags,
     * a TIME or DATE type and no DESIGNATION type, unlike IJCNLP's); IO merging for any other IO file; else
     * khabar's own.
     */
    public static Guidelines forCorpus(Corpora.Corpus corpus) {
        if (!corpus.format().equals("tokens-io")) {
            return KHABAR;
        }
        boolean named = corpus.name().toLowerCase(Locale.ROOT).contains("jahangir");
        boolean tagSet = corpus.types().contains(EntityType.DATE)
                && !corpus.types().contains(EntityType.DESIGNATION)
                && corpus.types().contains(EntityType.PERSON);
        return named || tagSet ? JAHANGIR : IO;
    }

    /** The spans translated into this convention, by start offset; {@code text} is the sentence they index. */
    public List<Span> apply(String text, List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
        List<Span> out = new ArrayList<>(sorted.size());
        for (Span s : sorted) {
            Set<String> heads = s.type() == EntityType.PERSON
                    ? titlesInPerson
                    : s.type() == EntityType.LOCATION ? headsInPlace : Set.of();
            int wordStart = previousWordStart(text, s.start());
            if (wordStart >= 0
                    && heads.contains(text.substring(wordStart, wordEnd(text, wordStart)))
                    && (out.isEmpty() || out.get(out.size() - 1).end() <= wordStart)) {
                s = new Span(wordStart, s.end(), s.type(), text.substring(wordStart, s.end()), s.method());
            }
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (mergeAdjacent
                    && last != null
                    && last.type() == s.type()
                    && last.end() <= s.start()
                    && text.substring(last.end(), s.start()).isBlank()) {
                out.set(
                        out.size() - 1,
                        new Span(
                                last.start(), s.end(), s.type(), text.substring(last.start(), s.end()), last.method()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The start of the word right before {@code at} (only white space between), or -1. */
    private static int previousWordStart(String text, int at) {
        int i = at;
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        if (i == at || i == 0) {
            return -1;
        }
        int end = i;
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i < end ? i : -1;
    }

    private static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
