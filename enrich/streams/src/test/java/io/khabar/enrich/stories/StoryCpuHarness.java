package io.khabar.enrich.stories;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (surefire does not pick it up; run it with {@code -Dtest=StoryCpuHarness}): the Streams thread's CPU per
 * article in the whole story stage (stories and trending, {@link StoryTopology#addTo}) on TopologyTestDriver, over the
 * 2,485 real articles enriched once, in {@code khabar.story.cpu.passes} passes after a warm-up pass, each pass a new
 * driver (empty stores). TopologyTestDriver commits after every record and runs the repartitions in the same thread,
 * so the absolute figure is not the app's; run it on two builds to compare them (docs/benchmarks.md).
 */
class StoryCpuHarness {

    private static final Path REAL_NEWS = Path.of("/work/shared/real-news/articles.jsonl");

    @TempDir
    Path stateDir;

    @Test
    void measure() throws Exception {
        assumeTrue(Files.isRegularFile(REAL_NEWS), "no real news");
        List<EnrichedArticle> articles = RealNewsEnriched.load(REAL_NEWS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int passes = Integer.getInteger("khabar.story.cpu.passes", 4);
        for (int pass = 0; pass <= passes; pass++) {
            try (TopologyTestDriver driver = driver(pass)) {
                TestInputTopic<String, EnrichedArticle> in = driver.createInputTopic(
                        "in",
                        new StringSerializer(),
                        JsonSerde.enrichedArticle().serializer());
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (EnrichedArticle a : articles) {
                    in.pipeInput(a.id(), a, StoryProcessors.eventTime(a));
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long out = driver.createOutputTopic(
                                "out",
                                new org.apache.kafka.common.serialization.StringDeserializer(),
                                new org.apache.kafka.common.serialization.ByteArrayDeserializer())
                        .getQueueSize();
                System.out.printf(
                        "%s: %.3f ms/article (%d articles out)%n",
                        pass == 0 ? "warm-up pass" : "pass " + pass, cpu / 1e6 / articles.size(), out);
            }
        }
    }

    private TopologyTestDriver driver(int pass) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, EnrichedArticle> in =
                b.stream("in", Consumed.with(Serdes.String(), JsonSerde.enrichedArticle()));
        StoryTopology.addTo(b, in, StorySettings.on())
                .to("out", Produced.with(Serdes.String(), JsonSerde.enrichedArticle()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "story-cpu");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("pass-" + pass).toString());
        return new TopologyTestDriver(b.build(), p);
    }
}
