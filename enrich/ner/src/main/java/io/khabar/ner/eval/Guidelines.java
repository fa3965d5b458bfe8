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
 *   <li><b>Titles of address inside names</b>: up to two words before a person (صدر بش, ڈاکٹر X, مسٹر X, صدر
 *       جنرل X) are part of the PERSON span. Offices and roles (وزیر اعظم, چیئرمین, ترجمان) are not, unless a
 *       nationality stands before them (امریکی وزیر دفاع X).
 *   <li><b>Province words inside places</b>: صوبہ before a place is part of the LOCATION span (صوبہ بلوچستان).
 * </ul>
 */
public record Guidelines(
        String name,
        boolean mergeAdjacent,
        Set<String> titlesInPerson,
        Set<String> headsInPlace,
        boolean nationalityWithOffice,
        Set<String> loneTitlesAsPerson,
        boolean nationalArmyUntagged) {
    /** khabar's own convention: spans are scored as the tagger makes them. */
    public static final Guidelines KHABAR = new Guidelines("khabar", false, Set.of(), Set.of(), false, Set.of(), false);

    /** IO-tagged token files: adjacent spans of one type are one span. */
    public static final Guidelines IO = new Guidelines("io", true, Set.of(), Set.of(), false, Set.of(), false);

    /**
     * UNER (running text with inline tags): its annotators tag the head of government's title standing alone for
     * the office holder (وزیرِ اعظم گرنے سے بچ گئے) as a PERSON more often than as a DESIGNATION; the tagger keeps it
     * a DESIGNATION (the office, no name), so the lone title becomes a PERSON span here. Counted on the first half
     * of {@code uner-dev.txt}: a lone وزیر اعظم is PERSON 7 times, DESIGNATION 2 and untagged 1; the other lone
     * titles (صدر, سفیر, وکیل, صحافی, ترجمان, جج, میئر) PERSON once in 19, so they are left alone. No context
     * tells the two uses apart there (a speech frame after the title: PERSON 0 of 5).
     *
     * <p>A nationality and the word for an army (برطانوی فوج, امریکی فوج) is mostly left untagged in UNER, while
     * Jahangir tags it as an ORGANIZATION (first halves: UNER 4 of 5 untagged, ترک فوج once tagged; Jahangir
     * امریکی فوج 9 tagged and 2 not, اسرائیلی فوج 9 and 3). The tagger keeps Jahangir's ORGANIZATION; for UNER
     * such a span is dropped.
     */
    public static final Guidelines UNER =
            new Guidelines("uner", false, Set.of(), Set.of(), false, Set.of("وزیراعظم"), true);

    /**
     * The Jahangir news corpus (IO tags; PERSON, LOCATION, ORGANIZATION, DATE, TIME and no DESIGNATION tag): its
     * annotators put titles used as forms of address into the name (صدر بش, ڈاکٹر X) and صوبہ into the place.
     */
    public static final Guidelines JAHANGIR = new Guidelines(
            "jahangir",
            true,
            Set.of(
                    "صدر",
                    "ڈاکٹر",
                    "جنرل",
                    "پروفیسر",
                    "جسٹس",
                    "کرنل",
                    "میجر",
                    "بریگیڈیئر",
                    "ایڈمرل",
                    "مسٹر",
                    "مسز",
                    "کمانڈر"),
            Set.of("صوبہ"),
            true,
            Set.of(),
            false);

    /** Words of an office between a nationality and a name (امریکی وزیر دفاع X, اسرائیلی وزیراعظم X). */
    private static final Set<String> OFFICE_WORDS = Set.of(
            "صدر",
            "جنرل",
            "وزیر",
            "وزیرِ",
            "وزیراعظم",
            "وزیرِاعظم",
            "اعظم",
            "خارجہ",
            "دفاع",
            "داخلہ",
            "خزانہ",
            "وزیرخارجہ",
            "وزیردفاع",
            "نائب",
            "ڈپٹی",
            "وزیراعلی",
            "وزیراعلیٰ",
            "اعلی",
            "اعلیٰ");

    /** Nationality adjectives before an office (not سفیر, منتظم: envoys and administrators stay outside). */
    private static final Set<String> NATIONALITIES = Set.of(
            "امریکی",
            "برطانوی",
            "اسرائیلی",
            "فلسطینی",
            "روسی",
            "چینی",
            "بھارتی",
            "ہندوستانی",
            "پاکستانی",
            "افغان",
            "ایرانی",
            "عراقی",
            "سعودی",
            "فرانسیسی",
            "جرمن",
            "جاپانی",
            "ترک",
            "مصری",
            "اردنی",
            "شامی",
            "آسٹریلوی",
            "کینیڈین",
            "یورپی",
            "انڈونیشی",
            "انڈونیشیائی",
            "لبنانی",
            "کویتی",
            "لیبیائی",
            "سوڈانی",
            "اطالوی",
            "ہسپانوی",
            "یوکرینی",
            "بنگلہ دیشی",
            "سری لنکن",
            "افغانی",
            "عرب",
            "قطری",
            "اماراتی",
            "ازبک",
            "تاجک");

    /**
     * The guidelines of a read corpus: Jahangir's when the file is named so or its tag set is Jahangir's (IO tags,
     * a TIME or DATE type and no DESIGNATION type, unlike IJCNLP's); IO merging for any other IO file; else
     * khabar's own.
     */
    public static Guidelines forCorpus(Corpora.Corpus corpus) {
        if (corpus.format().equals("inline")) {
            return UNER;
        }
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
        for (int i = 0; i < sorted.size(); i++) {
            Span s = sorted.get(i);
            if (nationalArmyUntagged && s.type() == EntityType.ORGANIZATION && nationalArmy(s.text())) {
                continue;
            }
            if (s.type() == EntityType.DESIGNATION
                    && loneTitlesAsPerson.contains(folded(s.text()))
                    && lone(text, s, i + 1 < sorted.size() ? sorted.get(i + 1) : null)) {
                s = new Span(s.start(), s.end(), EntityType.PERSON, s.text(), s.method());
            }
            Set<String> heads = s.type() == EntityType.PERSON
                    ? titlesInPerson
                    : s.type() == EntityType.LOCATION ? headsInPlace : Set.of();
            // up to two titles of address (صدر جنرل مشرف, کمانڈر جنرل X)
            for (int titles = 0; titles < 2; titles++) {
                int wordStart = previousWordStart(text, s.start());
                if (wordStart >= 0
                        && heads.contains(text.substring(wordStart, wordEnd(text, wordStart)))
                        && (out.isEmpty() || out.get(out.size() - 1).end() <= wordStart)) {
                    s = new Span(wordStart, s.end(), s.type(), text.substring(wordStart, s.end()), s.method());
                } else {
                    break;
                }
            }
            if (nationalityWithOffice && s.type() == EntityType.PERSON) {
                s = withNationalityAndOffice(
                        text, s, out.isEmpty() ? 0 : out.get(out.size() - 1).end());
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

    /**
     * Jahangir's annotators take a nationality and the office after it into the name (امریکی صدر جارج بش, برطانوی
     * وزیر خارجہ جیک سٹرا), while an office alone mostly stays outside (counted on the first half of the
     * development file: 7 spans with a nationality and an office inside, 3 outside, and those before an envoy or
     * administrator). Up to three office words back from the span, then a nationality adjective (one or two
     * words), join the span; without the nationality nothing changes.
     */
    private static Span withNationalityAndOffice(String text, Span s, int notBefore) {
        int start = s.start();
        int offices = 0;
        int w = previousWordStart(text, start);
        while (w >= notBefore && offices < 3 && OFFICE_WORDS.contains(text.substring(w, wordEnd(text, w)))) {
            start = w;
            offices++;
            w = previousWordStart(text, start);
        }
        boolean titled = offices > 0 || OFFICE_WORDS.contains(firstWord(text, s.start()));
        if (!titled || w < notBefore) {
            return s;
        }
        int nationality = -1;
        if (NATIONALITIES.contains(text.substring(w, wordEnd(text, w)))) {
            nationality = w;
        } else {
            int w2 = previousWordStart(text, w);
            if (w2 >= notBefore && NATIONALITIES.contains(text.substring(w2, wordEnd(text, w)))) {
                nationality = w2; // سری لنکن
            }
        }
        if (nationality < 0) {
            return s;
        }
        return new Span(nationality, s.end(), s.type(), text.substring(nationality, s.end()), s.method());
    }

    /** Words for an army after a nationality (برطانوی فوج); not فوجی, the soldiers. */
    private static final Set<String> ARMY_WORDS = Set.of("فوج", "فوجیں", "افواج");

    /** Whether {@code t} is a nationality (one or two words) and an army word, nothing else. */
    private static boolean nationalArmy(String t) {
        String trimmed = t.strip();
        int cut = trimmed.lastIndexOf(' ');
        return cut > 0
                && ARMY_WORDS.contains(trimmed.substring(cut + 1))
                && NATIONALITIES.contains(trimmed.substring(0, cut).strip());
    }

    /** Forms of بننا and words for the office itself: after them the title names the office, not its holder. */
    private static final Set<String> OFFICE_NOT_HOLDER =
            Set.of("بننے", "بنے", "بنا", "بنی", "بن", "بنیں", "بنتے", "عہدے", "عہدہ", "منصب");

    /**
     * Whether the title {@code s} stands alone for a person: no person right after it (وزیر اعظم عمران خان), and
     * not the office itself (وزیر اعظم بننے کے بعد, وزیر اعظم کے عہدے).
     */
    private static boolean lone(String text, Span s, Span next) {
        if (next != null
                && next.type() == EntityType.PERSON
                && next.start() >= s.end()
                && text.substring(s.end(), next.start()).isBlank()) {
            return false;
        }
        int w = s.end();
        while (w < text.length() && Character.isWhitespace(text.charAt(w))) {
            w++;
        }
        String after = text.substring(w, wordEnd(text, w));
        if (OFFICE_NOT_HOLDER.contains(after)) {
            return false;
        }
        if (after.equals("کے") || after.equals("کا")) {
            int w2 = wordEnd(text, w);
            while (w2 < text.length() && Character.isWhitespace(text.charAt(w2))) {
                w2++;
            }
            return !OFFICE_NOT_HOLDER.contains(text.substring(w2, wordEnd(text, w2)));
        }
        return true;
    }

    /** The span text without spaces, ZWNJ and Arabic vowel marks (وزیرِ اعظم, وزیر اعظم, وزیراعظم alike). */
    private static String folded(String t) {
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u200c' && !(c >= '\u064b' && c <= '\u065f') && c != '\u0670') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String firstWord(String text, int at) {
        return text.substring(at, wordEnd(text, at));
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
