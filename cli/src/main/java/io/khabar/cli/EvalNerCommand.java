package io.khabar.cli;

import io.khabar.ner.EntityTagger;
import io.khabar.ner.eval.Corpora;
import io.khabar.ner.eval.NerEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code khabar eval-ner}: exact-span precision, recall and F1 of the entity tagger on Urdu NER corpora. */
@Command(
        name = "eval-ner",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates the entity tagger on Urdu NER corpora: sentence-per-line text with inline tags "
                    + "(<PERSON>...</PERSON>) or token TAB tag files with IO or BIO tags (format detected per file).",
            "Prints exact-span precision, recall and F1 per type, PERSON+LOCATION+ORGANIZATION and all scored "
                    + "types, and the most frequent errors. Corpus tags are mapped to khabar's types as in docs/ner.md."
        })
public final class EvalNerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Corpus files, e.g. ../shared/urdu-ner/uner-dev.txt")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--gazetteer",
            paramLabel = "FILE",
            description =
                    "Extra gazetteer file (TYPE<TAB>canonical<TAB>Wikidata id or -<TAB>form|form...); repeatable.")
    List<Path> gazetteers = new ArrayList<>();

    @Option(names = "--replace-defaults", description = "Use only the --gazetteer files, not the built-in lists.")
    boolean replaceDefaults;

    @Option(
            names = "--no-memory",
            description = "Tag each sentence on its own, without the name memory. By default "
                    + "a corpus runs as a stream, sentence by sentence in file order, and names learned from earlier "
                    + "sentences are recognised in later ones, as in the pipeline; the figures without memory follow.")
    boolean noMemory;

    @Option(
            names = "--errors",
            defaultValue = "20",
            description = "How many of the most frequent errors to print (default ${DEFAULT-VALUE}).")
    int errors;

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                System.err.println("khabar eval-ner: cannot read " + f);
                return 2;
            }
        }
        for (Path g : gazetteers) {
            if (!Files.isReadable(g)) {
                System.err.println("khabar eval-ner: cannot read gazetteer " + g);
                return 2;
            }
        }
        EntityTagger tagger = gazetteers.isEmpty() && !replaceDefaults
                ? EntityTagger.withDefaultGazetteers()
                : EntityTagger.withGazetteers(gazetteers, replaceDefaults);
        NerEvaluation evaluation = new NerEvaluation(tagger, !noMemory);
        NerEvaluation withoutMemory = new NerEvaluation(tagger, false);
        for (Path f : files) {
            Corpora.Corpus corpus = Corpora.read(f);
            evaluation.evaluate(corpus).print(System.out, errors);
            if (!noMemory) {
                NerEvaluation.Counts off = withoutMemory.evaluate(corpus).overall(NerEvaluation.CORE);
                System.out.printf(
                        java.util.Locale.ROOT,
                        "  without name memory: PER+LOC+ORG P %.3f R %.3f F1 %.3f%n",
                        off.precision(),
                        off.recall(),
                        off.f1());
            }
            System.out.println();
        }
        return 0;
    }
}
