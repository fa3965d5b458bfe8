package io.khabar.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An article as listed: on the latest-articles page, an entity's page and a story's page.
 *
 * @param id       article id
 * @param outlet   publisher, or null
 * @param time     publication (else fetch) time
 * @param title    headline
 * @param mentions in an entity's list, how often the entity is mentioned; elsewhere the number of entities
 * @param storyId  story id, or null
 * @param storySimilarity similarity to the story's first article, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleSummary(
        String id, String outlet, Instant time, String title, int mentions, String storyId, Double storySimilarity) {}
