package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.Json;
import io.khabar.model.JsonSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code khabar run} in-process on its own embedded broker, as a user runs it. */
class RunCommandIT {

    private static final Path SEEDS = Path.of("..", "seeds");

    @TempDir
    Path tmp;

    @Test
    void shouldEnrichEverySeedArticleIntoTheJsonLinesOutput() throws IOException {
        Path out = tmp.resolve("out");
        Result r = execute("run", SEEDS.toString(), "--out", out.toString());

        assertThat(r.exitCode).as(r.stderr).isZero();
        assertThat(r.stdout).contains("khabar run summary").contains("articles enriched  " + seedCount());

        List<EnrichedArticle> articles = readJsonl(out);
        assertThat(articles).hasSize(seedCount());
        EnrichedArticle seed = articles.stream()
                .filter(a -> a.article().title().startsWith("روس کے پیوٹن"))
                .findFirst()
                .orElseThrow();
        Map<EntityType, List<String>> byType = seed.mentions().stream()
                .collect(Collectors.groupingBy(
                        Entity::type, Collectors.mapping(Entity::canonicalName, Collectors.toList())));
        assertThat(byType.get(EntityType.PERSON)).contains("Imran Khan", "Vladimir Putin", "Sergey Lavrov");
        assertThat(byType.get(EntityType.LOCATION)).contains("Afghanistan", "Pakistan", "Russia", "Islamabad");
        assertThat(seed.language()).isEqualTo("ur");
        for (Entity e : seed.mentions()) {
            String normalized = e.field().equals(Entity.TITLE) ? seed.title() : seed.body();
            assertThat(normalized.substring(e.start(), e.end())).isEqualTo(e.text());
        }
    }

    @Test
    void shouldWriteUrduUnescapedOneArticlePerLine() throws IOException {
        Path out = tmp.resolve("out");
        assertThat(execute("run", SEEDS.toString(), "--out", out.toString()).exitCode)
                .isZero();

        List<String> lines = jsonlLines(out);
        assertThat(lines).hasSize(seedCount());
        assertThat(lines).allSatisfy(l -> {
            assertThat(l).doesNotContain("\\u06").contains("پاکستان");
            io.khabar.model.RecordSchemas.assertValidEnriched(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode n = Json.mapper().readTree(l);
            assertThat(n.get("schemaVersion").asInt()).isEqualTo(io.khabar.model.EnrichedArticle.SCHEMA_VERSION);
        });
    }

    @Test
    void shouldReportRejectedFilesByNameAndStillDeliverTheGoodOnes() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(SEEDS.resolve(firstSeed()), in.resolve("good.txt"));
        Files.write(in.resolve("broken.txt"), new byte[] {'a', (byte) 0xFF, (byte) 0xFE, 'b'});
        Files.writeString(in.resolve("empty.txt"), "");
        Path out = tmp.resolve("out");

        Result r = execute("run", in.toString(), "--out", out.toString());

        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.stderr)
                .contains("broken.txt")
                .contains("invalid-utf8")
                .contains("empty.txt")
                .contains("2 input(s) rejected");
        assertThat(r.stdout).contains("dead letters       2");
        assertThat(readJsonl(out)).hasSize(1);
    }

    @Test
    void shouldExitTwoAndSayWhyWhenEveryArticleOfAJsonLinesFileIsRefused() throws IOException {
        Path in = tmp.resolve("bodies-under-matn.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            // the body sits under an unknown field: a title alone is not an article
            lines.append("{\"title\":\"سرخی ")
                    .append(i)
                    .append("\",\"matn\":\"اسلام آباد میں آج خبر ")
                    .append(i)
                    .append(" شائع ہوئی۔\"}\n");
        }
        Files.writeString(in, lines.toString());
        Path out = tmp.resolve("out");

        Result r = execute("run", in.toString(), "--out", out.toString(), "--timeout", "3m");

        assertThat(r.exitCode).as(r.stderr).isEqualTo(2);
        assertThat(r.stderr).contains("bodies-under-matn.jsonl").contains("empty-body");
        assertThat(r.stdout).contains("articles enriched  0").contains("written by sink    0");
        assertThat(jsonlLinesIfAny(out)).isEmpty();
    }

    @Test
    void shouldNotOutlastTheTimeoutOnANamedPipe() throws Exception {
        Path fifo = tmp.resolve("pipe.txt");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        long started = System.nanoTime();

        Result r = execute("run", fifo.toString(), "--out", tmp.resolve("out").toString(), "--timeout", "20s");

        // refused as a special file by ingest (2), or given up on at the deadline (1); never a hang, never 0
        assertThat(r.exitCode).as(r.stderr).isIn(1, 2);
        assertThat(r.stderr).contains("pipe.txt");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("ended by --timeout")
                .isLessThan(Duration.ofMinutes(2));
    }

    @Test
    void helpWorksForEveryCommand() {
        for (String cmd : List.of("run", "ingest", "enrich", "broker")) {
            Result r = execute(cmd, "--help");
            assertThat(r.exitCode).as(cmd).isZero();
            assertThat(r.stdout).as(cmd).contains("Usage: khabar " + cmd);
        }
    }

    private static int seedCount() {
        try (Stream<Path> s = Files.list(SEEDS)) {
            return (int) s.filter(p -> p.toString().endsWith(".txt")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstSeed() throws IOException {
        try (Stream<Path> s = Files.list(SEEDS)) {
            return s.filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .findFirst()
                    .orElseThrow()
                    .getFileName()
                    .toString();
        }
    }

    private static List<String> jsonlLines(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList()) {
                Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank())
                        .forEach(lines::add);
            }
        }
        return lines;
    }

    private static List<String> jsonlLinesIfAny(Path out) throws IOException {
        return Files.exists(out) ? jsonlLines(out) : List.of();
    }

    private static List<EnrichedArticle> readJsonl(Path out) throws IOException {
        return jsonlLines(out).stream()
                .map(l -> JsonSerde.enrichedArticle().fromBytes(l.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    record Result(int exitCode, String stdout, String stderr) {}

    private static synchronized Result execute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Khabar.commandLine().execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
