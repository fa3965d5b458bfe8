package io.khabar.enrich.stories;

import java.time.Instant;

/**
 * A value of the trending topic: how many articles mentioned an entity in one event-time window (the latest count;
 * the record is updated while the window is open and its grace period lasts).
 *
 * @param entityKey   the entity's key
 * @param entityType  its type
 * @param name        display name
 * @param window      {@code hour} or {@code day}
 * @param windowStart start (inclusive)
 * @param windowEnd   end (exclusive)
 * @param articles    articles in the window mentioning it
 * @param mentions    mentions in those articles
 */
public record TrendRecord(
        String entityKey,
        String entityType,
        String name,
        String window,
        Instant windowStart,
        Instant windowEnd,
        long articles,
        long mentions) {}
