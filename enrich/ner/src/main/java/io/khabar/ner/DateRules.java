package io.khabar.ner;

import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.IslamicCalendar;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dates: day–month–year with Urdu (Gregorian) and Islamic month names, years after {@code سنہ} in digits or
 * words, weekdays, and relative expressions ({@code گزشتہ ماہ}, {@code رواں سال اپریل}), resolved to ISO-8601
 * against the publication date when it is known. Month and weekday names come from ICU4J's CLDR data.
 */
final class DateRules {
    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Map<String, Integer> HIJRI_MONTHS = new HashMap<>();
    private static final Map<String, DayOfWeek> WEEKDAYS = new HashMap<>();
    private static final Map<String, Integer> DIRECTION = new HashMap<>();
    private static final Set<String> YEAR_UNIT = keys("سال", "برس");
    private static final Set<String> MONTH_UNIT = keys("ماہ", "مہینے", "مہینہ");
    private static final Set<String> WEEK_UNIT = keys("ہفتے", "ہفتہ");
    private static final Set<String> DAY_UNIT = keys("روز", "دن");
    private static final Set<String> AFTER_DATE = keys("میں", "سے", "تک", "کے", "کی", "کو", "کا");
    private static final Set<String> AFTER_WEEKDAY = keys("کو", "کے", "کی", "سے", "تک");
    private static final String SANAH = Keys.of("سنہ");
    private static final String HIJRI_MARK = Keys.of("ھ");
    private static final String HIJRI_WORD = Keys.of("ہجری");
    private static final String MARCH = Keys.of("مارچ");
    private static final String HAFTA = Keys.of("ہفتہ");
    private static final String HAFTE = Keys.of("ہفتے");
    private static final String KO = Keys.of("کو");
    private static final String ROZ = Keys.of("روز");
    private static final String DIN = Keys.of("دن");
    private static final String AANE = Keys.of("آنے");
    private static final String WALE = Keys.of("والے");

    static {
        String[] months = new DateFormatSymbols(Cldr.UR).getMonths();
        for (int m = 0; m < 12; m++) {
            MONTHS.put(Keys.of(months[m]), m + 1);
        }
        String[][] variants = {
            {"جنوری"},
            {"فروری", "فرورى"},
            {"مارچ"},
            {"اپریل", "اپرئل"},
            {"مئی", "مئ", "مئي", "مے"},
            {"جون"},
            {"جولائی", "جولائ", "جولای"},
            {"اگست", "آگست"},
            {"ستمبر", "سپتمبر"},
            {"اکتوبر", "اکتوبر"},
            {"نومبر", "نوامبر"},
            {"دسمبر"}
        };
        for (int m = 0; m < 12; m++) {
            for (String v : variants[m]) {
                MONTHS.put(Keys.of(v), m + 1);
            }
        }
        MONTHS.remove(Keys.of("مے")); // also "wine"; keep the standard spellings only
        String[] hijri = new DateFormatSymbols(IslamicCalendar.class, Cldr.UR).getMonths();
        for (int m = 0; m < 12; m++) {
            HIJRI_MONTHS.put(Keys.of(hijri[m]), m + 1);
        }
        String[][] hv = {
            {"محرم", "محرم الحرام"},
            {"صفر", "صفر المظفر"},
            {"ربیع الاول", "ربیع الاوّل"},
            {"ربیع الثانی", "ربیع الآخر"},
            {"جمادی الاول", "جمادی الاولی", "جمادی الاولیٰ"},
            {"جمادی الثانی", "جمادی الآخر", "جمادی الثانیہ"},
            {"رجب", "رجب المرجب"},
            {"شعبان", "شعبان المعظم"},
            {"رمضان", "رمضان المبارک"},
            {"شوال", "شوال المکرم"},
            {"ذوالقعدہ", "ذیقعدہ", "ذی القعدہ"},
            {"ذوالحجہ", "ذی الحجہ", "ذوالحج"}
        };
        for (int m = 0; m < 12; m++) {
            for (String v : hv[m]) {
                HIJRI_MONTHS.put(Keys.of(v), m + 1);
            }
        }
        String[] days = new DateFormatSymbols(Cldr.UR).getWeekdays(); // [1]=Sunday
        for (int d = 1; d <= 7; d++) {
            DayOfWeek dow = DayOfWeek.of(d == 1 ? 7 : d - 1);
            WEEKDAYS.put(Keys.of(days[d]), dow);
        }
        WEEKDAYS.put(Keys.of("سوموار"), DayOfWeek.MONDAY);
        WEEKDAYS.put(Keys.of("جمعرات"), DayOfWeek.THURSDAY);
        WEEKDAYS.put(Keys.of("ہفتے"), DayOfWeek.SATURDAY);
        WEEKDAYS.put(Keys.of("بدھ"), DayOfWeek.WEDNESDAY);
        for (String w : List.of("گزشتہ", "گذشتہ", "پچھلے", "پچھلی", "پچھلا", "پیچھلے")) {
            DIRECTION.put(Keys.of(w), -1);
        }
        for (String w : List.of("رواں", "اس", "موجودہ", "جاری")) {
            DIRECTION.put(Keys.of(w), 0);
        }
        for (String w : List.of("آئندہ", "اگلے", "اگلی", "اگلا", "آنے")) {
            DIRECTION.put(Keys.of(w), 1);
        }
    }

    private DateRules() {}

    private static Set<String> keys(String... words) {
        Set<String> s = new java.util.HashSet<>();
        for (String w : words) {
            s.add(Keys.of(w));
        }
        return s;
    }

    /** Month and weekday names (keys). */
    static Set<String> nameWords() {
        Set<String> s = new java.util.HashSet<>(MONTHS.keySet());
        s.addAll(WEEKDAYS.keySet());
        s.addAll(HIJRI_MONTHS.keySet());
        return s;
    }

    /** Keys of the words a date can start with, digits aside. */
    static Set<String> startWords() {
        Set<String> s = nameWords();
        s.addAll(DIRECTION.keySet());
        s.add(SANAH);
        for (int v = 1; v <= 31; v++) {
            s.addAll(NumberWords.keysOf(v));
        }
        return s;
    }

    /** Finds dates, marks their tokens used and adds them to {@code out}. */
    static void find(Tokens t, int[] flags, boolean[] used, LocalDate pub, List<Mention> out) {
        int i = 0;
        while (i < t.size) {
            if (!t.word[i]
                    || used[i]
                    || (flags[i] & Lexicon.F_DATE_START) == 0 && !Character.isDigit(t.text.charAt(t.start[i]))) {
                i++;
                continue;
            }
            Mention m = at(t, i, pub);
            if (m != null) {
                for (int k = m.first; k <= m.last; k++) {
                    used[k] = true;
                }
                out.add(m);
                i = m.last + 1;
            } else {
                i++;
            }
        }
    }

    private static String key(Tokens t, int i) {
        return i < t.size && t.word[i] ? t.key(i) : "";
    }

    private static Mention date(int first, int last, String canonical) {
        return new Mention(EntityType.DATE, first, last, canonical, null, Entity.Method.RULE);
    }

    private static Mention at(Tokens t, int i, LocalDate pub) {
        String k = t.key(i);
        // relative: گزشتہ ماہ, رواں سال (اپریل), اگلے ہفتے, گزشتہ روز, گزشتہ منگل, آنے والے سال
        Integer dir = DIRECTION.get(k);
        if (dir != null) {
            int u = i + 1;
            if (k.equals(AANE) && key(t, u).equals(WALE)) {
                u++;
            }
            String unit = key(t, u);
            if (YEAR_UNIT.contains(unit)) {
                Integer month = MONTHS.get(key(t, u + 1));
                int year = pub == null ? 0 : pub.getYear() + dir;
                if (month != null) {
                    return date(
                            i,
                            u + 1,
                            pub == null ? null : YearMonth.of(year, month).toString());
                }
                return date(i, u, pub == null ? null : Integer.toString(year));
            }
            if (MONTH_UNIT.contains(unit)) {
                return date(
                        i,
                        u,
                        pub == null ? null : YearMonth.from(pub).plusMonths(dir).toString());
            }
            if (WEEK_UNIT.contains(unit) && !(dir == 0 && key(t, u + 1).equals(KO))) {
                if (pub == null) {
                    return date(i, u, null);
                }
                LocalDate d = pub.plusWeeks(dir);
                return date(
                        i,
                        u,
                        String.format(
                                "%d-W%02d",
                                d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            }
            if (DAY_UNIT.contains(unit) && dir != 0) {
                return date(i, u, pub == null ? null : pub.plusDays(dir).toString());
            }
            DayOfWeek dow = WEEKDAYS.get(unit);
            if (dow != null) {
                return date(i, u, pub == null ? null : weekday(pub, dow, dir == 0 ? 0 : dir));
            }
            return null;
        }
        if (k.equals(SANAH)) {
            long y = year(t, i + 1);
            if (y >= 0) {
                int last = (int) (y >>> 32);
                return date(i, last, Integer.toString((int) y));
            }
            return null;
        }
        // 2013 سنہ (year before the word)
        if (t.isNumber(i) && k.length() == 4 && key(t, i + 1).equals(SANAH)) {
            int y = parseInt(k);
            if (y >= 1000 && y <= 2100) {
                return date(i, i + 1, k);
            }
        }
        // 2013 ء (the year sign written apart)
        if (t.isNumber(i) && k.length() == 4 && key(t, i + 1).equals(Keys.of("ء"))) {
            int y = parseInt(k);
            if (y >= 1000 && y <= 2100) {
                return date(i, i + 1, k);
            }
        }
        // 2013ء
        if (t.word[i] && k.length() == 5 && k.charAt(4) == '\u0626' && isDigits(k, 0, 4)) {
            return date(i, i, k.substring(0, 4));
        }
        // day month [year] (Gregorian or Islamic)
        int day = dayNumber(t, i);
        if (day > 0) {
            int mIdx = i + 1;
            Integer month = MONTHS.get(key(t, mIdx));
            Integer hijri = HIJRI_MONTHS.get(key(t, mIdx));
            int mLast = mIdx;
            if (month == null && hijri == null) {
                // two-word Islamic month names (ربیع الاول)
                String two = key(t, mIdx) + key(t, mIdx + 1);
                hijri = HIJRI_MONTHS.get(two);
                mLast = mIdx + 1;
            }
            if (month != null) {
                return withYear(t, i, mLast, day, month, pub);
            }
            if (hijri != null) {
                return hijriDate(t, i, mLast, day, hijri, pub);
            }
        }
        Integer month = MONTHS.get(k);
        if (month != null) {
            long y = yearAfter(t, i + 1);
            if (y >= 0) {
                return date(i, (int) (y >>> 32), YearMonth.of((int) y, month).toString());
            }
            // ستمبر11 / ستمبر 11 (a day after the month)
            if (i + 1 < t.size && t.isNumber(i + 1)) {
                int d = parseInt(t.key(i + 1));
                if (d >= 1 && d <= 31) {
                    return date(i, i + 1, pub == null ? null : nearest(pub, month, d));
                }
            }
            if (!k.equals(MARCH) && AFTER_DATE.contains(key(t, i + 1))) {
                return date(i, i, pub == null ? null : nearestMonth(pub, month));
            }
            return null;
        }
        DayOfWeek dow = WEEKDAYS.get(k);
        if (dow != null) {
            String next = key(t, i + 1);
            boolean ok;
            if (k.equals(HAFTA) || k.equals(HAFTE)) {
                ok = next.equals(KO)
                        || (AFTER_WEEKDAY.contains(next)
                                && (key(t, i + 2).equals(ROZ) || key(t, i + 2).equals(DIN)));
            } else {
                ok = AFTER_WEEKDAY.contains(next);
            }
            if (ok) {
                return date(i, i, pub == null ? null : weekday(pub, dow, 0));
            }
        }
        return null;
    }

    private static Mention withYear(Tokens t, int first, int monthTok, int day, int month, LocalDate pub) {
        long y = yearAfter(t, monthTok + 1);
        if (y >= 0) {
            int year = (int) y;
            String iso =
                    valid(year, month, day) ? LocalDate.of(year, month, day).toString() : null;
            return date(first, (int) (y >>> 32), iso);
        }
        return date(first, monthTok, pub == null ? null : nearest(pub, month, day));
    }

    private static Mention hijriDate(Tokens t, int first, int monthTok, int day, int month, LocalDate pub) {
        int last = monthTok;
        int hYear = -1;
        if (monthTok + 1 < t.size && t.isNumber(monthTok + 1)) {
            int y = parseInt(t.key(monthTok + 1));
            if (y >= 1300 && y <= 1600) {
                hYear = y;
                last = monthTok + 1;
                String after = key(t, last + 1);
                if (after.equals(HIJRI_MARK) || after.equals(HIJRI_WORD)) {
                    last++;
                }
            }
        }
        String iso = null;
        if (hYear > 0) {
            iso = fromHijri(hYear, month, day);
        } else if (pub != null) {
            IslamicCalendar cal = new IslamicCalendar(com.ibm.icu.util.TimeZone.GMT_ZONE);
            cal.setCalculationType(IslamicCalendar.CalculationType.ISLAMIC_UMALQURA);
            cal.setTime(java.util.Date.from(
                    pub.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
            int pubHijriYear = cal.get(Calendar.EXTENDED_YEAR);
            String best = null;
            long bestDist = Long.MAX_VALUE;
            for (int y = pubHijriYear - 1; y <= pubHijriYear + 1; y++) {
                String c = fromHijri(y, month, day);
                long dist = Math.abs(LocalDate.parse(c).toEpochDay() - pub.toEpochDay());
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            iso = best;
        }
        return date(first, last, iso);
    }

    private static String fromHijri(int year, int month, int day) {
        IslamicCalendar cal = new IslamicCalendar(com.ibm.icu.util.TimeZone.GMT_ZONE);
        cal.setCalculationType(IslamicCalendar.CalculationType.ISLAMIC_UMALQURA);
        cal.clear();
        cal.set(Calendar.EXTENDED_YEAR, year);
        cal.set(Calendar.MONTH, month - 1);
        cal.set(Calendar.DAY_OF_MONTH, day);
        java.util.Date d = cal.getTime();
        return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** A year after a month: 2014, 2013ء, سنہ 2013, سنہ دوہزارتیرہ; returns (lastToken << 32) | year or -1. */
    private static long yearAfter(Tokens t, int i) {
        if (i >= t.size || !t.word[i]) {
            return -1;
        }
        String k = t.key(i);
        if (k.equals(SANAH)) {
            return year(t, i + 1);
        }
        return year(t, i);
    }

    /** A year at token i in digits (1000–2100, optional ء) or words; (lastToken << 32) | year, or -1. */
    private static long year(Tokens t, int i) {
        if (i >= t.size || !t.word[i]) {
            return -1;
        }
        String k = t.key(i);
        if (k.length() >= 4 && isDigits(k, 0, 4) && (k.length() == 4 || k.length() == 5 && k.charAt(4) == '\u0626')) {
            int y = parseInt(k.substring(0, 4));
            if (y >= 1000 && y <= 2100) {
                int last = i;
                if (k.length() == 4 && key(t, i + 1).equals(Keys.of("ء"))) {
                    last++;
                }
                return ((long) last << 32) | y;
            }
            return -1;
        }
        StringBuilder b = new StringBuilder();
        long best = -1;
        for (int j = i; j < Math.min(t.size, i + 4) && t.isLetterWord(j); j++) {
            b.append(t.key(j));
            int y = NumberWords.year(b.toString());
            if (y > 0) {
                best = ((long) j << 32) | y;
            }
        }
        return best;
    }

    private static int dayNumber(Tokens t, int i) {
        String k = t.key(i);
        if (t.isNumber(i)) {
            int d = k.length() <= 2 ? parseInt(k) : -1;
            return d >= 1 && d <= 31 ? d : -1;
        }
        int v = NumberWords.value(k);
        return v >= 1 && v <= 31 ? v : -1;
    }

    private static boolean isDigits(String s, int from, int to) {
        if (s.length() < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(String s) {
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || v > 100000) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean valid(int y, int m, int d) {
        return d <= YearMonth.of(y, m).lengthOfMonth();
    }

    /** The date with this month and day nearest to the publication date. */
    static String nearest(LocalDate pub, int month, int day) {
        String best = null;
        long bestDist = Long.MAX_VALUE;
        for (int y = pub.getYear() - 1; y <= pub.getYear() + 1; y++) {
            if (!valid(y, month, day)) {
                continue;
            }
            LocalDate c = LocalDate.of(y, month, day);
            long dist = Math.abs(c.toEpochDay() - pub.toEpochDay());
            if (dist < bestDist) {
                bestDist = dist;
                best = c.toString();
            }
        }
        return best;
    }

    /** The month (YYYY-MM) with this number nearest to the publication date. */
    static String nearestMonth(LocalDate pub, int month) {
        YearMonth p = YearMonth.from(pub);
        YearMonth best = null;
        long bestDist = Long.MAX_VALUE;
        for (int y = pub.getYear() - 1; y <= pub.getYear() + 1; y++) {
            YearMonth c = YearMonth.of(y, month);
            long dist = Math.abs(c.getYear() * 12L + c.getMonthValue() - (p.getYear() * 12L + p.getMonthValue()));
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best.toString();
    }

    /** dir 0: the day on or before pub; -1: strictly before; +1: strictly after. */
    static String weekday(LocalDate pub, DayOfWeek dow, int dir) {
        if (dir > 0) {
            LocalDate d = pub.plusDays(1);
            while (d.getDayOfWeek() != dow) {
                d = d.plusDays(1);
            }
            return d.toString();
        }
        LocalDate d = dir < 0 ? pub.minusDays(1) : pub;
        while (d.getDayOfWeek() != dow) {
            d = d.minusDays(1);
        }
        return d.toString();
    }
}
