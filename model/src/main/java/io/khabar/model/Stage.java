package io.khabar.model;

import java.util.Locale;

/** The pipeline stage that wrote a dead letter; its {@link #id()} is the {@link DeadLetters#STAGE} header value. */
public enum Stage {
    /** Reading files, feeds and pages, publishing raw articles. */
    INGEST,
    /** The Kafka Streams app from the raw to the enriched topic. */
    ENRICH,
    /** The consumer from the enriched topic to PostgreSQL or JSON Lines files. */
    SINK,
    /** The web view: the Kafka Streams app that materialises the enriched topic for {@code khabar serve}. */
    SERVE;

    /** The lower-case name written to headers and shown to users: {@code ingest}, {@code enrich}, {@code sink}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stage with this {@link #id()}, or null for null or an unknown name. */
    public static Stage of(String id) {
        if (id == null) {
            return null;
        }
        for (Stage s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id();
    }
}
