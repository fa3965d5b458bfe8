package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.enrich.stories.StorySettings;
import io.khabar.ingest.FieldMapping;
import io.khabar.ingest.FileTreeSource;
import io.khabar.ingest.Ingest;
import io.khabar.ingest.IngestSummary;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.Topics;
import io.khabar.sink.SinkApp;
import io.khabar.sink.SinkConfig;
import io.khabar.sink.jdbc.PostgresDatabase;
import io.khabar.sink.jdbc.TrendSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories and trending entities end to end: scraper-shaped JSON Lines ingested with the field mapping, enriched with
 * the real tagger on an embedded KRaft broker, written by the sink and the trend writer to a real (embedded)
 * PostgreSQL, and read back with {@code khabar query}.
 */
class NewsroomIT {

    static final String REPORT = "اسلام آباد میں وفاقی کابینہ کے اجلاس میں ملک کی معاشی صورتحال پر تفصیلی غور کیا گیا۔ "
            + "وزیر خزانہ نے بتایا کہ رواں مالی سال کے پہلے چار ماہ میں برآمدات میں تیرہ فیصد اضافہ ہوا ہے اور "
            + "زرمبادلہ کے ذخائر بھی بہتر ہوئے ہیں۔ اجلاس میں بجلی کی قیمتوں، پٹرول کی فراہمی اور کسانوں کے لیے "
            + "امدادی پیکج کی منظوری بھی دی گئی۔ حکام کے مطابق آئندہ ہفتے صوبوں کے ساتھ مشاورت کا نیا دور شروع ہو گا "
            + "جس میں کراچی اور لاہور کے ترقیاتی منصوبوں کے لیے فنڈز کی تقسیم کا فارمولا طے کیا جائے گا۔ اجلاس کے بعد "
            + "عمران خان نے کہا کہ مہنگائی پر قابو پانے کے لیے ذخیرہ اندوزوں کے خلاف کارروائی تیز کی جائے۔";

    static EmbeddedKafkaBroker broker;
    static EmbeddedPostgres postgres;
    static String jdbc;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(Topics.definitions(3, (short) 1));
        postgres = EmbeddedPostgres.builder().start();
        jdbc = postgres.getJdbcUrl("postgres", "postgres");
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String line(String title, String text, String url, String published, String source) {
        return "{\"title\": \"" + title + "\", \"text\": \"" + text + "\", \"url\": \"" + url + "\", \"published\": "
                + (published == null ? "null" : "\"" + published + "\"") + ", \"source\": \"" + source
                + "\", \"category\": \"pakistan\"}\n";
    }

    @Test
    void shouldAnswerTheJournalistsQuestionsWithStoriesAndTrends() throws Exception {
        Path jsonl = dir.resolve("scraped.jsonl");
        Files.writeString(
                jsonl,
                line("کابینہ کا اجلاس", REPORT, "https://app.example/1", "2024-11-05T08:00:00+05:00", "APP")
                        + line(
                                "وفاقی کابینہ کا اجلاس",
                                REPORT.replace("تیرہ فیصد", "13 فیصد") + " مزید تفصیلات کا انتظار ہے۔",
                                "https://urdu.geo.tv/latest/1",
                                "2024-11-05T09:30:00+05:00",
                                "Geo News Urdu")
                        + line(
                                "کابینہ اجلاس، پیکج منظور",
                                "ذرائع کے مطابق " + REPORT,
                                "https://jang.com.pk/news/2",
                                "2024-11-05T10:00:00+05:00",
                                "Daily Jang")
                        + line(
                                "کراچی میں بارش",
                                "کراچی میں آج صبح تیز بارش ہوئی جس سے کئی علاقوں میں پانی جمع ہو گیا اور ٹریفک "
                                        + "کا نظام درہم برہم ہو گیا۔ محکمہ موسمیات کے مطابق کل بھی بارش کا امکان ہے۔",
                                "https://urdu.geo.tv/latest/3",
                                "2024-11-05T11:00:00+05:00",
                                "Geo News Urdu"),
                StandardCharsets.UTF_8);

        Properties streams = new Properties();
        streams.put("application.id", "newsroom-it");
        streams.put("state.dir", dir.resolve("state").toString());
        streams.put(StorySettings.ENABLED_CONFIG, "true");
        streams.put(
                StorySettings.HOUR_GRACE_MS_CONFIG,
                String.valueOf(Duration.ofDays(3650).toMillis()));
        streams.put(
                StorySettings.DAY_GRACE_MS_CONFIG,
                String.valueOf(Duration.ofDays(3650).toMillis()));
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        try (EnrichApp enrich = EnrichApp.start(
                        ArticleEnricher.withDefaults(), EnrichApp.streamsConfig(broker.bootstrapServers(), streams));
                SinkApp sink = SinkApp.start(SinkConfig.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .jdbc(jdbc, "postgres", null)
                        .build());
                var pool = PostgresDatabase.pool(jdbc, "postgres", null, 2, "newsroom-it");
                TrendSink trends = TrendSink.start(client, pool)) {
            FieldMapping mapping = FieldMapping.DEFAULT.copy();
            IngestSummary ingest = Ingest.run(
                    List.of(new FileTreeSource(
                            List.of(jsonl),
                            1 << 20,
                            Clock.fixed(Instant.parse("2024-11-06T00:00:00Z"), ZoneOffset.UTC),
                            mapping)),
                    client);
            assertThat(ingest.published()).isEqualTo(4);
            assertThat(enrich.isLive()).isTrue();
            assertThat(mapping.report()).anySatisfy(l -> assertThat(l).contains("body <- text", "outlet <- source"));

            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> count(pool, "SELECT count(*) FROM articles WHERE story_id IS NOT NULL") == 4
                            && count(pool, "SELECT count(*) FROM stories WHERE outlets = 3") == 1
                            && count(
                                            pool,
                                            "SELECT count(*) FROM entity_trends WHERE name = 'Karachi' "
                                                    + "AND window_size = 'day' AND articles = 4")
                                    == 1);
            assertThat(sink.written()).isGreaterThanOrEqualTo(4);
            assertThat(trends.written()).isPositive();
        }

        String appId = io.khabar.model.ArticleIds.idFor("https://app.example/1", "");
        String stories = query("query", "stories", "--jdbc", jdbc);
        assertThat(stories).contains(appId, "APP, Daily Jang, Geo News Urdu").contains("کابینہ کا اجلاس");
        assertThat(query("query", "story", appId, "--jdbc", jdbc, "--csv")
                        .lines()
                        .toList())
                .hasSize(4)
                .first()
                .asString()
                .startsWith("id,published,outlet,similarity,title,url");

        String imran = query("query", "--entity", "Imran", "--jdbc", jdbc);
        assertThat(imran.lines().count()).isEqualTo(4); // header + the three versions of the report
        assertThat(query("query", "--entity", "Karachi", "--outlet", "geo", "--jdbc", jdbc)
                        .lines()
                        .count())
                .isEqualTo(3);
        assertThat(query("query", "--entity", "عمران", "--since", "2024-11-05T04:00:00Z", "--jdbc", jdbc)
                        .lines()
                        .count())
                .isEqualTo(3); // the APP version was published at 03:00 UTC

        String top = query(
                "query",
                "top",
                "--type",
                "LOCATION",
                "--since",
                "2024-11-01",
                "--until",
                "2024-11-08",
                "--json",
                "--jdbc",
                jdbc);
        assertThat(top).contains("\"name\" : \"Karachi\"", "\"articles\" : 4");
        String trending = query("query", "trending", "--window", "day", "--jdbc", jdbc);
        assertThat(trending).contains("2024-11-05T00:00:00Z", "Karachi");
        assertThat(query("query", "top", "--outlet", "nobody", "--jdbc", jdbc)).isEmpty();
    }

    @Test
    void shouldSayWhenTheDatabaseIsUnreachable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Khabar.commandLine().execute("query", "top", "--jdbc", "jdbc:postgresql://127.0.0.1:1/none");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("khabar query")
                .contains("cannot connect");
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            c.rollback();
            return n;
        } catch (java.sql.SQLException e) {
            return -1; // tables not created yet
        }
    }

    private static synchronized String query(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Khabar.commandLine().execute(args);
            assertThat(code).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
