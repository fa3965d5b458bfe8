package io.khabar.enrich.stories;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (surefire does not pick it up; run it with {@code -Dtest=TrendingCpuHarness}): the Streams thread's CPU
 * per article in the trending stage alone, on TopologyTestDriver, in alternating passes of one JVM over the real news
 * enriched once (with the file's publication dates, as {@code khabar bench} sends them): JSON counts sending every
 * count (the code before 2 December), binary counts sending every count, binary counts with the skip (now).
 * TopologyTestDriver commits after every record, so the absolute figures include a commit per article; compare the
 * rows. Figures in docs/benchmarks.md ("Trending stage with stories on").
 */
class TrendingCpuHarness {

    private static final Path REAL_NEWS = Path.of("/work/shared/real-news/articles.jsonl");

    @TempDir
    Path stateDir;

    enum Variant {
        /** The input alone (reading the enriched record), to subtract: in the app the stage gets it parsed. */
        INPUT_ONLY,
        JSON_ALL,
        BINARY_ALL,
        BINARY_SKIP
    }

    @Test
    void measure() throws Exception {
        assumeTrue(Files.isRegularFile(REAL_NEWS), "no real news");
        List<EnrichedArticle> articles = RealNewsEnriched.load(REAL_NEWS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int passes = Integer.getInteger("khabar.trending.cpu.passes", 3);
        for (int pass = 0; pass <= passes; pass++) {
            StringBuilder line = new StringBuilder(pass == 0 ? "warm-up pass" : "pass " + pass);
            Variant[] all = Variant.values();
            for (int i = 0; i < all.length; i++) {
                Variant v = all[(i + pass) % all.length]; // each pass starts with another variant
                long[] counted = new long[1];
                try (TopologyTestDriver driver = driver(v, pass)) {
                    TestInputTopic<String, EnrichedArticle> in = driver.createInputTopic(
                            Topics.ENRICHED,
                            new StringSerializer(),
                            JsonSerde.enrichedArticle().serializer());
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    for (EnrichedArticle a : articles) {
                        in.pipeInput(a.id(), a, StoryProcessors.eventTime(a));
                    }
                    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                    counted[0] = v == Variant.INPUT_ONLY
                            ? 0
                            : driver.createOutputTopic(
                                            Topics.TRENDING,
                                            new org.apache.kafka.common.serialization.StringDeserializer(),
                                            new org.apache.kafka.common.serialization.ByteArrayDeserializer())
                                    .getQueueSize();
                    line.append(String.format(
                            " | %s %.3f ms/article (%d trending records)", v, cpu / 1e6 / articles.size(), counted[0]));
                }
            }
            System.out.println(line);
        }
    }

    private TopologyTestDriver driver(Variant v, int pass) {
        StorySettings settings = StorySettings.on().withTrendingSkipClosed(v == Variant.BINARY_SKIP);
        StreamsBuilder b = new StreamsBuilder();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "trending-cpu");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(v + "-" + pass).toString());
        if (v == Variant.INPUT_ONLY) {
            b.stream(Topics.ENRICHED, Consumed.with(Serdes.String(), JsonSerde.enrichedArticle()))
                    .foreach((k, a) -> {}, Named.as("nothing"));
            return new TopologyTestDriver(b.build(), p);
        }
        Serde<TrendCount> counts = v == Variant.JSON_ALL ? JsonSerde.of(TrendCount.class) : new TrendCountSerde();
        TrendWindows windows = TrendWindows.of(settings);
        TrendPartitioner partitioner = new TrendPartitioner();
        KGroupedStream<String, TrendCount> byEntity = b.stream(
                        Topics.ENRICHED, Consumed.with(Serdes.String(), JsonSerde.enrichedArticle()))
                .process(
                        settings.trendingSkipClosed()
                                ? () -> new StoryProcessors.Mentions(windows, partitioner)
                                : StoryProcessors.Mentions::new,
                        Named.as("trending-mentions"))
                .repartition(Repartitioned.with(Serdes.String(), counts)
                        .withName(StoryTopology.BY_ENTITY)
                        .withStreamPartitioner(partitioner))
                .groupByKey(Grouped.with(Serdes.String(), counts));
        window(byEntity, "hour", windows.hour(), counts);
        window(byEntity, "day", windows.day(), counts);
        return new TopologyTestDriver(b.build(), p);
    }

    private static void window(
            KGroupedStream<String, TrendCount> byEntity, String size, TimeWindows w, Serde<TrendCount> counts) {
        byEntity.windowedBy(w)
                .reduce(
                        TrendCount::plus,
                        Named.as("trending-" + size + "-count"),
                        Materialized.<String, TrendCount, WindowStore<Bytes, byte[]>>as("trending-" + size)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(counts))
                .toStream(Named.as("trending-" + size + "-changes"))
                .map((k, c) -> StoryProcessors.toRecord(k, c, size), Named.as("trending-" + size + "-records"))
                .to(
                        Topics.TRENDING,
                        Produced.with(Serdes.String(), JsonSerde.of(TrendRecord.class))
                                .withName("trending-" + size + "-out"));
    }
}
