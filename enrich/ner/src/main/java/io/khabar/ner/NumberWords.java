package io.khabar.ner;

import java.util.HashMap;
import java.util.Map;

/** Urdu number words 1–99, hundreds and thousands, enough to read day numbers and years written out. */
final class NumberWords {
    private static final String[] UNITS = {
        "",
        "ایک",
        "دو",
        "تین",
        "چار",
        "پانچ",
        "چھ",
        "سات",
        "آٹھ",
        "نو",
        "دس",
        "گیارہ",
        "بارہ",
        "تیرہ",
        "چودہ",
        "پندرہ",
        "سولہ",
        "سترہ",
        "اٹھارہ",
        "انیس",
        "بیس",
        "اکیس",
        "بائیس",
        "تئیس",
        "چوبیس",
        "پچیس",
        "چھبیس",
        "ستائیس",
        "اٹھائیس",
        "انتیس",
        "تیس",
        "اکتیس",
        "بتیس",
        "تینتیس",
        "چونتیس",
        "پینتیس",
        "چھتیس",
        "سینتیس",
        "اڑتیس",
        "انتالیس",
        "چالیس",
        "اکتالیس",
        "بیالیس",
        "تینتالیس",
        "چوالیس",
        "پینتالیس",
        "چھیالیس",
        "سینتالیس",
        "اڑتالیس",
        "انچاس",
        "پچاس",
        "اکیاون",
        "باون",
        "ترپن",
        "چون",
        "پچپن",
        "چھپن",
        "ستاون",
        "اٹھاون",
        "انسٹھ",
        "ساٹھ",
        "اکسٹھ",
        "باسٹھ",
        "ترسٹھ",
        "چونسٹھ",
        "پینسٹھ",
        "چھیاسٹھ",
        "سڑسٹھ",
        "اڑسٹھ",
        "انہتر",
        "ستر",
        "اکہتر",
        "بہتر",
        "تہتر",
        "چوہتر",
        "پچھتر",
        "چھہتر",
        "ستتر",
        "اٹھہتر",
        "اناسی",
        "اسی",
        "اکیاسی",
        "بیاسی",
        "تراسی",
        "چوراسی",
        "پچاسی",
        "چھیاسی",
        "ستاسی",
        "اٹھاسی",
        "نواسی",
        "نوے",
        "اکانوے",
        "بانوے",
        "ترانوے",
        "چورانوے",
        "پچانوے",
        "چھیانوے",
        "ستانوے",
        "اٹھانوے",
        "ننانوے"
    };
    private static final Map<String, Integer> VALUE = new HashMap<>();

    static {
        for (int i = 1; i < UNITS.length; i++) {
            VALUE.put(Keys.of(UNITS[i]), i);
        }
        // common variant spellings
        put("ستائس", 27);
        put("ستایس", 27);
        put("باءیس", 22);
        put("بائس", 22);
        put("آٹھارہ", 18);
        put("اٹھارا", 18);
        put("چوده", 14);
        put("پندره", 15);
        put("اٹھ", 8);
        put("آٹھ", 8);
        put("چھے", 6);
        put("تئس", 23);
        put("اکیتس", 31);
        put("انتس", 29);
        put("یکم", 1);
        put("باییس", 22);
        put("اکاسی", 81);
        put("اکیاسی", 81);
        put("آٹھ", 8);
        put("سوا", -1);
    }

    private NumberWords() {}

    private static void put(String w, int v) {
        VALUE.put(Keys.of(w), v);
    }

    /** The keys that read as {@code v}. */
    static java.util.List<String> keysOf(int v) {
        return VALUE.entrySet().stream()
                .filter(e -> e.getValue() == v)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The keys of the number words of a positive value (the words {@link #value} reads as more than 0). */
    static java.util.Set<String> positiveKeys() {
        java.util.Set<String> s = new java.util.HashSet<>();
        VALUE.forEach((k, v) -> {
            if (v > 0) {
                s.add(k);
            }
        });
        return s;
    }

    /** Value of a number word key 1–99, or -1. */
    static int value(String key) {
        Integer v = VALUE.get(key);
        return v == null ? -1 : v;
    }

    /**
     * Reads a year written in words from a concatenated key such as {@code دوہزارچھ} (2006) or
     * {@code انیسسواکتالیس} (1941); -1 if it is not one.
     */
    static int year(String key) {
        String thousand = Keys.of("دوہزار");
        if (key.startsWith(thousand)) {
            String rest = key.substring(thousand.length());
            if (rest.isEmpty()) {
                return 2000;
            }
            int v = value(rest);
            return v > 0 ? 2000 + v : -1;
        }
        // انیس سینتالیس (1947): two number words, hundreds first
        for (int split = 2; split < key.length() - 1; split++) {
            int hundreds = value(key.substring(0, split));
            int v = value(key.substring(split));
            if (hundreds >= 10 && hundreds <= 20 && v >= 10) {
                return hundreds * 100 + v;
            }
        }
        String sau = Keys.of("سو");
        for (int split = 2; split < key.length() - sau.length(); split++) {
            if (key.startsWith(sau, split)) {
                int hundreds = value(key.substring(0, split));
                String rest = key.substring(split + sau.length());
                int v = rest.isEmpty() ? 0 : value(rest);
                if (hundreds >= 10 && hundreds <= 20 && v >= 0) {
                    return hundreds * 100 + v;
                }
            }
        }
        return -1;
    }
}
