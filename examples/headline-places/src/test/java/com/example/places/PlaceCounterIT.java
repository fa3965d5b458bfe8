package com.example.places;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khabar.testsupport.KhabarPipeline;
import io.khabar.testsupport.KhabarPipelineTest;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The app against a real khabar: a broker and khabar's enrich app, in a JVM of their own. */
@KhabarPipelineTest
class PlaceCounterIT {

    @Test
    void countsThePlacesKhabarFoundInAnArticle(KhabarPipeline khabar) throws Exception {
        String id = khabar.publish(
                "لاہور اور کراچی میں بارش", "لاہور میں صبح سے بارش جاری ہے۔\n\nکراچی میں بھی بادل چھائے رہے۔");
        khabar.awaitEnriched(id); // khabar has done its part

        try (PlaceCounter counter = new PlaceCounter(khabar.bootstrapServers(), "places-" + id)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (counter.articlesPerPlace().size() < 2 && System.nanoTime() < deadline) {
                counter.poll(Duration.ofMillis(500));
            }
            Map<String, Integer> places = counter.articlesPerPlace();
            assertTrue(places.keySet().stream().anyMatch(p -> p.equals("Lahore") || p.equals("لاہور")), places::toString);
            assertTrue(places.keySet().stream().anyMatch(p -> p.equals("Karachi") || p.equals("کراچی")), places::toString);
        }
    }

    @Test
    void runsOnTheKafkaClientThisBuildChoseWithNoKhabarClassesBesideIt() {
        String expected = System.getProperty("expected.kafka-clients.version");
        assertEquals(expected, AppInfoParser.getVersion(), "the app's own kafka-clients, not khabar's 4.4");
        ClassLoader cl = getClass().getClassLoader();
        assertNull(cl.getResource("io/khabar/enrich/EnrichApp.class"), "khabar's enrich app is in the child JVM only");
        assertNull(cl.getResource("org/apache/kafka/streams/KafkaStreams.class"), "no Kafka Streams on the app's path");
    }
}
