-- khabar sink schema, version 3 (after V2, which keys article_entities by entity key): outlets, stories, trends.

-- The publisher of each article and its story (near-duplicate group across outlets, see docs/stories.md).
ALTER TABLE articles ADD COLUMN outlet text;
ALTER TABLE articles ADD COLUMN story_id text;
ALTER TABLE articles ADD COLUMN story_similarity double precision;
CREATE INDEX articles_outlet ON articles (lower(outlet));
CREATE INDEX articles_story ON articles (story_id) WHERE story_id IS NOT NULL;

-- One row per story with at least one article: recomputed from articles by the sink in the same transaction as
-- the articles, so it always agrees with them. story_id is the id of the story's first (earliest) article.
CREATE TABLE stories (
    story_id           text        PRIMARY KEY,
    title              text,        -- the first article's normalised title
    articles           integer     NOT NULL,
    outlets            integer     NOT NULL,
    outlet_names       text[]      NOT NULL,
    first_published_at timestamptz,
    last_published_at  timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stories_outlets ON stories (outlets DESC, last_published_at DESC);

-- Articles per entity key in hourly and daily event-time windows, from the topic khabar.entities.trending
-- (the latest count of each window; see docs/stories.md for windows and grace periods).
CREATE TABLE entity_trends (
    entity_key   text        NOT NULL,
    entity_type  text        NOT NULL,
    name         text,
    window_size  text        NOT NULL CHECK (window_size IN ('hour', 'day')),
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    articles     bigint      NOT NULL,
    mentions     bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_key, window_size, window_start)
);
CREATE INDEX entity_trends_window ON entity_trends (window_size, window_start DESC, articles DESC);
