package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.cli.bench.CorpusGenerator;
import io.khabar.enrich.EnrichApp;
import io.khabar.ingest.ArticlePublisher;
import io.khabar.kafka.embedded.EmbeddedKafkaCluster;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import io.khabar.sink.SinkApp;
import io.khabar.sink.SinkConfig;
import io.khabar.sink.jsonl.JsonlTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, on a real three-broker KRaft cluster (each broker its own JVM): 10,000 articles through ingest, enrich
 * (child JVMs) and both sinks (JSON Lines and PostgreSQL), while one broker is SIGKILLed and later restarted and
 * enrich is scaled from 1 to 3 instances and back to 1; then every article is in the files and in PostgreSQL exactly
 * once, with the content hash it was published with. The stalls after each event are measured and printed.
 * Runs with {@code -P cluster-it} (minutes, not seconds).
 */
class PipelineClusterIT {

    private static final Path SEEDS = Path.of("..", "seeds");
    private static final int ARTICLES = 10_000;
    /** Publishing pace: articles per 100 ms, so that the events below happen while data flows. */
    private static final int PER_TICK = 15;

    @TempDir
    Path tmp;

    @Test
    void shouldDeliverEveryArticleOnceWhileABrokerDiesAndEnrichScalesOutAndIn() throws Exception {
        long testStart = System.nanoTime();
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("xdg").toString(), InstanceDir.DATA_DIR_ENV, "");
        Path jsonl = Files.createDirectories(tmp.resolve("jsonl"));
        List<ChildJvm> enrich = new ArrayList<>();
        List<String> events = new ArrayList<>();
        try (EmbeddedKafkaCluster cluster =
                        EmbeddedKafkaCluster.builder().nodes(3).start();
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            String bootstrap = cluster.bootstrapServers();
            // topics as `khabar ingest` makes them: replication factor 3, min.insync.replicas 2
            TopicAdmin.Layout layout = TopicAdmin.prepare(admin, Topics.DEFAULT_PARTITIONS, null, null);
            assertThat(layout).isEqualTo(new TopicAdmin.Layout(3, (short) 3, 2));
            assertThat(TopicAdmin.check(admin, 3, EnrichApp.DEFAULT_APPLICATION_ID))
                    .isEmpty();

            String[] enrichArgs = {"enrich", "--bootstrap-servers", bootstrap, "--metrics-port", "0"};
            Properties client = new Properties();
            client.put("bootstrap.servers", bootstrap);
            SinkApp files = SinkApp.start(SinkConfig.builder()
                    .bootstrapServers(bootstrap)
                    .groupId("khabar-sink-jsonl")
                    .kafkaProperties(client)
                    .jsonl(jsonl)
                    .build());
            SinkApp db = SinkApp.start(SinkConfig.builder()
                    .bootstrapServers(bootstrap)
                    .groupId("khabar-sink-pg")
                    .kafkaProperties(client)
                    .jdbc(pg.getJdbcUrl("postgres", "postgres"), "postgres", null)
                    .build());
            try {
                // the first enrich child starts inside the try whose finally stops the children: started before the
                // sinks, a sink that failed to start left it running on against a closed cluster
                enrich.add(ChildJvm.start("enrich-1", tmp, env, "384m", enrichArgs));
                Progress progress = new Progress(files, db);
                progress.start();
                Map<String, String> published = new ConcurrentHashMap<>();
                AtomicInteger sent = new AtomicInteger();
                Thread publisher = new Thread(() -> publish(client, published, sent), "publisher");
                publisher.start();

                awaitSent(sent, 1_500, publisher);
                enrich.add(ChildJvm.start("enrich-2", tmp, env, "384m", enrichArgs));
                enrich.add(ChildJvm.start("enrich-3", tmp, env, "384m", enrichArgs));
                events.add(progress.mark("enrich scaled 1 -> 3 at " + sent.get() + " published"));

                awaitSent(sent, 3_500, publisher);
                cluster.node(2).kill();
                events.add(progress.mark("broker 2 SIGKILLed at " + sent.get() + " published"));

                awaitSent(sent, 5_500, publisher);
                enrich.get(1).stop(Duration.ofSeconds(90));
                enrich.get(2).stop(Duration.ofSeconds(90));
                events.add(progress.mark("enrich scaled 3 -> 1 (SIGTERM) at " + sent.get() + " published"));

                awaitSent(sent, 7_000, publisher);
                events.add(progress.mark("broker 2 restarting on its log directory at " + sent.get() + " published"));
                cluster.node(2).start().awaitReady(Duration.ofMinutes(3));

                publisher.join(Duration.ofMinutes(10).toMillis());
                assertThat(sent.get()).as("all published").isEqualTo(ARTICLES);
                long publishedAt = System.nanoTime();
                for (ChildJvm c : enrich) {
                    if (c != enrich.get(1) && c != enrich.get(2)) {
                        assertThat(c.isAlive())
                                .as(c.name() + " runs:\n" + c.tail(40))
                                .isTrue();
                    }
                }
                Map<TopicPartition, Long> rawEnd = Offsets.ends(admin, Topics.RAW);
                Offsets.awaitUntil(
                        "enrich to catch up",
                        System.nanoTime() + Duration.ofMinutes(10).toNanos(),
                        250,
                        () -> EnrichApp.caughtUp(admin, EnrichApp.DEFAULT_APPLICATION_ID, rawEnd));
                Map<TopicPartition, Long> enrichedEnd = Offsets.ends(admin, Topics.ENRICHED);
                Offsets.awaitUntil(
                        "both sinks to catch up",
                        System.nanoTime() + Duration.ofMinutes(5).toNanos(),
                        250,
                        () -> files.hasReached(enrichedEnd) && db.hasReached(enrichedEnd));
                double tail = (System.nanoTime() - publishedAt) / 1e9;
                progress.stopSampling();

                // every internal topic Streams made is replicated like khabar's own
                for (String t : TopicAdmin.relevantTopics(admin, EnrichApp.DEFAULT_APPLICATION_ID)) {
                    TopicDescription d = admin.describeTopics(Set.of(t))
                            .allTopicNames()
                            .get()
                            .get(t);
                    assertThat(d.partitions())
                            .as(t)
                            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                }
                assertThat(TopicAdmin.check(admin, 3, EnrichApp.DEFAULT_APPLICATION_ID))
                        .as("no topic warnings")
                        .isEmpty();

                Map<String, String> inFiles = fromFiles(jsonl);
                Map<String, String> inDb = fromDb(pg);
                assertThat(inFiles)
                        .as("JSON Lines: every id once, with its published content hash")
                        .isEqualTo(published);
                assertThat(inDb)
                        .as("PostgreSQL: every id once, with its published content hash")
                        .isEqualTo(published);
                assertThat(published).hasSize(ARTICLES);
                assertThat(Offsets.sum(Offsets.ends(admin, Topics.DEAD_LETTER)))
                        .as("dead letters")
                        .isZero();

                System.out.println("PipelineClusterIT: " + ARTICLES + " articles, 3 brokers; events and the longest"
                        + " stall of the sinks' output after each (until the next event):");
                progress.report(events).forEach(l -> System.out.println("PipelineClusterIT:   " + l));
                System.out.printf(
                        "PipelineClusterIT: caught up %.1f s after the last article was published; whole test"
                                + " %.0f s%n",
                        tail, (System.nanoTime() - testStart) / 1e9);
            } finally {
                files.close();
                db.close();
                for (ChildJvm c : enrich) {
                    c.close();
                    System.out.println("---- " + c.name() + " (last lines)\n" + c.tail(10));
                }
            }
        }
    }

    private static void awaitSent(AtomicInteger sent, int n, Thread publisher) throws InterruptedException {
        while (sent.get() < n && publisher.isAlive()) {
            Thread.sleep(20);
        }
    }

    /** Publishes through ingest's publisher (idempotent, acks=all) at a steady pace. */
    private static void publish(Properties client, Map<String, String> published, AtomicInteger sent) {
        try (ArticlePublisher publisher = ArticlePublisher.create(client)) {
            CorpusGenerator corpus = CorpusGenerator.fromSeeds(SEEDS, 18);
            Instant now = Instant.now();
            for (int i = 0; i < ARTICLES; i++) {
                RawArticle a = corpus.next(i, 1200, now);
                published.put(a.id(), a.contentHash());
                publisher.onArticle(a);
                if (sent.incrementAndGet() % PER_TICK == 0) {
                    Thread.sleep(100);
                }
            }
            publisher.flush();
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /**
     * The ids in the files with their content hash. With stories on, a story correction is a later version of an
     * article with another (earlier) story id, and the files append it as one more line of that id; an article
     * enriched or written twice would be a second line with the same story id (null with stories off), so an id may
     * repeat only with a new story id, and every line of an id carries its published hash.
     */
    private static Map<String, String> fromFiles(Path dir) throws Exception {
        JsonSerde<EnrichedArticle> serde = JsonSerde.enrichedArticle();
        Map<String, String> out = new HashMap<>();
        Map<String, Set<String>> storiesOf = new HashMap<>();
        for (Path f : JsonlTarget.dataFiles(dir)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                EnrichedArticle a = serde.fromBytes(line.getBytes(StandardCharsets.UTF_8));
                assertThat(storiesOf
                                .computeIfAbsent(a.id(), k -> new java.util.HashSet<>())
                                .add(String.valueOf(a.storyId())))
                        .as("duplicate in the files: " + a.id() + " twice with story " + a.storyId())
                        .isTrue();
                String before = out.put(a.id(), a.contentHash());
                assertThat(before == null || before.equals(a.contentHash()))
                        .as("versions of " + a.id() + " with different content hashes in the files")
                        .isTrue();
            }
        }
        return out;
    }

    private static Map<String, String> fromDb(EmbeddedPostgres pg) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, content_hash FROM articles")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Samples how many articles the sinks have written, to measure how long output stalls after each event. */
    private static final class Progress extends Thread {
        private final SinkApp files;
        private final SinkApp db;
        private final List<long[]> samples = new ArrayList<>(); // {nanos, files written, db written}
        private final List<Long> marks = new ArrayList<>();
        private final AtomicLong start = new AtomicLong(System.nanoTime());
        private volatile boolean running = true;

        Progress(SinkApp files, SinkApp db) {
            super("progress");
            this.files = files;
            this.db = db;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                synchronized (samples) {
                    samples.add(new long[] {System.nanoTime(), files.written(), db.written()});
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        String mark(String event) {
            marks.add(System.nanoTime());
            return String.format("%6.1f s  %s", (System.nanoTime() - start.get()) / 1e9, event);
        }

        void stopSampling() {
            running = false;
        }

        /** For each event: the longest time with no new article written by each sink, until the next event. */
        List<String> report(List<String> events) {
            stopSampling();
            List<String> out = new ArrayList<>();
            synchronized (samples) {
                for (int e = 0; e < marks.size(); e++) {
                    long from = marks.get(e);
                    long to = e + 1 < marks.size() ? marks.get(e + 1) : Long.MAX_VALUE;
                    out.add(events.get(e)
                            + String.format(
                                    ": longest stall JSONL %.1f s, PostgreSQL %.1f s",
                                    longestStall(1, from, to), longestStall(2, from, to)));
                }
            }
            return out;
        }

        private double longestStall(int column, long from, long to) {
            long longest = 0;
            long lastChange = from;
            long lastValue = -1;
            long lastSample = from;
            for (long[] s : samples) {
                if (s[0] < from || s[0] > to) {
                    continue;
                }
                lastSample = s[0];
                if (s[column] != lastValue) {
                    longest = Math.max(longest, s[0] - lastChange);
                    lastChange = s[0];
                    lastValue = s[column];
                }
            }
            return Math.max(longest, lastSample - lastChange) / 1e9;
        }
    }
}
