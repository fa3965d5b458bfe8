package io.khabar.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.sink.jdbc.ArticleQueries;
import io.khabar.sink.jdbc.PostgresSupport;
import io.khabar.sink.jdbc.PostgresTarget;
import io.khabar.sink.jsonl.JsonLineBinder;
import io.khabar.sink.jsonl.JsonlTarget;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tests: a sink in a child JVM is killed with SIGKILL ({@link Process#destroyForcibly()}) while it writes
 * 2,400 articles, twice, and then restarted; the files / tables must then hold every article exactly once. A real
 * kill of a real process: nothing gets to flush, close or commit, and the OS drops the file lock and the database
 * connection (PostgreSQL rolls back the open transaction), as on a crash of the machine's sink process.
 */
class SinkCrashIT {

    private static final int ARTICLES = 2400;
    private static final int PARTITIONS = 3;
    private static final int KILLS = 2;

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.perClass();

    static List<EnrichedArticle> produced;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        produced = IntStream.range(0, ARTICLES)
                .mapToObj(i -> TestArticles.numbered(i, 1, 1000))
                .toList();
    }

    private String[] topics() {
        String topic = KafkaTestSupport.uniqueTopic("crash");
        String dlq = topic + "-dlq";
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), PARTITIONS, topic);
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, dlq);
        try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            KafkaTestSupport.produce(p, topic, produced);
        }
        return new String[] {topic, dlq};
    }

    @Test
    void shouldHoldEveryArticleExactlyOnceInFilesAfterKills() throws Exception {
        String[] t = topics();
        Path dir = tmp.resolve("out");
        List<String> target = List.of("jsonl:" + dir);
        Callable<Long> progress = () -> storedInStateFile(dir);

        killRepeatedly(t, target, progress);
        restartAndCatchUp(t, SinkConfig.builder().jsonl(dir));

        List<EnrichedArticle> lines = new ArrayList<>();
        for (Path p : JsonlTarget.dataFiles(dir)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                lines.add(JsonLineBinder.parse(line));
            }
        }
        assertExactlyOnce(lines);
    }

    @Test
    void shouldHoldEveryArticleExactlyOnceInPostgresAfterKills() throws Exception {
        String[] t = topics();
        PostgresSupport.Database db = PostgresSupport.newDatabase();
        List<String> target = new ArrayList<>(List.of(db.url(), db.user()));
        if (db.password() != null) {
            target.add(db.password());
        }
        Callable<Long> progress = () -> {
            try (Connection c = db.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT coalesce(sum(next_offset), 0) FROM sink_offsets")) {
                rs.next();
                return rs.getLong(1);
            } catch (java.sql.SQLException e) {
                return 0L; // schema not migrated yet
            }
        };

        killRepeatedly(t, target, progress);
        restartAndCatchUp(t, SinkConfig.builder().jdbc(db.url(), db.user(), db.password()));

        try (PostgresTarget reader = new PostgresTarget(db.url(), db.user(), db.password(), 2)) {
            reader.open(t[0], "crash-group");
            ArticleQueries q = new ArticleQueries(reader.dataSource());
            assertThat(q.count()).isEqualTo(ARTICLES);
            List<EnrichedArticle> stored = new ArrayList<>();
            for (EnrichedArticle a : produced) {
                q.find(a.id()).ifPresent(stored::add);
            }
            assertExactlyOnce(stored);
            try (Connection c = db.connect();
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT count(*), count(DISTINCT article_id) FROM article_entities")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2L * ARTICLES);
                assertThat(rs.getLong(2)).isEqualTo(ARTICLES);
            }
        }
    }

    /** Starts the sink in a child JVM and kills it with SIGKILL once it has stored more, {@link #KILLS} times. */
    private void killRepeatedly(String[] t, List<String> target, Callable<Long> progress) throws Exception {
        long before = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = startChild(t, target, kill);
            long threshold = before + ARTICLES / (KILLS + 2);
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> !child.isAlive() || progress.call() >= threshold);
                assertThat(child.isAlive())
                        .as("child sink still running (see %s)", tmp.resolve("child-" + kill + ".log"))
                        .isTrue();
            } finally {
                child.destroyForcibly().waitFor();
            }
            long atKill = progress.call();
            assertThat(atKill)
                    .as("killed in the middle of the articles")
                    .isGreaterThan(before)
                    .isLessThan(ARTICLES);
            before = atKill;
        }
    }

    private Process startChild(String[] t, List<String> target, int n) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dfile.encoding=UTF-8",
                "-cp",
                classpath,
                CrashableSink.class.getName(),
                kafka.bootstrapServers(),
                t[0],
                t[1],
                "crash-group",
                "40",
                "15"));
        cmd.add(target.get(0).startsWith("jsonl:") ? target.get(0) : target.get(0));
        cmd.addAll(target.subList(1, target.size()));
        File log = tmp.resolve("child-" + n + ".log").toFile();
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private void restartAndCatchUp(String[] t, SinkConfig.Builder target) {
        SinkConfig config = target.bootstrapServers(kafka.bootstrapServers())
                .topic(t[0])
                .deadLetterTopic(t[1])
                .groupId("crash-group")
                .batchSize(200)
                .kafkaProperties(staticMember("crash-group"))
                .build();
        Map<TopicPartition, Long> end = KafkaTestSupport.endOffsets(kafka.bootstrapServers(), t[0]);
        try (SinkApp sink = SinkApp.start(config)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> sink.hasReached(end));
            assertThat(sink.written())
                    .as("the restarted sink wrote only what the killed ones had not stored")
                    .isLessThan(ARTICLES);
            assertThat(sink.deadLettered()).isZero();
        }
    }

    /**
     * Static group membership: a restarted sink takes over the killed one's partitions at once instead of waiting
     * for its session to time out (45 s by default).
     */
    static java.util.Properties staticMember(String group) {
        java.util.Properties p = new java.util.Properties();
        p.put("group.instance.id", group + "-the-one");
        return p;
    }

    private static void assertExactlyOnce(List<EnrichedArticle> stored) {
        assertThat(stored).hasSize(ARTICLES);
        Map<String, Long> counts =
                stored.stream().collect(Collectors.groupingBy(EnrichedArticle::id, Collectors.counting()));
        assertThat(counts)
                .hasSize(ARTICLES)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        Map<String, EnrichedArticle> byId =
                stored.stream().collect(Collectors.toMap(EnrichedArticle::id, Function.identity()));
        for (EnrichedArticle a : produced) {
            assertThat(byId.get(a.id())).as(a.id()).isEqualTo(a);
        }
    }

    private static long storedInStateFile(Path dir) throws IOException {
        Path state = dir.resolve(JsonlTarget.STATE_FILE);
        if (!Files.exists(state)) {
            return 0;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(state.toFile());
        } catch (IOException e) {
            return 0;
        }
        long sum = 0;
        for (Iterator<JsonNode> it = node.path("positions").elements(); it.hasNext(); ) {
            sum += it.next().asLong();
        }
        return sum;
    }
}
