package io.khabar.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param outlet        the publisher: the name the source gives (e.g. {@code Geo News Urdu}), else the URL's host
 *                      without {@code www.} (e.g. {@code urdu.geo.tv}), else null (see {@link Outlets})
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
        Map<String, Object> extra,
        String outlet) {

    /** The schema version this code writes and fully understands. */
    public static final int SCHEMA_VERSION = 1;

    public RawArticle {
        extra = extra == null ? Map.of() : copyInOrder(extra);
        outlet = outlet == null || outlet.isBlank() ? Outlets.fromUrl(url) : outlet.strip();
    }

    /** A raw article of the version before {@code outlet} existed (outlet derived from the URL's host). */
    public RawArticle(
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
        this(
                schemaVersion,
                id,
                source,
                url,
                title,
                body,
                languageHint,
                publishedAt,
                fetchedAt,
                contentHash,
                extra,
                null);
    }

    /**
     * Builds a raw article with the current schema version, the content hash computed from title and body,
     * and the id derived from the URL or the hash (see {@link ArticleIds}).
     */
    public static RawArticle of(
            String source,
            String url,
            String title,
            String body,
            String languageHint,
            Instant publishedAt,
            Instant fetchedAt,
            Map<String, Object> extra) {
        return of(source, url, title, body, languageHint, publishedAt, fetchedAt, extra, null);
    }

    /**
     * As {@link #of(String, String, String, String, String, Instant, Instant, Map)} with the outlet the source
     * names; when null or blank, the outlet is the URL's host (see {@link Outlets#fromUrl}).
     */
    public static RawArticle of(
            String source,
            String url,
            String title,
            String body,
            String languageHint,
            Instant publishedAt,
            Instant fetchedAt,
            Map<String, Object> extra,
            String outlet) {
        String hash = ArticleIds.contentHash(title, body);
        return new RawArticle(
                SCHEMA_VERSION,
                ArticleIds.idFor(url, hash),
                source,
                url,
                title,
                body,
                languageHint,
                publishedAt,
                Objects.requireNonNull(fetchedAt, "fetchedAt"),
                hash,
                extra,
                outlet);
    }

    /** This article with another outlet (null derives it from the URL). */
    public RawArticle withOutlet(String newOutlet) {
        return new RawArticle(
                schemaVersion,
                id,
                source,
                url,
                title,
                body,
                languageHint,
                publishedAt,
                fetchedAt,
                contentHash,
                extra,
                newOutlet);
    }

    /**
     * The extra fields in the order given, without the ones whose value is null (JSON null says nothing): the
     * same input gives the same record bytes in every process, which {@code Map.copyOf}'s per-JVM order did not.
     */
    private static Map<String, Object> copyInOrder(Map<String, Object> extra) {
        Map<String, Object> copy = new LinkedHashMap<>();
        extra.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
