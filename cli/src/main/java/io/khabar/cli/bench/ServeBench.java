package io.khabar.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.cli.Offsets;
import io.khabar.cli.TopicAdmin;
import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import io.khabar.serve.ArticleSummary;
import io.khabar.serve.EntityInfo;
import io.khabar.serve.ServeApp;
import io.khabar.serve.ServeTopology;
import java.io.BufferedReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Load benchmark of the web view: an embedded broker, {@code N} enriched articles (real articles from
 * ../shared/real-news/articles.jsonl enriched once in-process, then repeated under new ids over the last 30 days), the
 * serve app reading them, then concurrent HTTP clients asking for the latest-articles page and entity pages. Prints
 * latency percentiles per page and the load average.
 *
 * <pre>
 * mvn -o -q -DskipTests -pl cli -am package
 * java -cp 'cli/target/khabar-cli.jar:cli/target/lib/*' io.khabar.cli.bench.ServeBench [articles] [requests] [clients]
 * </pre>
 */
public final class ServeBench {

    private ServeBench() {}

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path jsonl = Path.of(args.length > 3 ? args[3] : "../shared/real-news/articles.jsonl");
        System.out.printf(
                "serve bench: %d articles, %d requests per page kind, %d clients; load %s%n",
                articles, requests, clients, loadAverage());

        List<EnrichedArticle> unique = enrichUnique(jsonl, 600);
        System.out.printf("enriched %d distinct real articles in-process%n", unique.size());

        Path work = Files.createTempDirectory("khabar-serve-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Properties client = new Properties();
            client.put("bootstrap.servers", broker.bootstrapServers());
            Map<org.apache.kafka.common.TopicPartition, Long> ends;
            try (Admin admin = Admin.create(client)) {
                TopicAdmin.prepare(admin, Topics.DEFAULT_PARTITIONS, null, ServeApp.DEFAULT_APPLICATION_ID);
                produce(broker.bootstrapServers(), unique, articles);
                ends = Offsets.ends(admin, Topics.ENRICHED);
            }
            Properties overrides = new Properties();
            overrides.put(StreamsConfig.STATE_DIR_CONFIG, work.toString());
            long loadStart = System.nanoTime();
            try (ServeApp serve = ServeApp.start(
                    ServeApp.streamsConfig(broker.bootstrapServers(), overrides),
                    new InetSocketAddress("127.0.0.1", 0),
                    null,
                    8)) {
                serve.awaitRunning(Duration.ofMinutes(2));
                try (Admin admin = Admin.create(client)) {
                    Offsets.awaitUntil(
                            "the serve app to index every article",
                            System.nanoTime() + Duration.ofMinutes(10).toNanos(),
                            500,
                            () -> EnrichApp.caughtUp(admin, ServeApp.DEFAULT_APPLICATION_ID, ends));
                }
                System.out.printf(
                        "indexed %d articles in %.1f s (%d held)%n",
                        articles,
                        (System.nanoTime() - loadStart) / 1e9,
                        serve.queries().articleCount());

                List<String> entityPaths = new ArrayList<>();
                for (EntityInfo e : topEntities(serve, 50)) {
                    entityPaths.add("/entity?key=" + URLEncoder.encode(e.key(), StandardCharsets.UTF_8));
                }
                List<String> articlePaths = serve.queries().latest(200).stream()
                        .map(ArticleSummary::id)
                        .map(id -> "/article?id=" + id)
                        .toList();
                String base = "http://127.0.0.1:" + serve.port();
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                run(http, base, List.of("/"), requests / 5, clients, "warm-up");
                run(http, base, entityPaths, requests / 5, clients, "warm-up");
                run(http, base, List.of("/"), requests, clients, "latest articles  /");
                run(http, base, entityPaths, requests, clients, "entity pages     /entity (top 50 entities, page 0)");
                run(http, base, articlePaths, requests, clients, "article pages    /article");
                run(http, base, List.of("/trending?period=24+hours"), requests / 10, clients, "trending 24 hours");
                System.out.printf("load average after: %s%n", loadAverage());
            }
        } finally {
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<EntityInfo> topEntities(ServeApp serve, int n) {
        List<EntityInfo> all = new ArrayList<>();
        var store = serve.streams()
                .store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                        ServeTopology.ENTITIES,
                        org.apache.kafka.streams.state.QueryableStoreTypes.<String, EntityInfo>keyValueStore()));
        try (var it = store.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        all.sort((a, b) -> Long.compare(b.articles(), a.articles()));
        System.out.printf(
                "%d entities; the top one is in %d articles%n",
                all.size(), all.isEmpty() ? 0 : all.get(0).articles());
        return all.subList(0, Math.min(n, all.size()));
    }

    private static void run(HttpClient http, String base, List<String> paths, int requests, int clients, String label)
            throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                            .timeout(Duration.ofSeconds(30))
                            .build();
                    long t = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    nanos[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (label.equals("warm-up")) {
            return;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%-52s n=%d  %.0f req/s  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms  errors %d%n",
                label,
                requests,
                requests / seconds,
                pct(nanos, 50),
                pct(nanos, 90),
                pct(nanos, 99),
                pct(nanos, 99.9),
                nanos[nanos.length - 1] / 1e6,
                errors.get());
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static List<EnrichedArticle> enrichUnique(Path jsonl, int max) throws Exception {
        ArticleEnricher enricher = ArticleEnricher.withDefaults();
        List<EnrichedArticle> out = new ArrayList<>();
        if (Files.isRegularFile(jsonl)) {
            try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
                for (String line; out.size() < max && (line = r.readLine()) != null; ) {
                    JsonNode n = Json.mapper().readTree(line);
                    String title = n.path("title").asText("");
                    String body = n.path("text").asText("");
                    if (body.isBlank()) {
                        continue;
                    }
                    String url = n.hasNonNull("url") ? n.get("url").asText() : null;
                    RawArticle raw = RawArticle.of(
                            "json:" + jsonl.getFileName(),
                            url,
                            title,
                            body,
                            "ur",
                            null,
                            Instant.now(),
                            Map.of(),
                            n.path("source").asText(null));
                    out.add(enricher.enrich(raw));
                }
            }
        }
        if (out.isEmpty()) {
            System.out.println("no " + jsonl + ": using the seed article only");
            for (Path p : Files.list(Path.of("seeds")).toList()) {
                String text = Files.readString(p);
                int cut = text.indexOf("\n\n");
                out.add(enricher.enrich(RawArticle.of(
                        "file:" + p,
                        null,
                        text.substring(0, cut),
                        text.substring(cut + 2),
                        "ur",
                        null,
                        Instant.now(),
                        Map.of())));
            }
        }
        return out;
    }

    /** {@code n} records: the distinct articles again and again under new ids, published over the last 30 days. */
    private static void produce(String bootstrap, List<EnrichedArticle> unique, int n) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Random random = new Random(42);
        Instant now = Instant.now();
        JsonSerde<EnrichedArticle> serde = JsonSerde.enrichedArticle();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                p, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                EnrichedArticle e = unique.get(i % unique.size());
                String id = e.id() + "-" + i;
                Instant published = now.minusSeconds(random.nextInt(30 * 24 * 3600));
                RawArticle a = e.article();
                RawArticle raw = new RawArticle(
                        a.schemaVersion(),
                        id,
                        a.source(),
                        a.url() == null ? null : a.url() + "#" + i,
                        a.title(),
                        a.body(),
                        a.languageHint(),
                        published,
                        a.fetchedAt(),
                        a.contentHash(),
                        a.extra(),
                        a.outlet());
                EnrichedArticle copy = new EnrichedArticle(
                        e.schemaVersion(),
                        id,
                        e.contentHash(),
                        raw,
                        e.title(),
                        e.body(),
                        e.language(),
                        e.languageConfidence(),
                        e.sentenceCount(),
                        e.tokenCount(),
                        e.entities(),
                        e.enricherVersion(),
                        e.enrichedAt(),
                        e.outlet(),
                        e.storyId(),
                        e.storySimilarity());
                producer.send(new ProducerRecord<>(Topics.ENRICHED, id, serde.toBytes(copy)));
            }
            producer.flush();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "(unknown)";
        }
    }
}
