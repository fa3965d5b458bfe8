package io.khabar.enrich.stories;

/**
 * Mentions of one entity: for one article (articles = 1), or summed over a window.
 *
 * @param key      entity key
 * @param type     entity type
 * @param name     display name (canonical, else surface)
 * @param articles articles mentioning it
 * @param mentions mentions in them
 */
public record TrendCount(String key, String type, String name, long articles, long mentions) {

    /** This count plus another. */
    public TrendCount plus(TrendCount o) {
        return new TrendCount(
                o.key(),
                o.type() != null ? o.type() : type,
                o.name() != null ? o.name() : name,
                articles + o.articles(),
                mentions + o.mentions());
    }
}
