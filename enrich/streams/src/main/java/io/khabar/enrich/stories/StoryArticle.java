package io.khabar.enrich.stories;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.khabar.model.EnrichedArticle;
import java.util.Map;

/**
 * An article waiting in the story stage (store {@link StoryTopology#ARTICLE_STORE}, by id): written once when the
 * article arrives, read when its story is resolved and again when a correction re-emits it; it expires with the
 * store's retention. The per-reply bookkeeping is the small {@link StoryState}.
 *
 * @param hash      story version of the article (see {@link StoryMessage#version(String)})
 * @param timestamp the enriched record's timestamp (event time), given back to it on output; 0 when unknown
 * @param headers   the lineage headers of the enriched record
 * @param article   the enriched article, without its story
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoryArticle(String hash, long timestamp, Map<String, String> headers, EnrichedArticle article) {}
