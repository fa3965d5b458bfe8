package io.khabar.ner;

import io.khabar.model.EntityType;
import java.time.LocalDate;

/**
 * A name the stream has learned, as kept in {@link NameMemory} and shared on the memory topic.
 *
 * @param key       match key of the surface (spaces and spelling variants folded): the topic's record key
 * @param type      PERSON, ORGANIZATION or LOCATION
 * @param surface   the surface form first learned, normalised
 * @param articles  how many articles gave evidence for it
 * @param evidence  bits of {@link NameMemory.Evidence} seen so far
 * @param firstSeen day of the first evidence
 * @param lastSeen  day of the latest evidence (ageing counts from it)
 */
public record LearnedName(
        String key,
        EntityType type,
        String surface,
        int articles,
        int evidence,
        LocalDate firstSeen,
        LocalDate lastSeen) {

    /** Whether any of these evidence kinds was seen. */
    public boolean has(NameMemory.Evidence e) {
        return (evidence & e.bit) != 0;
    }

    /** The record value on the memory topic: TAB-separated, one line. */
    public String toLine() {
        return type + "\t" + surface + "\t" + articles + "\t" + evidence + "\t" + firstSeen + "\t" + lastSeen;
    }

    /** Parses {@link #toLine()}; throws IllegalArgumentException naming the problem. */
    public static LearnedName parse(String key, String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("memory record for '" + key + "': expected 6 fields, got " + f.length);
        }
        EntityType type = EntityType.valueOf(f[0]);
        if (type != EntityType.PERSON && type != EntityType.ORGANIZATION && type != EntityType.LOCATION) {
            throw new IllegalArgumentException("memory record for '" + key + "': type " + type + " is not learned");
        }
        String surface = f[1].strip();
        if (surface.isEmpty() || !Keys.of(surface).equals(key)) {
            throw new IllegalArgumentException("memory record for '" + key + "': surface does not match the key");
        }
        return new LearnedName(
                key,
                type,
                surface,
                Math.max(1, Integer.parseInt(f[2])),
                Integer.parseInt(f[3]),
                LocalDate.parse(f[4]),
                LocalDate.parse(f[5]));
    }
}
