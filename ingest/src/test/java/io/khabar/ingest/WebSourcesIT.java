package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.DeadLetters;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Feeds and article pages from a local web server, on a real broker: the exact raw and dead-letter records. */
class WebSourcesIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = SharedBroker.KAFKA;

    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T13:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldPublishFeedItemsAndPagesKeyedByUrlHashAndDeadLetterWhatCannotBeRead() throws Exception {
        try (TestWebServer web = new TestWebServer()) {
            String base = web.url("");
            web.text("/feed.xml", "application/rss+xml", WebFixtures.urduRss(base))
                    .text("/news/3", "text/html; charset=utf-8", WebFixtures.urduPage(base))
                    .text("/empty", "text/html", "<html><body><nav><p>مینو</p></nav></body></html>")
                    .text("/robots.txt", "text/plain", WebFixtures.ROBOTS);
            HttpFetcher http = new HttpFetcher(
                    Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ZERO, 1 << 20, true); // loopback server
            Map<TopicPartition, Long> raw = SharedBroker.mark(Topics.RAW);
            Map<TopicPartition, Long> dlq = SharedBroker.mark(Topics.DEAD_LETTER);

            IngestSummary summary = Ingest.run(
                    List.of(
                            new FeedSource(List.of(web.url("/feed.xml")), http, Duration.ZERO, false, 16 << 20, clock),
                            new PageSource(
                                    List.of(
                                            base + "/news/3?utm=x#top",
                                            base + "/empty",
                                            base + "/missing",
                                            base + "/private/9"),
                                    new ArticlePages(http),
                                    clock)),
                    SharedBroker.client());

            assertThat(summary.published()).isEqualTo(4);
            assertThat(summary.rejected()).isEqualTo(4);
            String feed = "rss:" + web.url("/feed.xml");
            Map<String, Object> feedExtra = Map.of("feedTitle", "خبریں");
            RawArticle page = RawArticle.of(
                    feed,
                    base + "/news/3",
                    "اسلام آباد کی خبر",
                    "وفاقی کابینہ کا اجلاس ہوا۔\n\nاجلاس میں اہم فیصلے کیے گئے۔",
                    "ur",
                    Instant.parse("2021-09-21T07:00:00Z"),
                    clock.instant(),
                    feedExtra);
            List<ConsumerRecord<byte[], byte[]>> records = SharedBroker.readSince(raw, 4);
            assertThat(records)
                    .extracting(r -> JsonSerde.rawArticle().fromBytes(r.value()))
                    .containsExactlyInAnyOrder(
                            RawArticle.of(
                                    feed,
                                    base + "/news/1",
                                    "کراچی میں بارش",
                                    "شہر میں تیز بارش ہوئی۔\n\nسڑکیں زیر آب آ گئیں۔",
                                    "ur",
                                    Instant.parse("2021-09-21T10:00:00Z"),
                                    clock.instant(),
                                    Map.of(
                                            "guid",
                                            "khabar-1",
                                            "author",
                                            "نامہ نگار",
                                            "categories",
                                            List.of("موسم"),
                                            "feedTitle",
                                            "خبریں")),
                            RawArticle.of(
                                    feed,
                                    base + "/news/2",
                                    "لاہور میں جلسہ",
                                    "مینار پاکستان پر جلسہ ہوا۔",
                                    "ur",
                                    Instant.parse("2021-09-21T11:00:00Z"),
                                    clock.instant(),
                                    feedExtra),
                            page,
                            RawArticle.of(
                                    "page:" + base + "/news/3?utm=x#top",
                                    base + "/news/3",
                                    "اسلام آباد میں اجلاس",
                                    page.body(),
                                    "ur",
                                    page.publishedAt(),
                                    clock.instant(),
                                    Map.of("description", "اجلاس کا خلاصہ", "section", "پاکستان")));
            assertThat(records)
                    .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                            .isEqualTo(
                                    JsonSerde.rawArticle().fromBytes(r.value()).id()));
            // the feed item and the page are one article: same canonical URL, same id, same key
            assertThat(records)
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .filteredOn(page.id()::equals)
                    .hasSize(2);

            assertThat(SharedBroker.readSince(dlq, 4))
                    .extracting(r -> DeadLetters.header(r.headers(), DeadLetters.SOURCE_LOCATION) + " "
                            + DeadLetters.header(r.headers(), DeadLetters.REASON))
                    .containsExactlyInAnyOrder(
                            base + "/private/4 robots-disallowed",
                            base + "/private/9 robots-disallowed",
                            base + "/empty no-text",
                            base + "/missing fetch-failed");
        }
    }
}
