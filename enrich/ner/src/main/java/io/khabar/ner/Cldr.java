package io.khabar.ner;

import com.ibm.icu.text.DisplayContext;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.Region;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.khabar.model.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Location names that ICU4J's copy of CLDR already has in Urdu: every country and region, the continents
 * and sub-continents, and the exemplar cities of the time zones. English canonical names come from the same
 * data in English.
 */
final class Cldr {
    static final ULocale UR = new ULocale("ur");

    /** Wikidata ids of countries, keyed by ISO 3166 code (the ones news mention most). */
    private static final Map<String, String> COUNTRY_QIDS = Map.ofEntries(
            Map.entry("PK", "Q843"),
            Map.entry("AF", "Q889"),
            Map.entry("IN", "Q668"),
            Map.entry("CN", "Q148"),
            Map.entry("RU", "Q159"),
            Map.entry("US", "Q30"),
            Map.entry("GB", "Q145"),
            Map.entry("FR", "Q142"),
            Map.entry("DE", "Q183"),
            Map.entry("IR", "Q794"),
            Map.entry("IQ", "Q796"),
            Map.entry("SY", "Q858"),
            Map.entry("SA", "Q851"),
            Map.entry("TR", "Q43"),
            Map.entry("JP", "Q17"),
            Map.entry("IT", "Q38"),
            Map.entry("ES", "Q29"),
            Map.entry("CA", "Q16"),
            Map.entry("AU", "Q408"),
            Map.entry("BR", "Q155"),
            Map.entry("EG", "Q79"),
            Map.entry("IL", "Q801"),
            Map.entry("QA", "Q846"),
            Map.entry("KW", "Q817"),
            Map.entry("AE", "Q878"),
            Map.entry("BD", "Q902"),
            Map.entry("LK", "Q854"),
            Map.entry("NP", "Q837"),
            Map.entry("NG", "Q1033"),
            Map.entry("TN", "Q948"),
            Map.entry("YE", "Q805"),
            Map.entry("LY", "Q1016"),
            Map.entry("JO", "Q810"),
            Map.entry("LB", "Q822"),
            Map.entry("MY", "Q833"),
            Map.entry("ID", "Q252"),
            Map.entry("UA", "Q212"),
            Map.entry("KR", "Q884"),
            Map.entry("KP", "Q423"),
            Map.entry("MX", "Q96"),
            Map.entry("ZA", "Q258"),
            Map.entry("NL", "Q55"),
            Map.entry("BE", "Q31"),
            Map.entry("CH", "Q39"),
            Map.entry("SE", "Q34"),
            Map.entry("NO", "Q20"),
            Map.entry("PL", "Q36"),
            Map.entry("GR", "Q41"),
            Map.entry("PT", "Q45"),
            Map.entry("AR", "Q414"),
            Map.entry("VA", "Q237"),
            Map.entry("PS", "Q219060"));

    private Cldr() {}

    static List<GazetteerEntry> entries() {
        List<GazetteerEntry> out = new ArrayList<>();
        LocaleDisplayNames ur = LocaleDisplayNames.getInstance(UR);
        LocaleDisplayNames urShort = LocaleDisplayNames.getInstance(UR, DisplayContext.LENGTH_SHORT);
        LocaleDisplayNames en = LocaleDisplayNames.getInstance(ULocale.ENGLISH, DisplayContext.LENGTH_SHORT);
        Set<String> codes = new LinkedHashSet<>(List.of(ULocale.getISOCountries()));
        for (Region.RegionType rt : List.of(Region.RegionType.CONTINENT, Region.RegionType.SUBCONTINENT)) {
            for (Region r : Region.getAvailable(rt)) {
                codes.add(r.toString());
            }
        }
        for (String code : codes) {
            Set<String> forms = new LinkedHashSet<>();
            addName(forms, ur.regionDisplayName(code), code);
            addName(forms, urShort.regionDisplayName(code), code);
            if (forms.isEmpty()) {
                continue;
            }
            String english = en.regionDisplayName(code);
            out.add(new GazetteerEntry(
                    EntityType.LOCATION, english, COUNTRY_QIDS.get(code), List.copyOf(forms), "cldr"));
        }
        TimeZoneNames urTz = TimeZoneNames.getInstance(UR);
        TimeZoneNames enTz = TimeZoneNames.getInstance(ULocale.ENGLISH);
        for (String id : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, null, null)) {
            String city = urTz.getExemplarLocationName(id);
            String english = enTz.getExemplarLocationName(id);
            if (city == null || english == null || city.isBlank() || !isArabicScript(city)) {
                continue;
            }
            out.add(new GazetteerEntry(EntityType.LOCATION, english, null, List.of(city.strip()), "cldr"));
        }
        return out;
    }

    private static void addName(Set<String> forms, String name, String code) {
        if (name == null || name.equals(code) || !isArabicScript(name)) {
            return;
        }
        // "کانگو - کنشاسا", "ہانگ کانگ SAR چین": keep the plain part
        String n = name.strip();
        int dash = n.indexOf(" - ");
        if (dash > 0) {
            n = n.substring(0, dash);
        }
        int paren = n.indexOf('(');
        if (paren > 0) {
            n = n.substring(0, paren).strip();
        }
        if (!n.isEmpty() && isArabicScript(n)) {
            forms.add(n);
        }
    }

    private static boolean isArabicScript(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'z') {
                return false;
            }
        }
        return true;
    }
}
