package io.khabar.ner.eval;

import io.khabar.ner.EntityTagger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the evaluation from the command line: {@code EvalMain [--gazetteer FILE]... [--errors N] [--no-memory] FILE...}. */
public final class EvalMain {
    private EvalMain() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        List<Path> gazetteers = new ArrayList<>();
        int errors = 20;
        boolean memory = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gazetteer" -> gazetteers.add(Path.of(args[++i]));
                case "--errors" -> errors = Integer.parseInt(args[++i]);
                case "--no-memory" -> memory = false;
                default -> files.add(Path.of(args[i]));
            }
        }
        EntityTagger tagger = gazetteers.isEmpty()
                ? EntityTagger.withDefaultGazetteers()
                : EntityTagger.withGazetteers(gazetteers, false);
        NerEvaluation eval = new NerEvaluation(tagger, memory);
        for (Path f : files) {
            eval.evaluate(Corpora.read(f)).print(System.out, errors);
            System.out.println();
        }
    }
}
