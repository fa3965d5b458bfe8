package io.khabar.ner.eval;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.NameMemory;
import io.khabar.text.NormalizedText;
import io.khabar.text.UrduNormalizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Exact-span evaluation of the tagger on a corpus: each sentence is normalised and tagged as the body of its own
 * article (no publication date); predictions are compared with the gold spans on characters of the raw sentence
 * (token files: after snapping predictions to the given tokens). Only types the corpus annotates are scored.
 */
public final class NerEvaluation {
    /** The types of the headline score. */
    public static final Set<EntityType> CORE =
            EnumSet.of(EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANIZATION);

    private final EntityTagger tagger;
    private final boolean memory;
    private final UrduNormalizer normalizer = new UrduNormalizer();

    /** An evaluation with this tagger, without name memory. */
    public NerEvaluation(EntityTagger tagger) {
        this(tagger, false);
    }

    /**
     * An evaluation with this tagger; with {@code memory}, each corpus runs as a stream: sentence by sentence in file
     * order, each one an article, with a fresh {@link NameMemory} that learns from each sentence after tagging it
     * and is read by the next ones, as in the pipeline.
     */
    public NerEvaluation(EntityTagger tagger, boolean memory) {
        this.tagger = tagger;
        this.memory = memory;
    }

    /** Counts of one type. */
    public static final class Counts {
        int tp;
        int fp;
        int fn;

        /** True positives. */
        public int tp() {
            return tp;
        }

        /** Precision, 0 when nothing was predicted. */
        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        /** Recall, 0 when there is no gold span. */
        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        /** Harmonic mean of precision and recall. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Gold spans. */
        public int gold() {
            return tp + fn;
        }

        /** Predicted spans. */
        public int predicted() {
            return tp + fp;
        }

        void add(Counts o) {
            tp += o.tp;
            fp += o.fp;
            fn += o.fn;
        }
    }

    /** The result on one corpus. */
    public static final class Report {
        private final Corpora.Corpus corpus;
        private final Map<EntityType, Counts> byType = new EnumMap<>(EntityType.class);
        private final Map<String, Integer> errors = new HashMap<>();
        private final Map<String, Counts> byMethod = new java.util.TreeMap<>();
        private final Counts ownSpans = new Counts();
        private Guidelines guidelines = Guidelines.KHABAR;
        private NameMemory memory;

        Report(Corpora.Corpus corpus) {
            this.corpus = corpus;
            for (EntityType t : corpus.types()) {
                byType.put(t, new Counts());
            }
        }

        /** The memory the run ended with, or null when it ran without one. */
        public NameMemory memory() {
            return memory;
        }

        /** The annotation guidelines the tagger's spans were translated into before scoring. */
        public Guidelines guidelines() {
            return guidelines;
        }

        /** PER+LOC+ORG counts of the tagger's own spans, before translation into the corpus's guidelines. */
        public Counts ownSpans() {
            return ownSpans;
        }

        /** Per-type counts, for the types the corpus annotates. */
        public Map<EntityType, Counts> byType() {
            return byType;
        }

        /** Micro-averaged counts over the given types (those the corpus annotates). */
        public Counts overall(Set<EntityType> types) {
            Counts c = new Counts();
            byType.forEach((t, v) -> {
                if (types.contains(t)) {
                    c.add(v);
                }
            });
            return c;
        }

        /** Precision counts of the predictions per type and method ({@code PERSON/RULE}); fn is not kept. */
        public Map<String, Counts> byMethod() {
            return byMethod;
        }

        /** Error descriptions with their counts, most frequent first. */
        public List<Map.Entry<String, Integer>> topErrors(int n) {
            List<Map.Entry<String, Integer>> list = new ArrayList<>(errors.entrySet());
            list.sort(
                    Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            return list.subList(0, Math.min(n, list.size()));
        }

        void error(String kind, String detail) {
            errors.merge(kind + "  " + detail, 1, Integer::sum);
        }

        /** Prints the per-type table, the overall lines and the most frequent errors. */
        public void print(PrintStream out, int errorsToShow) {
            out.printf(
                    Locale.ROOT,
                    "%s (%s, %d sentences, name memory %s)%n",
                    corpus.name(),
                    corpus.format(),
                    corpus.sentences().size(),
                    memory == null
                            ? "off"
                            : "on: "
                                    + memory.all().stream()
                                            .filter(memory::active)
                                            .count() + " active of "
                                    + memory.all().size() + " learned");
            out.printf(Locale.ROOT, "  %-14s %6s %6s %6s %6s %6s%n", "type", "gold", "pred", "P", "R", "F1");
            for (Map.Entry<EntityType, Counts> e : byType.entrySet()) {
                line(out, e.getKey().name(), e.getValue());
            }
            line(out, "PER+LOC+ORG", overall(CORE));
            line(out, "all scored", overall(EnumSet.allOf(EntityType.class)));
            if (guidelines != Guidelines.KHABAR) {
                out.printf(
                        Locale.ROOT,
                        "  spans translated into the %s guidelines (docs/ner.md); the tagger's own spans: "
                                + "PER+LOC+ORG P %.3f R %.3f F1 %.3f%n",
                        guidelines.name(),
                        ownSpans.precision(),
                        ownSpans.recall(),
                        ownSpans.f1());
            }
            out.printf(Locale.ROOT, "  precision by method:");
            byMethod.forEach((k, c) -> out.printf(Locale.ROOT, "  %s %d/%d", k, c.tp, c.tp + c.fp));
            out.println();
            if (errorsToShow > 0) {
                out.printf(Locale.ROOT, "  %d most frequent errors:%n", errorsToShow);
                for (Map.Entry<String, Integer> e : topErrors(errorsToShow)) {
                    out.printf(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey());
                }
            }
        }

        private static void line(PrintStream out, String name, Counts c) {
            out.printf(
                    Locale.ROOT,
                    "  %-14s %6d %6d %6.3f %6.3f %6.3f%n",
                    name,
                    c.gold(),
                    c.predicted(),
                    c.precision(),
                    c.recall(),
                    c.f1());
        }
    }

    /** Evaluates on one corpus. */
    public Report evaluate(Corpora.Corpus corpus) {
        Report r = new Report(corpus);
        r.guidelines = Guidelines.forCorpus(corpus);
        NameMemory names = memory ? new NameMemory() : null;
        EntityTagger t = memory ? tagger.withMemory(names) : tagger;
        for (Sentence s : corpus.sentences()) {
            List<NameMemory.Observation> learned = memory ? new ArrayList<>() : null;
            List<Span> predicted = predict(t, s, corpus.types(), learned);
            if (memory) {
                names.observe(learned, null);
            }
            compare(s.gold(), r.guidelines.apply(s.text(), predicted), r);
            r.ownSpans.add(coreCounts(s.gold(), predicted));
        }
        r.memory = names;
        return r;
    }

    /** The tagger's spans on one sentence, in the sentence's raw character offsets. */
    public List<Span> predict(Sentence s, Set<EntityType> types) {
        return predict(tagger, s, types, null);
    }

    private List<Span> predict(
            EntityTagger tagger, Sentence s, Set<EntityType> types, List<NameMemory.Observation> learned) {
        NormalizedText nt = normalizer.normalize(s.text());
        List<Entity> entities = tagger.tagArticle(null, nt, null, learned);
        List<Span> out = new ArrayList<>();
        for (Entity e : entities) {
            if (!types.contains(e.type())) {
                continue;
            }
            int start = e.originalStart();
            int end = e.originalEnd();
            if (s.tokenStarts() != null) {
                int first = -1;
                int last = -1;
                for (int i = 0; i < s.tokenStarts().length; i++) {
                    if (s.tokenEnds()[i] > start && s.tokenStarts()[i] < end) {
                        if (first < 0) {
                            first = i;
                        }
                        last = i;
                    }
                }
                if (first < 0) {
                    continue;
                }
                start = s.tokenStarts()[first];
                end = s.tokenEnds()[last];
            }
            out.add(new Span(
                    start,
                    end,
                    e.type(),
                    s.text().substring(start, end),
                    e.method().name()));
        }
        return out;
    }

    private static Counts coreCounts(List<Span> gold, List<Span> predicted) {
        Counts c = new Counts();
        List<Span> g = gold.stream().filter(x -> CORE.contains(x.type())).toList();
        List<Span> p = predicted.stream().filter(x -> CORE.contains(x.type())).toList();
        boolean[] used = new boolean[g.size()];
        for (Span ps : p) {
            boolean hit = false;
            for (int i = 0; i < g.size() && !hit; i++) {
                Span gs = g.get(i);
                if (!used[i] && gs.start() == ps.start() && gs.end() == ps.end() && gs.type() == ps.type()) {
                    used[i] = true;
                    hit = true;
                }
            }
            if (hit) {
                c.tp++;
            } else {
                c.fp++;
            }
        }
        c.fn = g.size() - c.tp;
        return c;
    }

    private static void compare(List<Span> gold, List<Span> predicted, Report r) {
        boolean[] goldHit = new boolean[gold.size()];
        boolean[] predHit = new boolean[predicted.size()];
        for (int p = 0; p < predicted.size(); p++) {
            Span ps = predicted.get(p);
            for (int g = 0; g < gold.size(); g++) {
                Span gs = gold.get(g);
                if (!goldHit[g] && gs.start() == ps.start() && gs.end() == ps.end() && gs.type() == ps.type()) {
                    goldHit[g] = true;
                    predHit[p] = true;
                    r.byType.get(gs.type()).tp++;
                    r.byMethod.computeIfAbsent(ps.type() + "/" + ps.method(), k -> new Counts()).tp++;
                    break;
                }
            }
        }
        for (int g = 0; g < gold.size(); g++) {
            if (goldHit[g]) {
                continue;
            }
            Span gs = gold.get(g);
            r.byType.get(gs.type()).fn++;
            Span overlap = null;
            for (Span ps : predicted) {
                if (ps.start() < gs.end() && gs.start() < ps.end()) {
                    overlap = ps;
                    break;
                }
            }
            if (overlap == null) {
                r.error("missed", gs.type() + " " + gs.text());
            } else if (overlap.start() == gs.start() && overlap.end() == gs.end()) {
                r.error("wrong type", gs.type() + "->" + overlap.type() + " " + gs.text());
            } else {
                r.error(
                        "wrong boundary",
                        gs.type() + " " + gs.text() + " | predicted " + overlap.type() + " " + overlap.text());
            }
        }
        for (int p = 0; p < predicted.size(); p++) {
            if (predHit[p]) {
                continue;
            }
            Span ps = predicted.get(p);
            r.byType.get(ps.type()).fp++;
            r.byMethod.computeIfAbsent(ps.type() + "/" + ps.method(), k -> new Counts()).fp++;
            boolean overlaps = gold.stream().anyMatch(gs -> ps.start() < gs.end() && gs.start() < ps.end());
            if (!overlaps) {
                r.error("spurious", ps.type() + " " + ps.text());
            }
        }
    }
}
