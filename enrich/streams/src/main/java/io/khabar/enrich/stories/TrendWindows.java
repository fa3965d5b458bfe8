package io.khabar.enrich.stories;

import java.time.Duration;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;

/**
 * The hour and day windows of the trending counts, and the rule by which Kafka Streams' windowed aggregation drops a
 * record ({@code KStreamWindowAggregate}): a window is closed, and a record for it dropped, when its end is at or
 * before the stream time the aggregation has observed minus the grace period.
 *
 * @param hour tumbling hour windows with their grace period
 * @param day  tumbling day windows with their grace period
 */
record TrendWindows(TimeWindows hour, TimeWindows day) {

    static TrendWindows of(StorySettings settings) {
        return new TrendWindows(
                TimeWindows.ofSizeAndGrace(Duration.ofHours(1), settings.hourGrace()),
                TimeWindows.ofSizeAndGrace(Duration.ofDays(1), settings.dayGrace()));
    }

    /**
     * Whether a record at {@code timestamp} would be dropped by both windowed aggregations once they have observed
     * stream time {@code streamTime} (negative: nothing observed, never closed).
     */
    boolean closed(long timestamp, long streamTime) {
        return streamTime >= 0
                && timestamp >= 0
                && closed(hour, timestamp, streamTime)
                && closed(day, timestamp, streamTime);
    }

    private static boolean closed(TimeWindows windows, long timestamp, long streamTime) {
        long closeTime = streamTime - windows.gracePeriodMs();
        if (timestamp >= closeTime) {
            return false; // the window of the record ends after the record, so after the close time
        }
        for (Window w : windows.windowsFor(timestamp).values()) {
            if (w.end() > closeTime) {
                return false;
            }
        }
        return true;
    }
}
