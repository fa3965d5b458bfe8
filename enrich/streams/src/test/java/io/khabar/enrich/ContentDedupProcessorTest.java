package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three content-dedup steps alone, with claims and verdicts delivered in the orders that partitions running at
 * their own pace can produce (a single-partition TopologyTestDriver always answers a claim before the next raw
 * record): first claim of a hash wins, copies dropped, a newer version replacing one still waiting, stale verdicts.
 */
class ContentDedupProcessorTest {

    private static final Duration RETENTION = Duration.ofDays(1);

    private MockProcessorContext<String, String> claimContext;
    private MockProcessorContext<String, String> decideContext;
    private MockProcessorContext<String, EnrichedArticle> enrichContext;
    private EnrichProcessors.Claim claim;
    private EnrichProcessors.DecideContent decide;
    private EnrichProcessors.EnrichOnVerdict onVerdict;
    private KeyValueStore<String, PendingArticle> pending;
    private EnrichMetrics metrics;
    private ParsedArticles parsed;
    private long offset;

    @BeforeEach
    void setUp() {
        claimContext = new MockProcessorContext<>();
        decideContext = new MockProcessorContext<>();
        enrichContext = new MockProcessorContext<>();
        enrichContext.setCurrentSystemTimeMs(System.currentTimeMillis());
        // the raw-partition task: the claim and verdict steps share the version and pending stores
        WindowStore<String, String> versions = windowStore(EnrichTopology.VERSION_STORE);
        versions.init(claimContext.getStateStoreContext(), versions);
        pending = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(EnrichTopology.PENDING_STORE),
                        Serdes.String(),
                        PendingArticle.serde())
                .withLoggingDisabled()
                .build();
        pending.init(claimContext.getStateStoreContext(), pending);
        claimContext.addStateStore(versions);
        claimContext.addStateStore(pending);
        enrichContext.addStateStore(versions);
        enrichContext.addStateStore(pending);
        WindowStore<String, String> hashes = windowStore(EnrichTopology.CONTENT_STORE);
        hashes.init(decideContext.getStateStoreContext(), hashes);
        decideContext.addStateStore(hashes);

        metrics = EnrichMetrics.inMemory();
        parsed = new ParsedArticles(); // shared as in the topology: the enrich step takes what the claim step parsed
        claim = new EnrichProcessors.Claim(
                EnrichTopology.VERSION_STORE, EnrichTopology.PENDING_STORE, RETENTION, metrics, parsed);
        claim.init(claimContext);
        decide = new EnrichProcessors.DecideContent(EnrichTopology.CONTENT_STORE, RETENTION);
        decide.init(decideContext);
        onVerdict = new EnrichProcessors.EnrichOnVerdict(
                EnrichTopology.VERSION_STORE, EnrichTopology.PENDING_STORE, TestArticles::fakeEnrich, metrics, parsed);
        onVerdict.init(enrichContext);
    }

    private static WindowStore<String, String> windowStore(String name) {
        return Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore(name, RETENTION, Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.String())
                .withLoggingDisabled()
                .build();
    }

    /** Reads {@code a} from raw partition 0 at the next offset; returns the claims sent (none or one). */
    private List<Record<String, String>> read(RawArticle a) {
        long o = offset++;
        RecordHeaders h = new RecordHeaders();
        h.add(DeadLetterRecords.RAW_TOPIC, Topics.RAW.getBytes(StandardCharsets.UTF_8));
        h.add(DeadLetterRecords.RAW_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        h.add(DeadLetterRecords.RAW_OFFSET, String.valueOf(o).getBytes(StandardCharsets.UTF_8));
        claimContext.resetForwards();
        claim.process(new Record<>(a.id(), new RawRecord(json(a), a), 1_000L + o, h));
        List<Record<String, String>> out = new ArrayList<>();
        claimContext.forwarded().forEach(f -> out.add(copy(f.record())));
        return out;
    }

    private static Record<String, String> copy(Record<? extends String, ? extends String> r) {
        return new Record<>(r.key(), r.value(), r.timestamp(), r.headers());
    }

    private Record<String, String> claimOf(RawArticle a) {
        List<Record<String, String>> claims = read(a);
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).key()).isEqualTo(a.contentHash());
        assertThat(claims.get(0).value().getBytes(StandardCharsets.UTF_8))
                .as("a claim is small: raw partition, offset and id")
                .hasSizeLessThan(200);
        assertThat(claims.get(0).headers().toArray()).isEmpty();
        return claims.get(0);
    }

    private Record<String, String> verdictOn(Record<String, String> claimRecord) {
        decideContext.resetForwards();
        decide.process(claimRecord);
        assertThat(decideContext.forwarded()).hasSize(1);
        return copy(decideContext.forwarded().get(0).record());
    }

    private List<EnrichedArticle> deliver(Record<String, String> verdict) {
        enrichContext.resetForwards();
        onVerdict.process(verdict);
        List<EnrichedArticle> out = new ArrayList<>();
        enrichContext.forwarded().forEach(f -> out.add(f.record().value()));
        return out;
    }

    @Test
    void shouldEnrichTheArticleTheClaimStepParsedAndParseThePendingBytesWhenItIsNotKept() {
        RawArticle a = article("https://example.pk/p", "پہلی خبر", "کراچی میں بارش ہوئی۔");
        Record<String, String> verdict = verdictOn(claimOf(a));
        assertThat(parsed.size()).as("the claim step kept its parse").isEqualTo(1);
        assertThat(deliver(verdict)).extracting(EnrichedArticle::article).containsExactly(a);
        assertThat(parsed.size()).as("taken by the enrich step").isZero();

        // not kept (a restart, or more than MAX waiting) or kept for other content: parsed from the pending store
        RawArticle b = article("https://example.pk/q", "دوسری خبر", "پشاور میں برف باری ہوئی۔");
        Record<String, String> claimB = claimOf(b);
        EnrichProcessors.ContentClaim c = EnrichProcessors.ContentClaim.parse(claimB.value());
        RawArticle other = article("https://example.pk/q", "کوئی اور خبر", "کوئٹہ میں سردی ہے۔");
        parsed.take(c.partition(), c.offset(), b.id(), b.contentHash());
        parsed.put(c.partition(), c.offset(), b.id(), other.contentHash(), other);
        assertThat(deliver(verdictOn(claimB)))
                .extracting(EnrichedArticle::article)
                .containsExactly(b);
        assertThat(parsed.size()).isZero();

        // a stale verdict forgets what was kept for its version
        RawArticle v1 = article("https://example.pk/r", "خبر", "پہلا متن");
        RawArticle v2 = article("https://example.pk/r", "خبر", "دوسرا متن");
        Record<String, String> claim1 = claimOf(v1);
        Record<String, String> claim2 = claimOf(v2);
        assertThat(deliver(verdictOn(claim1))).isEmpty();
        assertThat(deliver(verdictOn(claim2)))
                .extracting(EnrichedArticle::article)
                .containsExactly(v2);
        assertThat(parsed.size()).isZero();
    }

    @Test
    void shouldKeepAtMostMaxParsedArticlesAndForgetAClosedTasksOnes() {
        ParsedArticles p = new ParsedArticles();
        RawArticle a = article(1);
        for (int i = 0; i < ParsedArticles.MAX + 10; i++) {
            p.put(i % 2, i, a.id(), a.contentHash(), a);
        }
        assertThat(p.size()).isEqualTo(ParsedArticles.MAX);
        assertThat(p.take(0, 0, a.id(), "sha256:other")).as("other content").isNull();
        assertThat(p.take(1, 1, "other-id", a.contentHash())).as("another id").isNull();
        assertThat(p.take(0, 2, a.id(), a.contentHash())).isSameAs(a);
        p.forget(1);
        assertThat(p.size()).isEqualTo(ParsedArticles.MAX / 2 - 2);
        assertThat(p.take(0, ParsedArticles.MAX, a.id(), a.contentHash()))
                .as("never kept")
                .isNull();
    }

    @Test
    void shouldLetTheFirstClaimOfAHashWinWhicheverIdWasReadFirst() {
        RawArticle withUrl = article("https://example.pk/a", "ایک خبر", "لاہور میں بارش ہوئی۔");
        RawArticle withoutUrl = article(null, "ایک خبر", "لاہور میں بارش ہوئی۔");
        Record<String, String> first = claimOf(withUrl);
        Record<String, String> second = claimOf(withoutUrl);
        // the later article's claim reaches the content-hash step first (its raw partition ran ahead)
        Record<String, String> winner = verdictOn(second);
        Record<String, String> loser = verdictOn(first);

        assertThat(winner.key()).isEqualTo(withoutUrl.id());
        assertThat(EnrichProcessors.ContentVerdict.parse(winner.value()).enrich())
                .isTrue();
        assertThat(EnrichProcessors.ContentVerdict.parse(loser.value()).enrich())
                .isFalse();
        assertThat(deliver(loser)).isEmpty();
        assertThat(deliver(winner)).extracting(EnrichedArticle::id).containsExactly(withoutUrl.id());
        assertThat(metrics.duplicateCount(EnrichMetrics.SAME_CONTENT)).isEqualTo(1);
        assertThat(pending.approximateNumEntries())
                .as("both verdicts cleared their pending article")
                .isZero();
    }

    @Test
    void shouldDropEveryLaterCopyAndKeepAnsweringTheFirstIdEnrich() {
        RawArticle a = article("https://example.pk/a", "ایک خبر", "کراچی میں بارش ہوئی۔");
        RawArticle copy = article("https://other.pk/a", "ایک خبر", "کراچی میں بارش ہوئی۔");
        assertThat(deliver(verdictOn(claimOf(a)))).hasSize(1);
        assertThat(deliver(verdictOn(claimOf(copy)))).isEmpty();
        assertThat(read(a))
                .as("the same id and content again: dropped on its raw partition, no claim")
                .isEmpty();
        RawArticle a2 = article("https://example.pk/a", "ایک خبر", "کراچی میں تیز بارش ہوئی۔");
        assertThat(deliver(verdictOn(claimOf(a2))))
                .extracting(EnrichedArticle::contentHash)
                .containsExactly(a2.contentHash());
        assertThat(metrics.duplicateCount(EnrichMetrics.SAME_CONTENT)).isEqualTo(1);
        assertThat(metrics.duplicateCount(EnrichMetrics.SAME_ID)).isEqualTo(1);
    }

    @Test
    void shouldReplaceAVersionStillWaitingAndIgnoreItsStaleVerdictInEitherOrder() {
        RawArticle v1 = article("https://example.pk/x", "خبر", "پہلا متن۔");
        RawArticle v2 = article("https://example.pk/x", "خبر", "دوسرا متن۔");
        Record<String, String> c1 = claimOf(v1);
        Record<String, String> c2 = claimOf(v2); // v1 is still waiting: v2 replaces it
        assertThat(metrics.duplicateCount(EnrichMetrics.SUPERSEDED)).isEqualTo(1);
        Record<String, String> verdict1 = verdictOn(c1);
        Record<String, String> verdict2 = verdictOn(c2);

        assertThat(deliver(verdict2)).extracting(EnrichedArticle::contentHash).containsExactly(v2.contentHash());
        assertThat(deliver(verdict1))
                .as("stale: v1 was replaced before its verdict came")
                .isEmpty();

        RawArticle v3 = article("https://example.pk/x", "خبر", "تیسرا متن۔");
        RawArticle v4 = article("https://example.pk/x", "خبر", "چوتھا متن۔");
        Record<String, String> verdict3 = verdictOn(claimOf(v3));
        Record<String, String> verdict4 = verdictOn(claimOf(v4));
        assertThat(deliver(verdict3)).as("stale, arriving first").isEmpty();
        assertThat(deliver(verdict4)).extracting(EnrichedArticle::contentHash).containsExactly(v4.contentHash());
        assertThat(deliver(verdict4))
                .as("a verdict already handled does nothing")
                .isEmpty();
        assertThat(pending.approximateNumEntries()).isZero();
    }

    @Test
    void shouldDropARevertToTheEnrichedVersionWhileANewerOneWaits() {
        RawArticle v1 = article("https://example.pk/x", "خبر", "پہلا متن۔");
        RawArticle v2 = article("https://example.pk/x", "خبر", "دوسرا متن۔");
        assertThat(deliver(verdictOn(claimOf(v1)))).hasSize(1);
        Record<String, String> c2 = claimOf(v2);
        assertThat(read(v1))
                .as("back to the enriched text before v2's verdict: nothing to enrich")
                .isEmpty();
        assertThat(deliver(verdictOn(c2)))
                .as("v2 was superseded by the revert, so v1 stays the latest")
                .isEmpty();
        assertThat(pending.approximateNumEntries()).isZero();
        assertThat(metrics.duplicateCount(EnrichMetrics.SUPERSEDED)).isEqualTo(1);
        assertThat(metrics.duplicateCount(EnrichMetrics.SAME_ID)).isEqualTo(1);
    }

    @Test
    void shouldKeepThePendingArticleByteForByteWithItsHeaders() {
        RawArticle a = article(5);
        RecordHeaders h = new RecordHeaders();
        h.add("trace-id", "t-5".getBytes(StandardCharsets.UTF_8));
        h.add("no-value", null);
        PendingArticle p = new PendingArticle(3, 77L, 1234L, a.contentHash(), h, json(a));
        PendingArticle back = PendingArticle.read(PendingArticle.write(p));
        assertThat(back.bytes()).isEqualTo(json(a));
        assertThat(back.is(3, 77L)).isTrue();
        assertThat(back.timestamp()).isEqualTo(1234L);
        assertThat(back.hash()).isEqualTo(a.contentHash());
        assertThat(back.headers().lastHeader("trace-id").value()).isEqualTo("t-5".getBytes(StandardCharsets.UTF_8));
        assertThat(back.headers().lastHeader("no-value").value()).isNull();
    }

    @Test
    void shouldRouteAVerdictToTheRawPartitionItsArticleWaitsOn() {
        EnrichProcessors.VerdictPartitioner partitioner = new EnrichProcessors.VerdictPartitioner();
        String verdict = new EnrichProcessors.ContentVerdict(true, 5, 9L).toString();
        assertThat(partitioner.partitions("t", "id-hashing-elsewhere", verdict, null, 8))
                .contains(java.util.Set.of(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> partitioner.partitions("t", "x", verdict, null, 4))
                .hasMessageContaining("as many as the raw topic");
    }

    @Test
    void shouldAnswerEnrichRatherThanStrandTheArticleWhenTheHashStoreFails() {
        MockProcessorContext<String, String> broken = new MockProcessorContext<>();
        @SuppressWarnings("unchecked")
        WindowStore<String, String> failingStore =
                (WindowStore<String, String>) java.lang.reflect.Proxy.newProxyInstance(
                        WindowStore.class.getClassLoader(),
                        new Class<?>[] {WindowStore.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("name")) {
                                return EnrichTopology.CONTENT_STORE;
                            }
                            throw new org.apache.kafka.streams.errors.ProcessorStateException("the disk is gone");
                        });
        broken.addStateStore(failingStore);
        RawArticle a = article(6);
        EnrichProcessors.DecideContent failing =
                new EnrichProcessors.DecideContent(EnrichTopology.CONTENT_STORE, RETENTION);
        failing.init(broken);
        failing.process(claimOf(a));

        assertThat(broken.forwarded()).hasSize(1);
        Record<String, String> verdict = copy(broken.forwarded().get(0).record());
        assertThat(EnrichProcessors.ContentVerdict.parse(verdict.value()).enrich())
                .isTrue();
        assertThat(deliver(verdict)).extracting(EnrichedArticle::id).containsExactly(a.id());
        assertThat(pending.approximateNumEntries()).isZero();
    }
}
