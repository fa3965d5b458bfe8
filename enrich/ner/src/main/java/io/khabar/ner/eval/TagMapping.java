package io.khabar.ner.eval;

import io.khabar.model.EntityType;
import java.util.Map;

/**
 * The corpora's tag names mapped to khabar's types. Tags mapped to nothing (NUMBER, NEN, NEAR, O) are not
 * scored: khabar does not tag numbers or artefacts.
 *
 * <table>
 * <caption>Tag mapping</caption>
 * <tr><th>corpus tag</th><th>khabar type</th></tr>
 * <tr><td>PERSON, NEP</td><td>PERSON</td></tr>
 * <tr><td>LOCATION, NEL</td><td>LOCATION</td></tr>
 * <tr><td>ORGANIZATION, NEO</td><td>ORGANIZATION</td></tr>
 * <tr><td>DATE, TIME, NETI</td><td>DATE</td></tr>
 * <tr><td>DESIGNATION</td><td>DESIGNATION</td></tr>
 * <tr><td>NUMBER, NEN, NEAR, O</td><td>(not scored)</td></tr>
 * </table>
 */
public final class TagMapping {
    private static final Map<String, EntityType> MAP = Map.ofEntries(
            Map.entry("PERSON", EntityType.PERSON),
            Map.entry("NEP", EntityType.PERSON),
            Map.entry("LOCATION", EntityType.LOCATION),
            Map.entry("NEL", EntityType.LOCATION),
            Map.entry("ORGANIZATION", EntityType.ORGANIZATION),
            Map.entry("NEO", EntityType.ORGANIZATION),
            Map.entry("DATE", EntityType.DATE),
            Map.entry("TIME", EntityType.DATE),
            Map.entry("NETI", EntityType.DATE),
            Map.entry("DESIGNATION", EntityType.DESIGNATION));

    private TagMapping() {}

    /** khabar's type for a corpus tag (without B-/I-), or null when the tag is not scored. */
    public static EntityType map(String tag) {
        return tag == null ? null : MAP.get(tag.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
