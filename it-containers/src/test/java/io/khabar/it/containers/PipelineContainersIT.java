package io.khabar.it.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.model.ArticleEntity;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The pipeline as containers, the way users deploy it: a broker container, PostgreSQL in a container, and the
 * enrich app and the sink each running as a container of the khabar image. The tests produce raw articles,
 * read the enriched ones back from Kafka and find them as rows in PostgreSQL; an ingest container watching a
 * folder publishes the files in it.
 */
@EnabledIfContainerEngine
class PipelineContainersIT {

    private static final Logger log = LoggerFactory.getLogger(PipelineContainersIT.class);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static Network network;
    private static KafkaBroker kafka;
    private static PostgreSQLContainer postgres;
    private static GenericContainer<?> enrich;
    private static GenericContainer<?> sink;

    @BeforeAll
    static void startContainers() {
        long t0 = System.nanoTime();
        String image = ContainerImages.khabarImage();
        log.info("khabar image {} ready in {} ms", image, (System.nanoTime() - t0) / 1_000_000);
        network = Network.newNetwork();
        kafka = KafkaBroker.create(network);
        postgres = new PostgreSQLContainer(ContainerImages.postgresImage())
                .withNetwork(network)
                .withNetworkAliases("postgres")
                .withDatabaseName("khabar")
                .withUsername("khabar")
                .withPassword("khabar-" + UUID.randomUUID())
                .withLogConsumer(logTo("postgres"));
        kafka.start();
        postgres.start();

        enrich = new GenericContainer<>(image)
                .withNetwork(network)
                .withNetworkAliases("enrich")
                .withCommand("enrich", "--bootstrap-servers", kafka.networkBootstrapServers())
                .withEnv("KHABAR_JAVA_OPTS", "-Xmx512m")
                .withExposedPorts(9464)
                .waitingFor(Wait.forHttp("/health/ready")
                        .forPort(9464)
                        .forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)))
                .withLogConsumer(logTo("enrich"));
        sink = new GenericContainer<>(image)
                .withNetwork(network)
                .withNetworkAliases("sink")
                .withCommand(
                        "sink",
                        "--bootstrap-servers",
                        kafka.networkBootstrapServers(),
                        "--jdbc",
                        "jdbc:postgresql://postgres:5432/khabar",
                        "--flush-interval",
                        "200ms")
                .withEnv("KHABAR_JDBC_USER", postgres.getUsername())
                .withEnv("KHABAR_JDBC_PASSWORD", postgres.getPassword())
                .withEnv("KHABAR_JAVA_OPTS", "-Xmx256m")
                .waitingFor(Wait.forLogMessage(".*khabar sink: writing.*", 1).withStartupTimeout(Duration.ofMinutes(2)))
                .withLogConsumer(logTo("sink"));
        enrich.start();
        sink.start();
        log.info(
                "containers up in {} ms: broker {} (host {}), postgres {}, enrich {}, sink {}",
                (System.nanoTime() - t0) / 1_000_000,
                ContainerImages.kafkaImage(),
                kafka.bootstrapServers(),
                postgres.getDockerImageName(),
                enrich.getContainerId().substring(0, 12),
                sink.getContainerId().substring(0, 12));
    }

    /**
     * A connection from the test JVM to the PostgreSQL container through its published port. With Podman the
     * port forwarding can lag the container's readiness by a few seconds (a first connect was seen to time out
     * on CI), so connecting is retried for a while; the sink container itself connects over the network alias.
     */
    private static Connection connectToPostgres() throws Exception {
        AtomicReference<Connection> connection = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    connection.set(DriverManager.getConnection(
                            postgres.getJdbcUrl() + (postgres.getJdbcUrl().contains("?") ? "&" : "?")
                                    + "connectTimeout=5",
                            postgres.getUsername(),
                            postgres.getPassword()));
                    return true;
                });
        return connection.get();
    }

    @AfterAll
    static void stopContainers() {
        for (AutoCloseable c : new AutoCloseable[] {sink, enrich, postgres, kafka, network}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.warn("could not stop {}", c, e);
                }
            }
        }
    }

    @Test
    void shouldEnrichArticlesInTheEnrichContainerAndWriteThemToPostgresFromTheSinkContainer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<RawArticle> articles = List.of(
                article(
                        run,
                        1,
                        "لاہور میں بارش، شہر کی سڑکیں زیر آب",
                        "لاہور میں صبح سے جاری بارش کے بعد شہر کی کئی سڑکیں زیر آب آ گئیں۔ محکمہ موسمیات کے مطابق بارش کا سلسلہ کل بھی جاری رہے گا۔"),
                article(
                        run,
                        2,
                        "کراچی میں کرکٹ میچ کے ٹکٹ فروخت",
                        "کراچی کے نیشنل اسٹیڈیم میں ہونے والے میچ کے ٹکٹ آج سے فروخت کیے جائیں گے۔ پاکستان کرکٹ بورڈ نے شائقین سے اپیل کی ہے کہ وہ وقت پر پہنچیں۔"),
                article(
                        run,
                        3,
                        "اسلام آباد میں وزیر اعظم کا اجلاس",
                        "وزیر اعظم نے اسلام آباد میں کابینہ کا اجلاس طلب کیا۔ اجلاس میں ملک کی معاشی صورتحال پر بات ہوگی۔"));

        produceRaw(articles);
        Map<String, EnrichedArticle> enriched = awaitEnriched(articles);

        for (RawArticle raw : articles) {
            EnrichedArticle e = enriched.get(raw.id());
            assertThat(e.article()).isEqualTo(raw);
            assertThat(e.contentHash()).isEqualTo(raw.contentHash());
            assertThat(e.language()).isEqualTo("ur");
            assertThat(e.sentenceCount()).isGreaterThanOrEqualTo(2);
            assertThat(e.tokenCount()).isGreaterThan(10);
            assertThat(e.title()).isNotBlank();
            assertThat(e.enricherVersion()).isNotBlank();
            for (Entity entity : e.mentions()) {
                String text = Entity.TITLE.equals(entity.field()) ? e.title() : e.body();
                assertThat(text.substring(entity.start(), entity.end()))
                        .as("entity %s", entity)
                        .isEqualTo(entity.text());
            }
        }
        assertThat(enriched.values())
                .flatMap(EnrichedArticle::entities)
                .extracting(ArticleEntity::type)
                .contains(EntityType.LOCATION);

        // the sink container writes each article once, with its entities as rows
        try (Connection db = connectToPostgres()) {
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> count(db, "SELECT count(*) FROM articles WHERE id = ANY (?)", ids(articles))
                            == articles.size());
            for (RawArticle raw : articles) {
                EnrichedArticle e = enriched.get(raw.id());
                try (PreparedStatement st = db.prepareStatement(
                        "SELECT title, body, language, token_count, url, raw_body IS NULL OR raw_body = ? AS same_raw FROM articles WHERE id = ?")) {
                    st.setString(1, raw.body());
                    st.setString(2, raw.id());
                    try (ResultSet rs = st.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString("title")).isEqualTo(e.title());
                        assertThat(rs.getString("body")).isEqualTo(e.body());
                        assertThat(rs.getString("language")).isEqualTo("ur");
                        assertThat(rs.getInt("token_count")).isEqualTo(e.tokenCount());
                        assertThat(rs.getString("url")).isEqualTo(raw.url());
                        assertThat(rs.getBoolean("same_raw")).isTrue();
                    }
                }
                assertThat(count(db, "SELECT count(*) FROM article_entities WHERE article_id = ANY (?)", new String[] {
                            raw.id()
                        }))
                        .as("entity rows of %s", raw.id())
                        .isEqualTo(e.entities().size());
            }
        }
    }

    @Test
    void shouldPublishFilesFromTheFolderTheIngestContainerWatches() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "ingest-" + run + "-a.txt";
        String second = "ingest-" + run + "-b.txt";
        try (GenericContainer<?> ingest = new GenericContainer<>(ContainerImages.khabarImage())
                .withNetwork(network)
                .withCommand(
                        "ingest",
                        "--bootstrap-servers",
                        kafka.networkBootstrapServers(),
                        "--watch",
                        "/articles",
                        "--state-file",
                        "/data/published",
                        "--rescan-interval",
                        "2s")
                .withEnv("KHABAR_JAVA_OPTS", "-Xmx256m")
                // a file present at start, as in the compose file's mounted ./seeds
                .withCopyToContainer(Transferable.of(seedFile("پشاور میں نئی بس سروس شروع", run)), "/articles/" + first)
                .waitingFor(Wait.forLogMessage(".*watching /articles.*", 1).withStartupTimeout(Duration.ofMinutes(2)))
                .withLogConsumer(logTo("ingest"))) {
            ingest.start();
            // and one that appears while it watches
            ingest.copyFileToContainer(
                    Transferable.of(seedFile("کوئٹہ میں برف باری کے بعد سردی میں اضافہ", run)), "/articles/" + second);

            try (Connection db = connectToPostgres()) {
                await().atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> count(db, "SELECT count(*) FROM articles WHERE source = ANY (?)", new String[] {
                                    "file:/articles/" + first, "file:/articles/" + second
                                })
                                == 2);
            }
        }
    }

    @Test
    void shouldSendARecordThatIsNotAnArticleToTheDeadLetterTopic() throws Exception {
        String key = "not-an-article-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RAW, key, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        Properties p = consumerProps();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            assertThat(new String(found.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(found.get(0).headers()).isNotEmpty();
        }
    }

    /** A seed-format file: the headline on the first line, then paragraphs separated by blank lines. */
    private static String seedFile(String title, String run) {
        return title + "\n\nیہ خبر کنٹینر ٹیسٹ " + run
                + " کے لیے لکھی گئی ہے۔ شہر کے لوگوں نے اس پر خوشی کا اظہار کیا۔\n";
    }

    private static RawArticle article(String run, int n, String title, String body) {
        return RawArticle.of(
                "it:containers",
                "https://example.org/khabar-it/" + run + "/" + n,
                title,
                body,
                "ur",
                Instant.parse("2026-01-0" + n + "T08:00:00Z"),
                Instant.now(),
                Map.of());
    }

    private static void produceRaw(List<RawArticle> articles) throws Exception {
        try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(
                producerProps(), new StringSerializer(), JsonSerde.rawArticle().serializer())) {
            for (RawArticle a : articles) {
                producer.send(new ProducerRecord<>(Topics.RAW, a.id(), a)).get();
            }
        }
    }

    private static Map<String, EnrichedArticle> awaitEnriched(List<RawArticle> articles) {
        Map<String, EnrichedArticle> found = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(
                consumerProps(),
                new StringDeserializer(),
                JsonSerde.enrichedArticle().deserializer())) {
            consumer.subscribe(List.of(Topics.ENRICHED));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, EnrichedArticle> r : consumer.poll(Duration.ofMillis(500))) {
                    found.put(r.key(), r.value());
                }
                return articles.stream().allMatch(a -> found.containsKey(a.id()));
            });
        }
        return new HashMap<>(found);
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static String[] ids(List<RawArticle> articles) {
        return articles.stream().map(RawArticle::id).toArray(String[]::new);
    }

    private static long count(Connection db, String sql, String[] ids) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setArray(1, db.createArrayOf("text", ids));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Slf4jLogConsumer logTo(String name) {
        return new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name));
    }
}
