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
@Command(name = "eval-ner", mixinStandardHelpOptions = true,
        description = {
            "Evaluates the entity tagger on Urdu NER corpora: sentence-per-line text with inline tags "
                + "(<PERSON>...</PERSON>) or token TAB tag files with IO or BIO tags (format detected per file).",
            "Prints exact-span precision, recall and F1 per type, PERSON+LOCATION+ORGANIZATION and all scored "
                + "types, and the most frequent errors. Corpus tags are mapped to khabar's types as in docs/ner.md."})
public final class EvalNerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Corpus files, e.g. ../shared/urdu-ner/uner-dev.txt")
    List<Path> files = new ArrayList<>();

    @Option(names = "--gazetteer", paramLabel = "FILE",
            description = "Extra gazetteer file (TYPE<TAB>canonical<TAB>Wikidata id or -<TAB>form|form...); repeatable.")
    List<Path> gazetteers = new ArrayList<>();

    @Option(names = "--replace-defaults", description = "Use only the --gazetteer files, not the built-in lists.")
    boolean replaceDefaults;

    @Option(names = "--errors", defaultValue = "20", description = "How many of the most frequent errors to print (default ${DEFAULT-VALUE}).")
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
        NerEvaluation evaluation = new NerEvaluation(tagger);
        for (Path f : files) {
            evaluation.evaluate(Corpora.read(f)).print(System.out, errors);
            System.out.println();
        }
        return 0;
    }
}
