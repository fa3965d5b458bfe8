package io.khabar.cli;

import io.khabar.enrich.EntityMemory;
import io.khabar.model.OutsideText;
import io.khabar.ner.LearnedName;
import io.khabar.ner.NameMemory;
import io.khabar.ner.identity.EntityKeys;
import io.khabar.ner.identity.Romanizer;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code khabar entities}: what the enrich instances' name memory has learned, listed or exported as a gazetteer. */
@Command(
        name = "entities",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the names the enrich instances learned (the compacted topic " + EntityMemory.TOPIC
                    + ", written by 'khabar enrich --entity-memory'): type, surface, romanised form, articles, evidence, "
                    + "last seen, and whether the tagger recognises it now (active).",
            "--export FILE writes them as a gazetteer file (TYPE<TAB>canonical<TAB>Wikidata id<TAB>forms) to review, "
                    + "edit and load with --gazetteer."
        })
public final class EntitiesCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--all", description = "Include names not active (seen in too few articles, or aged out).")
    boolean all;

    @Option(names = "--export", paramLabel = "FILE", description = "Write a gazetteer file instead of the list.")
    Path export;

    @Option(
            names = "--limit",
            defaultValue = "100",
            description = "List at most this many names (default ${DEFAULT-VALUE}; 0: all).")
    int limit;

    @Option(
            names = "--timeout",
            defaultValue = "30",
            description = "Seconds to wait for the broker (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.bootstrapServersOrNull();
        if (bootstrap == null) {
            System.err.println("khabar entities: give --bootstrap-servers");
            return 1;
        }
        NameMemory memory = read(kafka.withBootstrap(bootstrap), Duration.ofSeconds(timeoutSeconds));
        if (memory == null) {
            System.err.println("khabar entities: topic " + EntityMemory.TOPIC + " does not exist (run 'khabar enrich "
                    + "--entity-memory' first)");
            return 2;
        }
        List<LearnedName> names =
                memory.all().stream().filter(n -> all || memory.active(n)).toList();
        if (export != null) {
            try (Writer w = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
                writeGazetteer(names, w);
            }
            System.out.println("khabar entities: wrote " + names.size() + " names to " + export);
            return 0;
        }
        print(memory, names, System.out);
        return 0;
    }

    /** Reads the memory topic from the beginning to its current end; null when the topic does not exist. */
    static NameMemory read(Properties client, Duration timeout) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        NameMemory memory = new NameMemory();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            Map<String, List<PartitionInfo>> topics = c.listTopics(timeout);
            List<PartitionInfo> infos = topics.get(EntityMemory.TOPIC);
            if (infos == null) {
                return null;
            }
            List<TopicPartition> parts = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        memory.remove(r.key());
                        continue;
                    }
                    try {
                        memory.put(LearnedName.parse(r.key(), r.value()));
                    } catch (RuntimeException e) {
                        System.err.println("khabar entities: skipped a bad record at " + r.topic() + "-" + r.partition()
                                + "@" + r.offset() + ": " + OutsideText.escape(String.valueOf(e.getMessage())));
                    }
                }
            }
        }
        return memory;
    }

    private void print(NameMemory memory, List<LearnedName> names, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%d names learned, %d active (>= %d articles, or strong evidence for 2+ words; "
                        + "aged out after %d days)%n",
                memory.all().size(),
                memory.all().stream().filter(memory::active).count(),
                memory.minArticles(),
                memory.maxAgeDays());
        out.printf(
                Locale.ROOT,
                "%-12s %-6s %8s  %-10s  %-28s %-24s %s%n",
                "type",
                "active",
                "articles",
                "last seen",
                "surface",
                "romanised",
                "evidence");
        int shown = 0;
        for (LearnedName n : names) {
            if (limit > 0 && shown++ >= limit) {
                out.println("… (" + (names.size() - limit) + " more; --limit 0 for all)");
                break;
            }
            out.printf(
                    Locale.ROOT,
                    "%-12s %-6s %8d  %-10s  %-28s %-24s %s%n",
                    n.type(),
                    memory.active(n) ? "yes" : "no",
                    n.articles(),
                    n.lastSeen(),
                    OutsideText.escape(n.surface()),
                    OutsideText.escape(Romanizer.romanize(n.surface())),
                    evidence(n));
        }
    }

    static String evidence(LearnedName n) {
        List<String> kinds = new ArrayList<>();
        for (NameMemory.Evidence e : NameMemory.Evidence.values()) {
            if (n.has(e)) {
                kinds.add(e.name().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(",", kinds);
    }

    /** A gazetteer file of these names: one entry each, its romanised form and figures in a comment above it. */
    static void writeGazetteer(List<LearnedName> names, Writer w) throws java.io.IOException {
        w.write("# Names learned by khabar's name memory (" + EntityMemory.TOPIC
                + "). Review before use: fix the type,\n"
                + "# put the English canonical name in the second field and a Wikidata id in the third, add spelling\n"
                + "# variants to the forms, delete wrong lines, or turn them into NONE to block a phrase.\n"
                + "# Load with: khabar eval-ner --gazetteer FILE …, khabar enrich --gazetteer FILE\n");
        for (LearnedName n : names.stream()
                .sorted(java.util.Comparator.comparing(LearnedName::type).thenComparing(LearnedName::surface))
                .collect(Collectors.toList())) {
            w.write("# " + Romanizer.romanize(n.surface()) + "; " + n.articles() + " articles; " + evidence(n)
                    + "; key " + EntityKeys.key(n.type(), n.surface(), null) + "\n");
            w.write(n.type() + "\t-\t-\t" + n.surface().replace('\t', ' ').replace('|', ' ') + "\n");
        }
    }
}
