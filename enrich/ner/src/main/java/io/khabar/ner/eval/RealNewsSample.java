package io.khabar.ner.eval;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.NameMemory;
import io.khabar.text.NormalizedText;
import io.khabar.text.UrduNormalizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A seeded, reproducible random sample of the PERSON, ORGANIZATION and LOCATION mentions the tagger finds in a
 * folder of articles in seed format (headline, blank line, body), for classifying errors by hand (docs/ner.md,
 * "Real-news precision"). The articles are tagged as {@code khabar enrich} tags them: in file-name order,
 * title and body, with one name memory that learns from each article after tagging it. The pool of each type
 * is shuffled with {@code new Random(seed)} and the first {@code perType} mentions are printed with their
 * context; the same seed, code and folder give the same sample.
 *
 * <p>{@code RealNewsSample DIR SEED PER_TYPE [--no-memory] [--no-canonical]}, e.g.
 * {@code ../shared/real-news/articles 5001 30}; {@code --no-canonical} samples only mentions without a canonical
 * name (the rule, coreference and memory mentions where the errors are).
 */
public final class RealNewsSample {
    private static final EntityType[] TYPES = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION};
    private static final int CONTEXT = 40;

    /** One sampled mention: the article it is in, the field text and the entity. */
    public record Mention(String article, String fieldText, Entity entity) {
        /** The mention in brackets with up to 40 chars of context either side, on one line. */
        public String inContext() {
            int s = entity.start();
            int e = entity.end();
            String left = fieldText.substring(Math.max(0, s - CONTEXT), s);
            String right = fieldText.substring(e, Math.min(fieldText.length(), e + CONTEXT));
            return (left + "[" + fieldText.substring(s, e) + "]" + right)
                    .replace('\n', ' ')
                    .replace('\r', ' ');
        }
    }

    private RealNewsSample() {}

    /** Tags every {@code *.txt} article under {@code dir} in name order; all PERSON/ORGANIZATION/LOCATION mentions. */
    public static Map<EntityType, List<Mention>> mentions(EntityTagger tagger, Path dir, boolean memory)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        UrduNormalizer normalizer = new UrduNormalizer();
        NameMemory names = memory ? new NameMemory() : null;
        EntityTagger t = memory ? tagger.withMemory(names) : tagger;
        Map<EntityType, List<Mention>> out = new EnumMap<>(EntityType.class);
        for (EntityType type : TYPES) {
            out.put(type, new ArrayList<>());
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            int cut = text.indexOf("\n\n");
            String title = cut < 0 ? text : text.substring(0, cut);
            String body = cut < 0 ? "" : text.substring(cut + 2);
            NormalizedText nt = normalizer.normalize(title);
            NormalizedText nb = normalizer.normalize(body);
            List<NameMemory.Observation> seen = memory ? new ArrayList<>() : null;
            List<Entity> entities = t.tagArticle(nt, nb, null, seen);
            if (memory) {
                names.observe(seen, null);
            }
            String id = f.getFileName().toString().replace(".txt", "");
            for (Entity e : entities) {
                List<Mention> pool = out.get(e.type());
                if (pool != null) {
                    pool.add(new Mention(id, Entity.TITLE.equals(e.field()) ? nt.text() : nb.text(), e));
                }
            }
        }
        return out;
    }

    /** The first {@code n} mentions of {@code pool} after a shuffle with {@code new Random(seed)}. */
    public static List<Mention> sample(List<Mention> pool, long seed, int n) {
        List<Mention> copy = new ArrayList<>(pool);
        Collections.shuffle(copy, new Random(seed));
        return copy.subList(0, Math.min(n, copy.size()));
    }

    /** Entry point: prints the pool sizes by method and the sample of each type. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int perType = Integer.parseInt(args[2]);
        List<String> opts = List.of(args).subList(3, args.length);
        boolean memory = !opts.contains("--no-memory");
        boolean noCanonical = opts.contains("--no-canonical");
        Map<EntityType, List<Mention>> all = mentions(EntityTagger.withDefaultGazetteers(), dir, memory);
        PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (EntityType type : TYPES) {
            List<Mention> pool = all.get(type).stream()
                    .filter(m -> !noCanonical || m.entity().canonicalName() == null)
                    .toList();
            Map<String, Integer> byMethod = new TreeMap<>();
            for (Mention m : pool) {
                byMethod.merge(m.entity().method().name(), 1, Integer::sum);
            }
            o.printf("%s: %d mentions %s (seed %d)%n", type, pool.size(), byMethod, seed);
            int i = 1;
            for (Mention m : sample(pool, seed, perType)) {
                Entity e = m.entity();
                o.printf(
                        "%s %2d %s %-11s %-24s %s%n",
                        type.name().charAt(0),
                        i++,
                        m.article(),
                        e.method(),
                        e.canonicalName() == null ? "-" : e.canonicalName(),
                        m.inContext());
            }
        }
    }
}
