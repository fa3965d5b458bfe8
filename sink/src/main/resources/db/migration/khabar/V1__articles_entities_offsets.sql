-- khabar sink schema, version 1. Applied by Flyway on sink start; never edit an applied migration, add V2__...

-- One row per article id: the latest version written (see the upsert in PostgresTarget).
CREATE TABLE articles (
    id                  text        PRIMARY KEY,
    schema_version      integer     NOT NULL,
    content_hash        text        NOT NULL,
    title               text        NOT NULL,
    body                text        NOT NULL,
    language            text,
    language_confidence double precision NOT NULL,
    sentence_count      integer     NOT NULL,
    token_count         integer     NOT NULL,
    enricher_version    text,
    enriched_at         timestamptz,
    -- the entities as found (a JSON array of objects); also as rows of article_entities
    entities            jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(entities) = 'array'),
    -- the raw article as ingested, as columns (JSON parsing of 5 KB bodies would halve the write rate).
    -- raw_id, raw_title, raw_body and raw_content_hash are NULL when equal to id, title, body, content_hash.
    raw_schema_version  integer,     -- NULL when the enriched article carried no raw article
    raw_id              text,
    source              text,
    url                 text,
    raw_title           text,
    raw_body            text,
    language_hint       text,
    published_at        timestamptz,
    fetched_at          timestamptz,
    raw_content_hash    text,
    raw_extra           jsonb,
    -- where this version was read from: the version order is the offset order within a partition
    kafka_topic         text        NOT NULL,
    kafka_partition     integer     NOT NULL,
    kafka_offset        bigint      NOT NULL,
    written_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX articles_published_at ON articles (published_at DESC);

-- Faster compression of large text where the server has it (PostgreSQL 14+ built with lz4).
DO $$
BEGIN
    ALTER TABLE articles ALTER COLUMN body SET COMPRESSION lz4;
    ALTER TABLE articles ALTER COLUMN raw_body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error OR undefined_object THEN
    RAISE NOTICE 'lz4 compression not available, articles use the default';
END $$;

-- The entities of each article as rows, for "articles mentioning X". Rewritten whenever the article is.
CREATE TABLE article_entities (
    article_id     text    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal        integer NOT NULL,
    type           text    NOT NULL,
    canonical_name text,
    surface        text    NOT NULL,
    field          text    NOT NULL,
    start_offset   integer NOT NULL,
    end_offset     integer NOT NULL,
    original_start integer NOT NULL,
    original_end   integer NOT NULL,
    wikidata_id    text,
    method         text,
    PRIMARY KEY (article_id, ordinal)
);

CREATE INDEX article_entities_canonical ON article_entities (lower(canonical_name), type);
CREATE INDEX article_entities_surface ON article_entities (surface, type);
CREATE INDEX article_entities_wikidata ON article_entities (wikidata_id) WHERE wikidata_id IS NOT NULL;

-- Kafka positions stored in the same transaction as the rows: the next offset to read per partition.
CREATE TABLE sink_offsets (
    group_id    text        NOT NULL,
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, topic, partition)
);
