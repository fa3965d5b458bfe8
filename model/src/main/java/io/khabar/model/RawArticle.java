package io.khabar.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An article as ingested, before any processing: the value of the raw topic, keyed by {@link #id()}.
 *
 * @param schemaVersion version of this record's shape; {@link #SCHEMA_VERSION} for records written by this code
 * @param id            stable id: hash of the canonical URL when there is one, else of the content
 * @param source        where it came from, e.g. {@code file:seeds/a.txt} or {@code rss:https://…}
 * @param url           canonical URL, or null
 * @param title         headline as found
 * @param body          body text as found, paragraphs separated by a blank line
 * @param languageHint  language the source claims (BCP 47, e.g. {@code ur}), or null
 * @param publishedAt   publication time the source gives, or null
 * @param fetchedAt     when khabar read it
 * @param contentHash   {@code sha256:} + hex SHA-256 of title, a newline and body (UTF-8)
 * @param extra         source fields khabar has no field for (e.g. unknown JSON fields), or empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RawArticle(
        int schemaVersion,
        String id,
        String source,
        String url,
        String title,
        String body,
        String languageHint,
        Instant publishedAt,
        Instant fetchedAt,
        String contentHash,
        Map<String, Object> extra) {

    /** The schema version this code writes and fully understands. */
    public static final int SCHEMA_VERSION = 1;

    public RawArticle {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /**
     * Builds a raw article with the current schema version, the content hash computed from title and body,
     * and the id derived from the URL or the hash (see {@link ArticleIds}).
     */
    public static RawArticle of(String source, String url, String title, String body, String languageHint,
                                Instant publishedAt, Instant fetchedAt, Map<String, Object> extra) {
        String hash = ArticleIds.contentHash(title, body);
        return new RawArticle(SCHEMA_VERSION, ArticleIds.idFor(url, hash), source, url, title, body, languageHint,
                publishedAt, Objects.requireNonNull(fetchedAt, "fetchedAt"), hash, extra);
    }
}
