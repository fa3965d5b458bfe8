package io.khabar.enrich;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The enrich app in a JVM of its own, for {@link EnrichCrashIT}: args are bootstrap servers, state directory and
 * application id. Prints {@code RUNNING} once processing, closes on SIGTERM (printing {@code CLOSED clean=…}),
 * and dies on the spot on SIGKILL.
 */
public final class EnrichChild {

    private EnrichChild() {}

    public static void main(String[] args) throws Exception {
        Properties o = new Properties();
        o.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
        o.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
        // long transactions, so that a kill lands inside one; 4 ms per article, so that 2,000 articles take longer
        // than the test needs to kill, restart and stop the child, on a fast machine too
        o.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        // static membership: the restarted child takes the killed one's place in the group without waiting for
        // its session to time out; and a killed member leaves the group soon anyway
        o.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), args[2] + "-child");
        o.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
        o.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
        o.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        o.put(io.khabar.enrich.stories.StorySettings.ENABLED_CONFIG, System.getProperty("khabar.it.stories", "true"));
        EnrichApp app = EnrichApp.start(new SlowEnricher(4000), EnrichApp.streamsConfig(args[0], o));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            boolean clean = app.close(Duration.ofSeconds(30));
                            System.out.println("CLOSED clean=" + clean + " enriched="
                                    + (long) app.metrics().enrichedCount());
                            System.out.flush();
                            closed.countDown();
                        },
                        "enrich-child-shutdown"));
        if (app.awaitRunning(Duration.ofSeconds(120))) {
            System.out.println("RUNNING");
            System.out.flush();
        }
        closed.await();
    }
}
