package io.khabar.enrich;

import io.khabar.model.ArticleIds;
import io.khabar.model.RawArticle;
import java.util.Objects;

/**
 * A raw-topic value: the original bytes and the article parsed from them. The bytes travel through the app's
 * repartition topics unchanged, so a record rejected at any step reaches the dead-letter topic byte for byte as it
 * was ingested. Read from the raw topic the article is parsed (and checked) at once; read back from a repartition
 * topic it is parsed only if a step asks for it (the content-hash step needs only the headers).
 */
public final class RawRecord {

    private final byte[] bytes;
    private RawArticle article;
    private String contentHash;

    /** A record whose article is already parsed from {@code bytes}. */
    public RawRecord(byte[] bytes, RawArticle article) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.article = Objects.requireNonNull(article, "article");
    }

    private RawRecord(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A record of bytes that were checked on the raw topic already; parsed on first {@link #article()}. */
    static RawRecord unparsed(byte[] bytes) {
        return new RawRecord(Objects.requireNonNull(bytes, "bytes"));
    }

    /** The value exactly as on the raw topic. */
    public byte[] bytes() {
        return bytes;
    }

    /** The article parsed from {@link #bytes()}. Not thread-safe (a Streams task owns its records). */
    public RawArticle article() {
        if (article == null) {
            article = RawRecordSerde.readArticle(bytes);
        }
        return article;
    }

    /** Whether the article has been parsed. */
    boolean parsed() {
        return article != null;
    }

    /**
     * The article's content hash, always computed here from title and body ({@link ArticleIds#contentHash}). The
     * {@code contentHash} a record carries is never used: a forged one could make another article look like a
     * duplicate of it.
     */
    public String contentHash() {
        if (contentHash == null) {
            RawArticle a = article();
            contentHash = ArticleIds.contentHash(a.title(), a.body());
        }
        return contentHash;
    }
}
