package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.ArticleEntity;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import io.khabar.model.config.ConfigTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented non-Java reader (docs/record-model.md): the real kcat reads the enriched topic of a real broker,
 * filled by the enrich app from seed articles, and docs/examples/entities-by-key.jq prints each article's entities
 * by key; the lines must be what the Java model says. Skipped when kcat (Debian's kafkacat) or jq is missing.
 */
class KcatExampleIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka =
            EmbeddedKafkaExtension.perClass().withTopics(KafkaTestSupport.topicsKeepingEveryVersion(3));

    @TempDir
    Path stateDir;

    @Test
    void shouldPrintEachArticlesEntitiesByKeyWithKcatAndJq() throws Exception {
        String kcat = runs("kcat", "-V") ? "kcat" : runs("kafkacat", "-V") ? "kafkacat" : null;
        assumeTrue(
                kcat != null && runs("jq", "--version"),
                "skipped: kcat or jq is missing (apt-get install -y kafkacat jq)");
        Path filter = ConfigTables.findUp("docs/examples/entities-by-key.jq");
        Path seeds = ConfigTables.findUp("seeds/000_94bf4fa7c7b18cfe.txt").getParent();
        List<RawArticle> articles = new ArrayList<>();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .limit(4)
                    .toList()) {
                String content = Files.readString(f, StandardCharsets.UTF_8).strip();
                int nl = content.indexOf('\n');
                articles.add(RawArticle.of(
                        "file:seeds/" + f.getFileName(),
                        null,
                        content.substring(0, nl).strip(),
                        content.substring(nl + 1).strip(),
                        "ur",
                        null,
                        Instant.parse("2026-12-01T10:00:00Z"),
                        null));
            }
        }
        String bootstrap = kafka.bootstrapServers();
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-kcat-example");
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (EnrichApp app =
                        EnrichApp.start(ArticleEnricher.withDefaults(), EnrichApp.streamsConfig(bootstrap, overrides));
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                Admin admin = Admin.create(KafkaTestSupport.client(bootstrap))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            for (RawArticle a : articles) {
                KafkaTestSupport.send(
                        producer,
                        new ProducerRecord<>(
                                Topics.RAW,
                                a.id().getBytes(StandardCharsets.UTF_8),
                                JsonSerde.rawArticle().toBytes(a)));
            }
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> EnrichApp.caughtUp(admin, "enrich-kcat-example"));
        }
        List<String> expected = new ArrayList<>();
        for (var r : KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED)) {
            EnrichedArticle e = JsonSerde.enrichedArticle().fromBytes(r.value());
            expected.add(e.id() + ": "
                    + e.entities().stream().map(KcatExampleIT::line).collect(Collectors.joining("; ")));
        }
        assertThat(expected).hasSize(articles.size());

        // the command of docs/record-model.md, with this broker's address
        Process p = new ProcessBuilder(
                        "bash",
                        "-o",
                        "pipefail",
                        "-c",
                        kcat + " -C -b " + bootstrap + " -t " + Topics.ENRICHED + " -e -q -f '%s\\n' | jq -r -f "
                                + filter)
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.strip().lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(out)
                .as("entities without a canonical name print their Urdu text")
                .containsPattern("DATE \\p{IsArabic}");
    }

    private static String line(ArticleEntity a) {
        String name = a.canonicalName() != null ? a.canonicalName() : a.text();
        return a.key() + " " + a.type() + " " + name + " x" + a.mentions().size();
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
